public import BrogueCore

/// Where each applied action goes before its result is shown: the save file.
public protocol ActionRecorder: AnyObject {
    /// Stores `action` as the game's next action, with a summary of `game` after it.
    /// - Returns: what was stored.
    /// - Throws: when it could not be stored; the session then keeps the game as it was and draws nothing.
    func record(_ action: Action, after game: Game) throws -> RecordedAction
}

/// What a recorder stored for one action.
public struct RecordedAction: Equatable, Sendable {
    /// The action's 0-based position in the game's log.
    public var seq: Int
    /// `Game.stateHash` after the action.
    public var stateHash: UInt64
    /// How long the store took to make it durable.
    public var storeTime: Duration

    public init(seq: Int, stateHash: UInt64, storeTime: Duration) {
        self.seq = seq
        self.stateHash = stateHash
        self.storeTime = storeTime
    }
}
