import BrogueClient
import BrogueContent
import BrogueCore
import BrogueNode
import BrogueProtocol
import BrogueStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `RemoteSession` across a drain: two nodes over one data folder (only one hosts the game at a
/// time), the first drained while the client plays; the client goes on on the second.
@Suite struct ReconnectTests {
    /// Two nodes over one fresh data folder; `first` drains with `firstDrainCode`.
    static func twoNodes(
        _ base: NodeConfig = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000),
        firstDrainCode: UInt16 = CloseCode.serviceRestart
    ) throws -> (Node, Node, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-reconnect-\(UUID().uuidString)").path
        var config = base
        // Off: see makeNode.
        config.access.requestTimeoutSeconds = 0
        config.instanceID = "node-a"
        config.drainCloseCode = firstDrainCode
        let a = try Node(config: config, content: coreContent, dataDirectory: folder, logger: Logger(label: "node-a"))
        config.instanceID = "node-b"
        config.drainCloseCode = CloseCode.goingAway
        let b = try Node(config: config, content: coreContent, dataDirectory: folder, logger: Logger(label: "node-b"))
        return (a, b, folder)
    }

    /// One acknowledged action as the client saw it.
    struct Acked: Equatable {
        let seq: Int
        let action: String
        let stateHash: String
    }

    /// The game's stored log replayed from its seed: every acknowledged action is there once, in
    /// order, and each ack's hash is the game's hash after that many actions.
    static func checkAgainstStore(folder: String, game: Int64, seed: UInt64, acked: [Acked]) throws {
        let store = try SQLiteGameStore(path: (folder as NSString).appendingPathComponent("brogue.sqlite"))
        let stored = try store.actions(gameID: game)
        #expect(stored == acked.map(\.action), "the store's log is not the acknowledged actions: \(stored.count) stored, \(acked.count) acked")
        #expect(acked.map(\.seq) == Array(1...acked.count), "acknowledged seqs are not 1...\(acked.count)")
        var replay = Game(seed: seed, catalog: coreContent.catalog)
        for (i, text) in stored.enumerated() {
            _ = replay.apply(try #require(Action(encoded: text)))
            if i < acked.count { #expect(replay.stateHash.hex16 == acked[i].stateHash, "hash after action \(i + 1)") }
        }
    }

    @Test(.timeLimit(.minutes(5))) func aClientDrainedOffOneNodeResumesOnTheNextWithNothingLostOrStoredTwice() async throws {
        let (a, b, folder) = try Self.twoNodes()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let events = Box<[RemoteSession.Event]>([])
        try await a.makeApplication().test(.live) { clientA in
            try await b.makeApplication().test(.live) { clientB in
                let urls = ["ws://127.0.0.1:\(try #require(clientA.port))", "ws://127.0.0.1:\(try #require(clientB.port))"]
                let session = try await RemoteSession.connect(
                    .init(servers: urls, backoff: Backoff(first: .milliseconds(20), cap: .milliseconds(200))),
                    credentials: .guest("roamer")
                ) { event in events.set(events.get + [event]) }
                // A seed on which nothing reaches the player in 40 turns of resting (on seed 4 a
                // jackal now does, and the game ends).
                let seed: UInt64 = 6
                let info = try await session.newGame(seed: seed)
                var acked: [Acked] = []
                func play(_ count: Int) async throws {
                    for i in 0..<count {
                        // Resting and searching are never refused while the game goes on, so every one is stored.
                        let action = i % 2 == 0 ? "z" : "s"
                        guard case .ack(let ack) = try await session.perform(action) else {
                            Issue.record("action \(acked.count + 1) was refused")
                            return
                        }
                        #expect(ack.applied == 1)
                        acked.append(Acked(seq: ack.actions, action: action, stateHash: ack.stateHash))
                    }
                }
                try await play(10)
                // The drain runs while the client goes on playing, so it lands between or
                // during actions; every outcome must keep the log whole.
                let drain = Task { await a.drain() }
                try await play(20)
                await drain.value
                try await play(10)
                #expect(session.url == urls[1], "the session did not move to the second node")
                #expect(session.counters.reconnects == 1, "\(session.counters)")
                #expect(session.hello?.server.contains("node-b") == true)
                #expect(events.get.contains { if case .reconnected(urls[1], _) = $0 { true } else { false } }, "\(events.get)")
                #expect(events.get.contains { if case .lost(urls[0], _) = $0 { true } else { false } }, "\(events.get)")
                // Which way the drain landed (between actions, or with one in flight) varies.
                print("reconnect counters: \(session.counters)")
                await session.close()
                #expect(acked.count == 40)
                try Self.checkAgainstStore(folder: folder, game: info.game, seed: seed, acked: acked)
            }
        }
    }

    @Test(.timeLimit(.minutes(5))) func anActionStoredButNeverAcknowledgedIsNotSentAgain() async throws {
        let (a, b, folder) = try Self.twoNodes()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await a.makeApplication().test(.live) { clientA in
            try await b.makeApplication().test(.live) { clientB in
                let proxy = try CuttingProxy(target: try #require(clientA.port))
                defer { proxy.stop() }
                let urls = ["ws://127.0.0.1:\(proxy.port)", "ws://127.0.0.1:\(try #require(clientB.port))"]
                let session = try await RemoteSession.connect(
                    .init(servers: urls, backoff: Backoff(first: .milliseconds(20), cap: .milliseconds(200))),
                    credentials: .guest("cut")
                )
                let seed: UInt64 = 8
                let info = try await session.newGame(seed: seed)
                var acked: [Acked] = []
                for i in 0..<6 {
                    let action = i % 2 == 0 ? "z" : "s"
                    // The third action reaches node A and is stored; its ack is cut on the way back.
                    if i == 2 { proxy.cutAtNextAnswer() }
                    guard case .ack(let ack) = try await session.perform(action) else {
                        Issue.record("action \(i + 1) was refused")
                        return
                    }
                    acked.append(Acked(seq: ack.actions, action: action, stateHash: ack.stateHash))
                }
                let counters = session.counters
                #expect(counters.reconnects == 1 && counters.storedUnacknowledged == 1 && counters.resent == 0, "\(counters)")
                #expect(session.url == urls[1])
                await session.close()
                try Self.checkAgainstStore(folder: folder, game: info.game, seed: seed, acked: acked)
            }
        }
    }

    @Test func backoffGrowsWithJitterAndNeverPassesItsCap() {
        let backoff = Backoff(first: .milliseconds(100), cap: .seconds(2))
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            #expect(backoff.delay(before: 1, using: &random) <= .milliseconds(100))
            for attempt in 2...12 {
                let ceiling = min(Duration.seconds(2), .milliseconds(100 * (1 << (attempt - 1))))
                let delay = backoff.delay(before: attempt, using: &random)
                #expect(delay >= ceiling / 2 - .milliseconds(1) && delay <= ceiling, "attempt \(attempt): \(delay)")
            }
        }
    }

    @Test func aRestartingNodeClosesWith1012AfterByeShutdown() async throws {
        let (a, _, folder) = try Self.twoNodes()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await a.makeApplication().test(.live) { client in
            let remote = try await RemoteGame.connect(url: "ws://127.0.0.1:\(try #require(client.port))")
            try await remote.start(name: "x")
            _ = try await remote.newGame(seed: 3)
            await a.drain()
            let (reason, reconnect) = await remote.settle()
            guard case .ended(.shutdown, _) = reason else {
                Issue.record("ended with \(reason)")
                return
            }
            #expect(reconnect)
            #expect(remote.closeCode == CloseCode.serviceRestart)
        }
    }

    @Test func aTakenOverSessionDoesNotReconnect() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let url = "ws://127.0.0.1:\(try #require(client.port))"
            let session = try await RemoteSession.connect(.init(servers: [url, url]), credentials: .guest("first"))
            let info = try await session.newGame(seed: 5)
            let other = try await RemoteGame.connect(url: url)
            try await other.start(name: "second")
            _ = try await other.resume(game: info.game, token: info.token)
            do {
                // The bye may already have arrived or may come as the answer: either way it ends.
                for _ in 0..<100 { _ = try await session.perform("s") }
                Issue.record("the taken-over session went on playing")
            } catch RemoteError.ended(let reason, _) {
                #expect(reason == .takenOver)
            }
            #expect(session.counters.reconnects == 0)
            await other.close()
        }
    }

    @Test func anAccountReconnectsWithItsSessionAndAGivenUpReconnectSaysWhy() async throws {
        let (a, b, folder) = try Self.twoNodes(accountConfig())
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await a.makeApplication().test(.live) { clientA in
            try await b.makeApplication().test(.live) { clientB in
                let urls = ["ws://127.0.0.1:\(try #require(clientA.port))", "ws://127.0.0.1:\(try #require(clientB.port))"]
                let session = try await RemoteSession.connect(
                    .init(servers: urls, maxAttempts: 3, backoff: Backoff(first: .milliseconds(5), cap: .milliseconds(20))),
                    credentials: .register(name: "Roamer", password: "roaming password")
                )
                let info = try await session.newGame(seed: 6)
                guard case .ack = try await session.perform("s") else { throw RemoteError.unexpected("no ack") }
                await a.drain()
                // Logged in again on the second node with the session, not as a guest.
                guard case .ack(let ack) = try await session.perform("s") else { throw RemoteError.unexpected("no ack") }
                #expect(ack.actions == 2)
                #expect(session.identity?.player == "Roamer" && session.identity?.guest == false)
                #expect(session.url == urls[1] && session.info?.game == info.game)

                // Both nodes gone: the session gives up after its attempts and says so.
                await b.drain()
                do {
                    _ = try await session.perform("s")
                    Issue.record("played on drained nodes")
                } catch RemoteError.reconnectFailed(let attempts, let servers, _) {
                    #expect(attempts == 3 && servers == urls)
                }
                #expect(session.counters.reconnects == 2 && session.counters.attempts == 4, "\(session.counters)")
            }
        }
    }
}
