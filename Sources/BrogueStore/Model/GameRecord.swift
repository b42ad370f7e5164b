public import Foundation

/// One stored game as the store describes it: identity, content, status and summary.
///
/// The game itself is the seed, the content and the action log (`GameStore.actions(gameID:)`);
/// everything else here is a summary kept for lists and menus.
public struct GameRecord: Sendable, Hashable {
    /// Assigned by the store when the game is created or imported.
    public var id: Int64
    public var seed: UInt64
    /// `ContentCatalog.contentHash` of the content the game is played with.
    public var contentHash: UInt64
    /// The plugins that made the content, in load order.
    public var contentSet: [ContentRef]
    public var status: GameStatus
    public var summary: GameSummary
    /// What ended the game (e.g. `killed by a goblin`), for finished games.
    public var cause: String?
    public var startedAt: Date
    public var updatedAt: Date
    /// How many actions are stored; also the `seq` the next appended action must carry.
    public var actionCount: Int

    public init(
        id: Int64,
        seed: UInt64,
        contentHash: UInt64,
        contentSet: [ContentRef],
        status: GameStatus,
        summary: GameSummary,
        cause: String?,
        startedAt: Date,
        updatedAt: Date,
        actionCount: Int
    ) {
        self.id = id
        self.seed = seed
        self.contentHash = contentHash
        self.contentSet = contentSet
        self.status = status
        self.summary = summary
        self.cause = cause
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.actionCount = actionCount
    }

    /// The `seq` the next appended action must carry.
    public var nextSeq: Int { actionCount }
}
