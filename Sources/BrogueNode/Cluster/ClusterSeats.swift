import BrogueProtocol
import BrogueStore
import Logging
import Prometheus

/// The gateway role's `GameSeats` (docs/cluster.md): games are hosted by game instances, found
/// through the placement queue; this process keeps only its connections and which of them plays
/// which game.
actor ClusterSeats: GameSeats {
    let bus: ClusterBus
    private let tokens: any GameTokenStore
    let logger: Logger
    private var owners: [Int64: ConnectionHandle] = [:]
    private var connections: [ObjectIdentifier: ConnectionHandle] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var draining = false

    init(bus: ClusterBus, tokens: any GameTokenStore, logger: Logger) {
        self.bus = bus
        self.tokens = tokens
        self.logger = logger
    }

    func register(_ connection: ConnectionHandle) -> Bool {
        guard !draining else { return false }
        connections[ObjectIdentifier(connection)] = connection
        bus.metrics.playersConnected.set(Int64(connections.count))
        return true
    }

    func unregister(_ connection: ConnectionHandle, game: Int64?) {
        connections[ObjectIdentifier(connection)] = nil
        if let game { release(game, by: connection) }
        bus.metrics.playersConnected.set(Int64(connections.count))
        if connections.isEmpty {
            for w in idleWaiters { w.resume() }
            idleWaiters = []
        }
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
        guard (try? tokens.check(token, forGame: id)) == true else {
            throw ProtocolError(.gameNotFound, "there is no game \(id) with that token on this node")
        }
        // The owner answers the attach that follows; a game no one hosts is placed by then.
        let game = ClusterGame(id: id, owner: "", actions: 0, bus: bus)
        take(id, by: connection)
        return game
    }

    /// Places a game through the queue group of game instances; a few tries while none answers.
    private func place(_ request: PlaceRequest) async throws(ProtocolError) -> (game: Int64, owner: String) {
        var wait = Duration.milliseconds(50)
        for attempt in 1...ClusterGame.attempts {
            if let reply = try? await bus.request(bus.subjects.place, request, timeout: ClusterGame.placeTimeout) {
                if let info = reply.info { return (info.game, reply.instance) }
                if let error = reply.error, error.code != ErrorCode.draining.rawValue { throw error.protocolError }
            }
            bus.metrics.clusterRetries.increment()
            guard attempt < ClusterGame.attempts else { break }
            try? await Task.sleep(for: wait)
            wait = min(wait * 2, .seconds(1))
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

    /// Spectating across gateways reads the instances' heartbeats; until then a gateway lists none.
    func liveGames() -> [any WatchedGame] { [] }

    func liveGame(_ id: Int64) -> (any WatchedGame)? { nil }

    func drain() async {
        draining = true
        for c in connections.values {
            c.endAfterPending(
                ServerEnvelope(.bye(.shutdown, "this gateway is restarting; reconnect and resume your game")),
                code: CloseCode.goingAway
            )
        }
        if connections.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }
}
