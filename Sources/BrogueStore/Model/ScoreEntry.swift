/// A score to record when a game ends (`GameStore.finishGame`).
public struct ScoreEntry: Sendable, Hashable {
    /// The score itself; higher ranks first.
    public var points: Int
    /// Who played, when the host knows a name.
    public var playerName: String?

    public init(points: Int, playerName: String? = nil) {
        self.points = points
        self.playerName = playerName
    }
}
