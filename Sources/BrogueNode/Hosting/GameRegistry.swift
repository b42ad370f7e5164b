import BrogueContent
import BrogueCore
import BrogueProtocol
import BrogueRecording
import BrogueStore
import Logging
import Prometheus

/// Which games are hosted and who plays them; the one place that decides ownership, so a game
/// is never hosted twice. Its methods do not suspend between checking and changing state.
actor GameRegistry {
    let games: RecordedGames
    let metrics: NodeMetrics
    let logger: Logger
    private let tokens: any GameTokenStore
    var hosts: [Int64: GameHost] = [:]
    var owners: [Int64: ConnectionHandle] = [:]
    private var connections = ConnectionBook()
    private(set) var draining = false
    /// What `drain` closes connections with (`NodeConfig.drainCloseCode`).
    private let drainCloseCode: UInt16

    init(
        store: any GameStore,
        tokens: any GameTokenStore,
        content: LoadedContent,
        metrics: NodeMetrics,
        logger: Logger,
        drainCloseCode: UInt16 = CloseCode.goingAway
    ) {
        self.drainCloseCode = drainCloseCode
        self.games = RecordedGames(store: store, content: content)
        self.tokens = tokens
        self.metrics = metrics
        self.logger = logger
    }

    /// Counts a new connection; false while draining.
    func register(_ connection: ConnectionHandle) -> Bool {
        guard !draining else { return false }
        connections.add(connection)
        metrics.playersConnected.set(Int64(connections.count))
        return true
    }

    /// Forgets a closed connection and lets go of its game.
    func unregister(_ connection: ConnectionHandle, game: Int64?) {
        connections.remove(connection)
        if let game { release(game, by: connection) }
        metrics.playersConnected.set(Int64(connections.count))
    }

    /// Starts and stores a new game for `connection`.
    func startGame(seed: UInt64?, for connection: ConnectionHandle) throws(ProtocolError) -> GameHost {
        guard !draining else { throw ProtocolError(.draining, "the node is shutting down and starts no games; reconnect shortly") }
        let seed = seed ?? UInt64.random(in: 1...(1 << 53))
        do {
            let recorded = try games.start(seed: seed)
            let id = recorded.id
            let token = try tokens.issue(for: id)
            let host = GameHost(recorded, token: token, metrics: metrics)
            take(id, host: host, by: connection)
            logger.info("new game", metadata: ["game": "\(id)", "seed": "\(seed)"])
            return host
        } catch {
            throw ProtocolError(.storeFailed, "the new game could not be stored: \(error)")
        }
    }

    /// Opens a stored game for `connection`, taking it over from another connection if needed.
    func resumeGame(_ id: Int64, token: String, for connection: ConnectionHandle) throws(ProtocolError) -> GameHost {
        guard !draining else { throw ProtocolError(.draining, "the node is shutting down; reconnect shortly") }
        try tokens.checkResume(id, token: token)
        if let host = hosts[id] {
            take(id, host: host, by: connection)
            return host
        }
        let recorded: RecordedGame
        do {
            guard let r = try games.resume(id: id) else { throw ProtocolError(.gameNotFound, "there is no game \(id) with that token on this node") }
            recorded = r
        } catch let e as ProtocolError {
            throw e
        } catch let e as RebuildError {
            if case .contentChanged = e { throw ProtocolError(.gameNotFound, "\(e)") }
            throw ProtocolError(.internalError, "\(e)")
        } catch {
            throw ProtocolError(.storeFailed, "game \(id) could not be read: \(error)")
        }
        let actions = recorded.nextSeq
        let host = GameHost(recorded, token: token, metrics: metrics)
        take(id, host: host, by: connection)
        logger.info("resumed game", metadata: ["game": "\(id)", "actions": "\(actions)"])
        return host
    }

    /// Lets go of a game if `connection` still plays it; an unplayed game leaves memory (the
    /// store has all of it).
    func release(_ id: Int64, by connection: ConnectionHandle) {
        guard owners[id] === connection else { return }
        owners[id] = nil
        if let host = hosts[id] { Task { await host.endWatching(.playerLeft) } }
        hosts[id] = nil
        metrics.gamesActive.set(Int64(owners.count))
    }

    private func take(_ id: Int64, host: GameHost, by connection: ConnectionHandle) {
        if let previous = owners[id], previous !== connection {
            previous.end(ServerEnvelope(.bye(.takenOver, "game \(id) was resumed by another connection")), code: CloseCode.goingAway, revoke: true)
        }
        hosts[id] = host
        owners[id] = connection
        metrics.gamesActive.set(Int64(owners.count))
    }

    /// Stops starting games, tells every connection the node is going away, and returns once
    /// they have all closed. Actions already received finish and are stored first, because each
    /// connection sends its `bye` only after its queue of earlier answers.
    func drain() async {
        draining = true
        for host in hosts.values { await host.endWatching(.shutdown) }
        connections.sayGoodbye("the node is shutting down; reconnect and resume your game shortly", code: drainCloseCode)
        await withCheckedContinuation { connections.whenEmpty($0) }
    }
}
