public import BrogueCore
public import BrogueStore
public import BrogueUI

/// One stored game being played: records each action the session applies, in order, before
/// the session keeps the new state, and records how the game ended.
///
/// Made by `RecordedGames.start(seed:)` or `resume(id:)`; `game` is the game as it was then,
/// for the `PlaySession` that plays it on.
public final class RecordedGame: ActionRecorder {
    public let store: any GameStore
    /// The game's id in the store.
    public let id: Int64
    /// The game when it was started or resumed, until `handOver()` gives it away.
    public var game: Game {
        guard let start else { preconditionFailure("RecordedGame \(id): its game was read after handOver() gave it to a session") }
        return start
    }
    private var start: Game?
    /// The `seq` the next recorded action gets: the number of actions stored so far.
    public private(set) var nextSeq: Int
    private var finished: Bool
    /// In a cluster: the lease this instance holds on the game; every write is fenced by it, so
    /// an instance that lost the game cannot add to it.
    private var fence: (lease: GameLease, store: any GameLeaseStore)?

    init(store: any GameStore, record: GameRecord, game: Game) {
        self.store = store
        self.id = record.id
        self.start = game
        self.nextSeq = record.nextSeq
        self.finished = record.status.isFinished
    }

    /// Gives the game as it was started or resumed to the session that plays it on, and keeps
    /// no copy. One kept here would share nothing with the session's game after its first
    /// action, and so hold every level as it was at the start for as long as the game is hosted
    /// (a node hosts hundreds). `game` must not be read afterwards.
    public func handOver() -> Game {
        let game = self.game
        start = nil
        return game
    }

    /// Fences every later write of this game with `lease`, checked by `store` in each write's transaction.
    public func fence(with lease: GameLease, in store: any GameLeaseStore) {
        fence = (lease, store)
    }

    /// Stores `action` as the game's next action with the summary of `game`, the game after it.
    /// - Returns: what was stored: its `seq`, the game's `stateHash` after it, the time the write took.
    /// - Throws: `StoreError`; nothing is stored then, and the session keeps the game as it was.
    public func record(_ action: Action, after game: Game) throws -> RecordedAction {
        let start = ContinuousClock.now
        let summary = GameSummary(game)
        if let fence {
            try fence.store.appendAction(gameID: id, seq: nextSeq, action: action, summary: summary, holding: fence.lease)
        } else {
            try store.appendAction(gameID: id, seq: nextSeq, action: action, summary: summary)
        }
        defer { nextSeq += 1 }
        return RecordedAction(seq: nextSeq, stateHash: summary.stateHash, storeTime: ContinuousClock.now - start)
    }

    /// Records how `game` ended, with its score, once; a game still being played is recorded as
    /// abandoned only when `abandoned` is true.
    /// - Returns: the finished record, or nil when there was nothing to record.
    /// - Throws: `StoreError`.
    @discardableResult
    public func finish(_ game: Game, abandoned: Bool = false) throws(StoreError) -> GameRecord? {
        guard !finished else { return nil }
        let status: GameStatus
        var cause: String?
        switch game.outcome {
        case .won:
            status = .won
            cause = game.escapeNote
        case .died(let c, _):
            status = .died
            cause = c
        case .playing:
            guard abandoned else { return nil }
            status = .abandoned
            cause = "abandoned"
        }
        do {
            let summary = GameSummary(game)
            let score = ScoreEntry(points: game.score, playerName: nil)
            let record =
                if let fence {
                    try fence.store.finishGame(id: id, status: status, cause: cause, summary: summary, score: score, holding: fence.lease)
                } else {
                    try store.finishGame(id: id, status: status, cause: cause, summary: summary, score: score)
                }
            finished = true
            return record
        } catch .gameFinished {
            finished = true  // ended elsewhere (another process) since it was opened
            return nil
        }
    }
}
