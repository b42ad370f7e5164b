import BrogueCore
import BrogueFrame
import BrogueProtocol
import BrogueUI
import Prometheus

/// The connections watching one game. Owned by its `GameHost` (touched only on the host's
/// executor). Each frame the player gets is queued to every spectator without waiting: a
/// spectator whose queue is full is dropped like a slow player, and never holds the game up.
final class Watchers {
    private struct Watcher {
        let handle: ConnectionHandle
        var seq: Int
    }

    let gameID: Int64
    private let metrics: NodeMetrics
    private var list: [ObjectIdentifier: Watcher] = [:]
    /// No one may start watching: the player left, the game ended or the node drains.
    private(set) var closed = false

    init(gameID: Int64, metrics: NodeMetrics) {
        self.gameID = gameID
        self.metrics = metrics
    }

    var count: Int { list.count }

    /// Adds a spectator and queues `watching` and the full `frame`.
    /// - Returns: false when the game can no longer be watched.
    func add(_ handle: ConnectionHandle, watching: Watching, screen: Frame, messages: [String], status: FrameUpdate.Status?, ref: Int?) -> Bool {
        guard !closed else { return false }
        let key = ObjectIdentifier(handle)
        if list[key] == nil { metrics.spectators.increment() }
        list[key] = Watcher(handle: handle, seq: 1)
        handle.send(ServerEnvelope(.watching(watching), ref: ref))
        let full = FrameUpdate.between(nil, screen, seq: 1, messages: messages, status: status)
        if !handle.send(ServerEnvelope(.frame(full))) { remove(handle) }
        return true
    }

    func contains(_ handle: ConnectionHandle) -> Bool { list[ObjectIdentifier(handle)] != nil }

    /// Stops `handle` watching; nothing more is sent to it.
    func remove(_ handle: ConnectionHandle) {
        if list.removeValue(forKey: ObjectIdentifier(handle)) != nil { metrics.spectators.decrement() }
    }

    /// Queues `update` (renumbered for each spectator) to every spectator; then, when `reason`
    /// is given, `watch_ended` and no more.
    func fanOut(_ update: FrameUpdate, thenEnd reason: WatchEndReason?) {
        guard !list.isEmpty else {
            if reason != nil { closed = true }
            return
        }
        // Written once; each spectator gets it with its own number.
        let frame = NumberedFrame(update)
        for (key, var w) in list {
            w.seq += 1
            if w.handle.send(text: frame.text(seq: w.seq)) {
                list[key] = w
            } else {
                list[key] = nil
                metrics.spectators.decrement()
            }
        }
        if let reason { end(reason) }
    }

    /// Tells every spectator that watching ended, and takes no more.
    func end(_ reason: WatchEndReason) {
        closed = true
        let ending = list.values
        list = [:]
        metrics.spectators.decrement(by: Double(ending.count))
        for w in ending { w.handle.send(ServerEnvelope(.watchEnded(game: gameID, reason: reason))) }
    }
}

extension GameHost {
    /// What `list_games` shows of this game; nil once it is over or cannot be watched.
    func summary() -> LiveGame? {
        guard !finished, !watchers.closed else { return nil }
        let game = session.game
        return LiveGame(game: id, player: player, depth: game.depth, turn: game.turn, spectators: watchers.count)
    }

    /// Records who plays this game, for spectators.
    func setPlayer(_ name: String) { player = name }

    /// Starts `handle` watching: queues `watching` and a full frame of the player's screen now.
    /// - Returns: false when the game is over or no longer hosted.
    func watch(by handle: ConnectionHandle, ref: Int?) -> Bool {
        guard !finished else { return false }
        let game = session.game
        let screen = lastFrame ?? GameView.render(session)
        let watching = Watching(game: id, player: player, turn: game.turn, depth: game.depth, stateHash: game.stateHash.hex16)
        return watchers.add(handle, watching: watching, screen: screen, messages: recentMessages(), status: status(), ref: ref)
    }

    func unwatch(_ handle: ConnectionHandle) { watchers.remove(handle) }

    func isWatched(by handle: ConnectionHandle) -> Bool { watchers.contains(handle) }

    /// The player left (or the node drains): every spectator gets `watch_ended`.
    func endWatching(_ reason: WatchEndReason) { watchers.end(reason) }
}
