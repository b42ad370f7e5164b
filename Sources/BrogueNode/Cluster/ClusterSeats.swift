import BrogueNATS
import BrogueProtocol
import BrogueStore
import Logging
import NIOCore
import Prometheus

/// The gateway role's `GameSeats` (docs/cluster.md): games are hosted by game instances, found
/// through the placement queue; this process keeps only its connections and which of them plays
/// which game.
actor ClusterSeats: GameSeats {
    let bus: ClusterBus
    private let tokens: any GameTokenStore
    let logger: Logger
    private var owners: [Int64: ConnectionHandle] = [:]
    private var connections = ConnectionBook()
    private(set) var draining = false
    /// Each game instance's last heartbeat and when it came: the games it hosts, for `list_games`.
    private var beats: [String: (beat: Heartbeat, at: ContinuousClock.Instant)] = [:]
    /// The games spectators here watch, or may: one subscription per game, whatever the spectators.
    private var watches: [Int64: ClusterWatch] = [:]
    /// A heartbeat older than this is from an instance that is gone.
    static let beatLifetime = Duration.seconds(5)

    init(bus: ClusterBus, tokens: any GameTokenStore, heartbeats: NATSSubscription, logger: Logger) {
        self.bus = bus
        self.tokens = tokens
        self.logger = logger
        Task { for await message in heartbeats { await self.heard(message) } }
    }

    private func heard(_ message: NATSMessage) {
        guard let beat = try? ClusterCodec.decode(Heartbeat.self, message.payload.readableBytesView), ClusterSubjects.isToken(beat.instance) else {
            bus.metrics.clusterBadMessages.increment()
            return
        }
        beats[beat.instance] = (beat, ContinuousClock.now)
    }

    func register(_ connection: ConnectionHandle) -> Bool {
        guard !draining else { return false }
        connections.add(connection)
        bus.metrics.playersConnected.set(Int64(connections.count))
        return true
    }

    func unregister(_ connection: ConnectionHandle, game: Int64?) {
        connections.remove(connection)
        if let game { release(game, by: connection) }
        bus.metrics.playersConnected.set(Int64(connections.count))
    }

    func newGame(seed: UInt64?, for connection: ConnectionHandle) async throws(ProtocolError) -> any PlayedGame {
        guard !draining else { throw ProtocolError(.draining, "this gateway is shutting down and starts no games; reconnect shortly") }
        let info = try await place(PlaceRequest(kind: .new, seed: seed, player: ""))
        let game = ClusterGame(id: info.game, owner: info.owner, actions: 0, bus: bus)
        take(info.game, by: connection)
        return game
    }

    func resume(_ id: Int64, token: String, for connection: ConnectionHandle) async throws(ProtocolError) -> any PlayedGame {
        guard !draining else { throw ProtocolError(.draining, "this gateway is shutting down; reconnect shortly") }
        try tokens.checkResume(id, token: token)
        // The owner answers the attach that follows; a game no one hosts is placed by then.
        let game = ClusterGame(id: id, owner: "", actions: 0, bus: bus)
        take(id, by: connection)
        return game
    }

    /// Places a game through the queue group of game instances; a few tries while none answers.
    private func place(_ request: PlaceRequest) async throws(ProtocolError) -> (game: Int64, owner: String) {
        var pause = RetryPause()
        for attempt in 1...ClusterGame.attempts {
            var request = request
            request.deadline = bus.deadline(after: ClusterGame.placeTimeout)
            if let reply = try? await bus.request(bus.subjects.place, request, timeout: ClusterGame.placeTimeout) {
                if let info = reply.info { return (info.game, reply.instance) }
                if let error = reply.error, error.code != ErrorCode.draining.rawValue { throw error.protocolError }
            }
            bus.metrics.clusterRetries.increment()
            guard attempt < ClusterGame.attempts else { break }
            await pause.wait()
        }
        throw ProtocolError(.unavailable, "no game instance took the game; try again shortly")
    }

    func release(_ id: Int64, by connection: ConnectionHandle) {
        guard owners[id] === connection else { return }
        owners[id] = nil
        bus.metrics.gamesActive.set(Int64(owners.count))
        // The owner lets the game go from memory; the store keeps all of it.
        let bus = self.bus
        Task { _ = try? await bus.request(bus.subjects.input(id), GameRequest(kind: .release), timeout: .seconds(2)) }
    }

    private func take(_ id: Int64, by connection: ConnectionHandle) {
        if let previous = owners[id], previous !== connection {
            previous.end(ServerEnvelope(.bye(.takenOver, "game \(id) was resumed by another connection")), code: CloseCode.goingAway, revoke: true)
        }
        owners[id] = connection
        bus.metrics.gamesActive.set(Int64(owners.count))
    }

    /// The games the live instances' heartbeats list, by id, whichever gateway their players use.
    func liveGames() async -> [any WatchedGame] {
        let now = ContinuousClock.now
        beats = beats.filter { now - $0.value.at < Self.beatLifetime }
        let live = beats.values.flatMap(\.beat.games).sorted { $0.game < $1.game }
        var next: [Int64: ClusterWatch] = [:]
        for game in live {
            let watch = watches[game.game] ?? ClusterWatch(id: game.game, bus: bus)
            await watch.update(game)
            next[game.game] = watch
        }
        watches = next
        return live.compactMap { next[$0.game] }
    }

    /// Game `id` to watch, listed or not yet (heartbeats come every few seconds): its owner says
    /// whether it can be watched when the first spectator asks.
    func liveGame(_ id: Int64) -> (any WatchedGame)? {
        if let watch = watches[id] { return watch }
        let watch = ClusterWatch(id: id, bus: bus)
        watches[id] = watch
        return watch
    }

    func drain() async {
        draining = true
        connections.sayGoodbye("this gateway is restarting; reconnect and resume your game", code: CloseCode.serviceRestart)
        await withCheckedContinuation { connections.whenEmpty($0) }
    }
}
