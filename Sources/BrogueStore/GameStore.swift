public import BrogueCore

/// Durable storage for games: content set, seed and action log, plus summaries and scores.
///
/// A game is fully described by its content, seed and action log; replaying the log from the
/// seed reproduces the exact state (`Game.stateHash`). A store keeps exactly that, so a game
/// can be resumed, replayed, verified, exported and imported. Every method either does all of
/// its work or none of it.
///
/// The host appends each action *before* it shows the action's result, so a crash never
/// shows the player something the store does not have:
///
/// ```swift
/// let store = try SQLiteGameStore(path: SQLiteGameStore.defaultPath())
/// var game = Game(seed: seed, catalog: catalog)
/// let record = try store.createGame(for: game, contentSet: [ContentRef(id: "core", version: "1.0.0")])
/// var seq = record.nextSeq
/// while !game.isOver {
///     let action = nextActionFromTheKeyboard()
///     let events = game.apply(action)
///     try store.appendAction(gameID: record.id, seq: seq, action: action, game: game)
///     seq += 1
///     draw(events)
/// }
/// ```
///
/// Backends: `SQLiteGameStore` (one file, embedded) and `PostgresGameStore` (BrogueStorePostgres,
/// a server shared by a cluster); export and import come with the protocol.
public protocol GameStore: Sendable {
    /// Stores a new game with no actions yet.
    ///
    /// - Parameters:
    ///   - seed: the game's seed.
    ///   - contentHash: `ContentCatalog.contentHash` of the content it is played with.
    ///   - contentSet: the plugins that made the content, in load order.
    ///   - start: the new game's summary (its `stateHash` before any action).
    /// - Returns: the stored game, with its id.
    /// - Throws: `StoreError`.
    func createGame(seed: UInt64, contentHash: UInt64, contentSet: [ContentRef], start: GameSummary) throws(StoreError) -> GameRecord

    /// Stores one action and the game's new summary in one transaction.
    ///
    /// - Parameters:
    ///   - gameID: the game.
    ///   - seq: the action's 0-based position; must be exactly the game's `actionCount`.
    ///   - action: the action; the store keeps it in `Action.encoded` form.
    ///   - summary: the game's summary after the action.
    /// - Throws: `StoreError.outOfSequence` for a double write or a gap, `.gameFinished`,
    ///   `.gameNotFound`, `.invalidArgument` for a bad summary, and the file's failures
    ///   (`.locked`, `.diskFull`, `.readOnly`, ...). Nothing is stored on a throw.
    func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary) throws(StoreError)

    /// Ends a game: sets its status and cause, optionally a last summary, and records its
    /// score, all in one transaction.
    ///
    /// - Parameters:
    ///   - id: the game.
    ///   - status: how it ended; not `.playing`.
    ///   - cause: what ended it, e.g. `killed by a goblin on depth 4`.
    ///   - summary: the final summary, or nil to keep the stored one.
    ///   - score: the score to enter in the high-score table, if any.
    /// - Returns: the finished game.
    /// - Throws: `StoreError.gameFinished` if it already ended, `.gameNotFound`, `.invalidArgument`.
    @discardableResult
    func finishGame(
        id: Int64,
        status: GameStatus,
        cause: String?,
        summary: GameSummary?,
        score: ScoreEntry?
    ) throws(StoreError)
        -> GameRecord

    /// One game, or nil if there is none with this id.
    func game(id: Int64) throws(StoreError) -> GameRecord?

    /// A game's action log in `seq` order, in `Action.encoded` form; empty for an unknown id.
    func actions(gameID: Int64) throws(StoreError) -> [String]

    /// A game and its whole action log, read in one transaction; nil if there is no such game.
    func loadGame(id: Int64) throws(StoreError) -> StoredGame?

    /// The most recently started games first.
    ///
    /// - Parameter limit: at most this many.
    func listGames(limit: Int) throws(StoreError) -> [GameRecord]

    /// Games still being played, most recently started first.
    func unfinishedGames() throws(StoreError) -> [GameRecord]

    /// The best scores made with this content, best first (ties: the earlier score first).
    func highScores(contentHash: UInt64, limit: Int) throws(StoreError) -> [ScoreRecord]

    /// Stores a complete game (record and action log) under a new id, in one transaction:
    /// what `importGame(_:)` uses. The record's `id` is ignored; its `actionCount` must match.
    ///
    /// - Returns: the stored game with its new id.
    func insertGame(_ game: StoredGame) throws(StoreError) -> GameRecord
}
