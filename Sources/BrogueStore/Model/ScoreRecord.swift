public import Foundation

/// One row of the high-score table.
public struct ScoreRecord: Sendable, Hashable {
    public var id: Int64
    /// The game the score was made in (one score per game).
    public var gameID: Int64
    /// Scores compare only within the same content.
    public var contentHash: UInt64
    public var points: Int
    /// The depth the game ended on.
    public var depth: Int
    public var turns: Int
    /// How the game ended (never `playing`).
    public var outcome: GameStatus
    public var cause: String?
    public var playerName: String?
    public var recordedAt: Date

    public init(
        id: Int64,
        gameID: Int64,
        contentHash: UInt64,
        points: Int,
        depth: Int,
        turns: Int,
        outcome: GameStatus,
        cause: String?,
        playerName: String?,
        recordedAt: Date
    ) {
        self.id = id
        self.gameID = gameID
        self.contentHash = contentHash
        self.points = points
        self.depth = depth
        self.turns = turns
        self.outcome = outcome
        self.cause = cause
        self.playerName = playerName
        self.recordedAt = recordedAt
    }
}
