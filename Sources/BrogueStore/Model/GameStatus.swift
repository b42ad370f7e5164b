/// How a stored game stands. Stored as its raw text (`'playing'`, `'won'`, `'died'`,
/// `'abandoned'`), which never changes meaning once shipped.
public enum GameStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Still going: actions may be appended.
    case playing
    /// The player escaped with the Amulet.
    case won
    /// The player died.
    case died
    /// The player gave the game up.
    case abandoned

    /// True for every status but `playing`: the game takes no more actions.
    public var isFinished: Bool { self != .playing }
}
