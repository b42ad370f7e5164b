import BrogueCore
import BrogueStore
import BrogueUI
import Prometheus

/// Appends each action a hosted session applies to the store, timing the write.
final class TimedRecorder: ActionRecorder {
    let store: any GameStore
    let gameID: Int64
    let metrics: NodeMetrics
    private(set) var nextSeq: Int
    /// Actions stored since the host last looked.
    var appended = 0
    /// `Game.stateHash` after the last action stored (nil before the first): the store hashes the
    /// game for its summary, so the host's acknowledgement reads it here instead of hashing again.
    private(set) var storedHash: UInt64?

    init(store: any GameStore, gameID: Int64, nextSeq: Int, metrics: NodeMetrics) {
        self.store = store
        self.gameID = gameID
        self.nextSeq = nextSeq
        self.metrics = metrics
    }

    func record(_ action: Action, after game: Game) throws {
        let start = ContinuousClock.now
        let summary = GameSummary(game)
        try store.appendAction(gameID: gameID, seq: nextSeq, action: action.encoded, summary: summary)
        storedHash = summary.stateHash
        metrics.storeWriteLatency.record(ContinuousClock.now - start)
        metrics.actionsTotal.increment()
        nextSeq += 1
        appended += 1
    }
}
