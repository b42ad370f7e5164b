import BrogueFrame
import BrogueNATS
import BrogueProtocol
import NIOCore
import Prometheus

/// A game hosted by a game instance, as spectators on this gateway watch it: the frames its owner
/// publishes, fanned out to every local spectator through one subscription.
actor ClusterWatch: WatchedGame {
    nonisolated let id: Int64
    private let bus: ClusterBus
    private let watchers: Watchers
    private var subscription: NATSSubscription?
    /// The player's screen as the last note left it, and what goes with it: what a new local
    /// spectator starts from without asking the owner again.
    private var screen: Frame?
    private var watching: Watching?
    private var messages: [String] = []
    private var status: FrameUpdate.Status?
    /// Notes up to this one are already in `screen`.
    private var after = Int.max
    /// Notes that came before the snapshot's answer did (another subject, so no order between them).
    private var early: [FrameNote] = []
    /// The last `list_games` line of this game, from the owner's heartbeat.
    private var live: LiveGame?

    init(id: Int64, bus: ClusterBus) {
        self.id = id
        self.bus = bus
        watchers = Watchers(gameID: id, metrics: bus.metrics)
    }

    func update(_ live: LiveGame?) { self.live = live }

    func summary() -> LiveGame? {
        guard var l = live, !watchers.closed else { return nil }
        l.spectators = max(l.spectators, watchers.count)
        return l
    }

    func isWatched(by handle: ConnectionHandle) -> Bool { watchers.contains(handle) }

    func unwatch(_ handle: ConnectionHandle) {
        watchers.remove(handle)
        if watchers.count == 0 { stop() }
    }

    /// Starts `handle` on the screen as it is: the first spectator subscribes the game's frames
    /// and asks its owner for a snapshot; later ones start from the screen kept here.
    func watch(by handle: ConnectionHandle, ref: Int?) async -> Bool {
        if subscription == nil {
            guard let sub = try? bus.client.subscribe(bus.subjects.frames(id)) else { return false }
            subscription = sub
            Task { for await message in sub { self.deliver(message) } }
            // Subscribed first, so no note after the snapshot can be missed.
            guard let reply = try? await bus.request(bus.subjects.input(id), GameRequest(kind: .watch), timeout: ClusterGame.placeTimeout),
                let watching = reply.watching, let full = reply.frame, let note = reply.note
            else {
                stop()
                return false
            }
            var first: Frame?
            guard (try? full.apply(to: &first)) != nil else {
                stop()
                return false
            }
            (screen, self.watching, messages, status, after) = (first, watching, full.messages, full.status, note)
            let waiting = early.sorted { $0.note < $1.note }
            early = []
            for n in waiting { apply(n) }
        }
        guard let screen, var watching else { return false }
        if let status {
            watching.turn = status.turn
            watching.depth = status.depth
        }
        return watchers.add(handle, watching: watching, screen: screen, messages: messages, status: status, ref: ref)
    }

    private func deliver(_ message: NATSMessage) {
        guard let note = try? ClusterCodec.decode(FrameNote.self, message.payload.readableBytesView) else {
            bus.metrics.clusterBadMessages.increment()
            return
        }
        guard screen != nil else {
            if early.count < 64 { early.append(note) }
            return
        }
        apply(note)
    }

    private func apply(_ note: FrameNote) {
        guard note.note > after else { return }
        if let ended = note.ended {
            watchers.end(ended)
            stop()
            return
        }
        guard (try? note.frame.apply(to: &screen)) != nil else {
            bus.metrics.clusterBadMessages.increment()
            return
        }
        after = note.note
        messages = note.frame.messages
        status = note.frame.status ?? status
        watchers.fanOut(note.frame, thenEnd: nil)
    }

    private func stop() {
        try? subscription?.unsubscribe()
        subscription = nil
        screen = nil
        early = []
        after = .max
    }
}
