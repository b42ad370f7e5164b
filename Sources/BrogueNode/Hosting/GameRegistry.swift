import BrogueContent
import BrogueCore
import BrogueProtocol
import BrogueStore
import Logging
import Prometheus

/// Which games are hosted and who plays them; the one place that decides ownership, so a game
/// is never hosted twice. Its methods do not suspend between checking and changing state.
actor GameRegistry {
    let store: any GameStore
    let content: LoadedContent
    let metrics: NodeMetrics
    let logger: Logger
    private let tokens: any GameTokenStore
    var hosts: [Int64: GameHost] = [:]
    var owners: [Int64: ConnectionHandle] = [:]
    private var connections: [ObjectIdentifier: ConnectionHandle] = [:]
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var draining = false

    init(store: any GameStore, tokens: any GameTokenStore, content: LoadedContent, metrics: NodeMetrics, logger: Logger) {
        self.store = store
        self.tokens = tokens
        self.content = content
        self.metrics = metrics
        self.logger = logger
    }

    var contentSet: [ContentRef] { content.manifests.map { ContentRef(id: $0.id, version: $0.version) } }

    /// Counts a new connection; false while draining.
    func register(_ connection: ConnectionHandle) -> Bool {
        guard !draining else { return false }
        connections[ObjectIdentifier(connection)] = connection
        metrics.playersConnected.set(Int64(connections.count))
        return true
    }

    /// Forgets a closed connection and lets go of its game.
    func unregister(_ connection: ConnectionHandle, game: Int64?) {
        connections[ObjectIdentifier(connection)] = nil
        if let game { release(game, by: connection) }
        metrics.playersConnected.set(Int64(connections.count))
        if connections.isEmpty {
            for w in idleWaiters { w.resume() }
            idleWaiters = []
        }
    }

    /// Starts and stores a new game for `connection`.
    func newGame(seed: UInt64?, for connection: ConnectionHandle) throws(ProtocolError) -> GameHost {
        guard !draining else { throw ProtocolError(.draining, "the node is shutting down and starts no games; reconnect shortly") }
        let seed = seed ?? UInt64.random(in: 1...(1 << 53))
        let game = Game(seed: seed, catalog: content.catalog)
        do {
            let record = try store.createGame(for: game, contentSet: contentSet)
            let token = try tokens.issue(for: record.id)
            let host = GameHost(id: record.id, token: token, game: game, nextSeq: record.nextSeq, store: store, metrics: metrics)
            take(record.id, host: host, by: connection)
            logger.info("new game", metadata: ["game": "\(record.id)", "seed": "\(seed)"])
            return host
        } catch {
            throw ProtocolError(.storeFailed, "the new game could not be stored: \(error)")
        }
    }

    /// Opens a stored game for `connection`, taking it over from another connection if needed.
    func resume(_ id: Int64, token: String, for connection: ConnectionHandle) throws(ProtocolError) -> GameHost {
        guard !draining else { throw ProtocolError(.draining, "the node is shutting down; reconnect shortly") }
        let notFound = ProtocolError(.gameNotFound, "there is no game \(id) with that token on this node")
        guard (try? tokens.check(token, forGame: id)) == true else { throw notFound }
        if let host = hosts[id] {
            take(id, host: host, by: connection)
            return host
        }
        let stored: StoredGame
        do {
            guard let s = try store.loadGame(id: id) else { throw notFound }
            stored = s
        } catch let e as ProtocolError {
            throw e
        } catch {
            throw ProtocolError(.storeFailed, "game \(id) could not be read: \(error)")
        }
        let record = stored.record
        guard record.contentHash == content.catalog.contentHash else {
            throw ProtocolError(.gameNotFound, "game \(id) was played with other content (hash \(record.contentHash.hex16)); this node has \(content.catalog.contentHash.hex16)")
        }
        var game = Game(seed: record.seed, catalog: content.catalog)
        for (i, text) in stored.actions.enumerated() {
            guard let action = Action(encoded: text) else { throw ProtocolError(.internalError, "game \(id): stored action \(i) '\(text)' is damaged") }
            game.apply(action)
        }
        guard game.stateHash == record.summary.stateHash else {
            throw ProtocolError(.internalError, "game \(id): replaying gives stateHash \(game.stateHash.hex16), the store says \(record.summary.stateHash.hex16)")
        }
        let host = GameHost(id: id, token: token, game: game, nextSeq: record.nextSeq, store: store, metrics: metrics)
        take(id, host: host, by: connection)
        logger.info("resumed game", metadata: ["game": "\(id)", "actions": "\(stored.actions.count)"])
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
        for c in connections.values {
            c.endAfterPending(ServerEnvelope(.bye(.shutdown, "the node is shutting down; reconnect and resume your game shortly")), code: CloseCode.goingAway)
        }
        if connections.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }
}
