import BrogueProtocol
import BrogueStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import BrogueNode

/// The connection layer with no task of its own: an idle connection holds none, a connection's
/// messages are handled one at a time in the order sent, and a connection closed while one is
/// being handled is cleaned up once, after it.
@Suite struct SessionTests {
    @Test(.timeLimit(.minutes(5))) func idleConnectionsHoldNoTask() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            var sockets: [RawSocket] = []
            defer { for s in sockets { s.close() } }
            for _ in 0..<20 { sockets.append(try await Self.helloed(port)) }
            let settled = await Self.eventually {
                Self.gauge("brogue_players_connected", node) == 20 && Self.gauge("brogue_connection_tasks", node) == 0
            }
            #expect(settled, "tasks: \(Self.gauge("brogue_connection_tasks", node) ?? -1)")
            // Their idle timeouts are entries of the node's one watch, not tasks.
            #expect(node.deadlines.count == 20)
            for s in sockets { s.close() }
            sockets = []
            let gone = await Self.eventually {
                Self.gauge("brogue_players_connected", node) == 0 && Self.gauge("brogue_connection_tasks", node) == 0 && node.deadlines.count == 0
            }
            #expect(gone)
        }
    }

    @Test(.timeLimit(.minutes(5))) func messagesFromOneConnectionAreAnsweredInTheOrderSent() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let socket = try RawSocket.connect(port: port)
            defer { socket.close() }
            let count = 60
            let refs = try await onThread { () throws -> [Int?] in
                guard socket.webSocketHandshake() else { throw ProtocolError(.badField, "no upgrade") }
                // All sent before the first is answered: more than the node reads ahead (`Inbox.pauseAt`).
                var messages = [
                    ClientEnvelope(.hello(version: ProtocolInfo.version, client: "tests"), id: 1), ClientEnvelope(.guest(name: "o"), id: 2),
                ]
                messages += (3...count).map { ClientEnvelope(.listGames, id: $0) }
                for m in messages where !socket.sendText(WireCodec.encode(m)) { throw ProtocolError(.badField, "send failed") }
                return try (1...count).map { _ in try WireCodec.decodeServer(#require(socket.readFrame())).ref }
            }
            #expect(refs == Array(1...count))
        }
    }

    @Test(.timeLimit(.minutes(5))) func aConnectionClosedWhileAMessageIsHandledIsCleanedUpOnceAfterIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-node-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteGameStore(path: folder + "/brogue.sqlite")
        let metrics = NodeMetrics()
        var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        config.access.maxConnectionsPerAddress = 2
        config.access.requestTimeoutSeconds = 0
        let logger = Logger(label: "test")
        let seats = HeldSeats(
            base: GameRegistry(store: store, tokens: store, content: coreContent, metrics: metrics, logger: logger, drainCloseCode: 1001)
        )
        let node = Node(config: config, store: store, seats: seats, metrics: metrics, dataDirectory: nil, logger: logger)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let stays = try await Self.helloed(port)
            defer { stays.close() }
            let leaves = try await Self.helloed(port)
            #expect(leaves.sendText(WireCodec.encode(ClientEnvelope(.newGame(seed: 7), id: 5))))
            let held = await Self.eventually { seats.held.get != nil }
            let handle = try #require(seats.held.get, "new_game never reached the registry (\(held))")
            leaves.reset()
            #expect(await Self.eventually { !handle.channelIsActive }, "the node did not see the close")
            // Until the message is done, nothing is undone: the game it starts is still to come.
            #expect(seats.unregistered.get.isEmpty)
            seats.release.set(true)
            let cleaned = await Self.eventually {
                Self.gauge("brogue_connection_tasks", node) == 0 && Self.gauge("brogue_players_connected", node) == 1
            }
            #expect(cleaned)
            let unregistered = seats.unregistered.get
            #expect(unregistered.count == 1, "unregistered \(unregistered.count) times")
            // The game started by the message being handled was let go with the connection.
            #expect(unregistered.first?.game != nil)
            #expect(await seats.liveGames().isEmpty)
            // Its address slot was given back once: one more fits beside the one that stays, and no more.
            let third = try await Self.helloed(port)
            defer { third.close() }
            let fourth = try RawSocket.connect(port: port)
            defer { fourth.close() }
            let refused = try await onThread { () throws -> ServerEnvelope? in
                guard fourth.webSocketHandshake(),
                    fourth.sendText(WireCodec.encode(ClientEnvelope(.hello(version: ProtocolInfo.version, client: "t"))))
                else { return nil }
                return try fourth.readFrame().map { try WireCodec.decodeServer($0) }
            }
            guard case .error(let e)? = refused?.message else {
                Issue.record("the fourth connection was not refused: \(String(describing: refused))")
                return
            }
            #expect(e.code == .tooManyConnections)
        }
    }

    /// A WebSocket on `port` that has said hello and guest and read both answers.
    static func helloed(_ port: Int) async throws -> RawSocket {
        let socket = try RawSocket.connect(port: port)
        let answered = await onThread { () -> Bool in
            guard socket.webSocketHandshake() else { return false }
            let hello = ClientEnvelope(.hello(version: ProtocolInfo.version, client: "tests"))
            guard socket.sendText(WireCodec.encode(hello)), socket.readFrame() != nil else { return false }
            guard socket.sendText(WireCodec.encode(ClientEnvelope(.guest(name: "idle")))) else { return false }
            return socket.readFrame().map { $0.contains("identity") } ?? false
        }
        guard answered else {
            socket.close()
            throw ProtocolError(.badField, "no hello and identity from the node")
        }
        return socket
    }

    /// Polls `condition` until it holds, for at most 30 s (a bound against a hang, not a timing).
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }

    static func gauge(_ name: String, _ node: Node) -> Double? { ProcessMetricsTests.value(name, in: node.metrics.text()) }
}

/// A node's registry whose `new_game` waits until the test lets it go, and which remembers
/// every `unregister`.
final class HeldSeats: GameSeats {
    let base: GameRegistry
    /// The connection whose `new_game` is being held.
    let held = Box<ConnectionHandle?>(nil)
    let release = Box(false)
    let unregistered = Box<[(handle: ObjectIdentifier, game: Int64?)]>([])

    init(base: GameRegistry) { self.base = base }

    var draining: Bool { get async { await base.draining } }
    func register(_ connection: ConnectionHandle) async -> Bool { await base.register(connection) }

    func unregister(_ connection: ConnectionHandle, game: Int64?) async {
        unregistered.set(unregistered.get + [(ObjectIdentifier(connection), game)])
        await base.unregister(connection, game: game)
    }

    func newGame(seed: UInt64?, for connection: ConnectionHandle) async throws(ProtocolError) -> any PlayedGame {
        held.set(connection)
        while !release.get { try? await Task.sleep(for: .milliseconds(5)) }
        return try await base.newGame(seed: seed, for: connection)
    }

    func resume(_ id: Int64, token: String, for connection: ConnectionHandle) async throws(ProtocolError) -> any PlayedGame {
        try await base.resume(id, token: token, for: connection)
    }

    func release(_ id: Int64, by connection: ConnectionHandle) async { await base.release(id, by: connection) }
    func liveGames() async -> [any WatchedGame] { await base.liveGames() }
    func liveGame(_ id: Int64) async -> (any WatchedGame)? { await base.liveGame(id) }
    func drain() async { await base.drain() }
}
