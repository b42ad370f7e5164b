import BrogueClient
import BrogueContent
import BrogueNATS
import BrogueNode
import BrogueProtocol
import BrogueStore
import BrogueTestServers
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A client whose game has no instance to run on: the gateway answers its `resume` with
/// `unavailable`, and the client tries again until an instance is there, then plays on with
/// nothing lost.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterResumeRetryTests {
    @Test(.timeLimit(.minutes(3))) func aResumeAnsweredUnavailableIsTriedAgainUntilAnInstanceTakesTheGame() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let (store, folder) = try ClusterRig.store("retry")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logger = Logger(label: "test")
        let firstBus = try await NATSClient.connect(servers: [server.url])
        let first = GameInstanceNode(
            id: "g1",
            store: store,
            content: coreContent,
            nats: firstBus,
            now: ClusterFailoverTests.wallClock,
            logger: logger
        )
        try await first.start()
        let gatewayBus = try await NATSClient.connect(servers: [server.url])
        let gateway = try ClusterRig.gateway(store: store, bus: gatewayBus, logger: logger)
        // The second instance starts only once the first try to take the game back has failed.
        let second = Box<GameInstanceNode?>(nil)
        let secondBus = try await NATSClient.connect(servers: [server.url])
        let events = Box<[RemoteSession.Event]>([])
        try await gateway.makeApplication().test(.live) { client in
            let url = "ws://127.0.0.1:\(try #require(client.port))"
            let session = try await RemoteSession.connect(
                .init(servers: [url], maxAttempts: 20, backoff: Backoff(first: .milliseconds(20), cap: .milliseconds(200))),
                credentials: .guest("patient")
            ) { event in
                events.set(events.get + [event])
                guard case .attemptFailed = event, second.get == nil else { return }
                let instance = GameInstanceNode(
                    id: "g2",
                    store: store,
                    content: coreContent,
                    nats: secondBus,
                    now: ClusterFailoverTests.wallClock,
                    logger: logger
                )
                second.set(instance)
                Task { try await instance.start() }
            }
            let info = try await session.newGame(seed: 9)
            var stored = 0
            func play(_ count: Int) async throws {
                for i in 0..<count {
                    // Resting and searching are never refused, so each one is stored.
                    guard case .ack(let ack) = try await session.perform(i % 2 == 0 ? "z" : "s") else {
                        Issue.record("action \(stored + 1) was refused")
                        return
                    }
                    #expect(ack.actions == stored + 1, "no action is stored twice or skipped")
                    stored = ack.actions
                }
            }
            try await play(5)
            // The only instance gives its game up and leaves: no one can run it now.
            await first.drain()
            try await play(5)
            let failed = events.get.compactMap { if case .attemptFailed(_, _, let reason) = $0 { reason } else { nil } }
            #expect(failed.first?.contains("unavailable") == true, "the first try was refused as unavailable: \(events.get)")
            #expect(session.counters.reconnects == 1, "\(session.counters)")
            #expect(await second.get?.hostedGames().contains(info.game) == true, "the second instance took the game")
            await session.close()
            #expect(try store.actions(gameID: info.game).count == stored)
        }
        await second.get?.drain()
        for bus in [firstBus, secondBus, gatewayBus] { await bus.close() }
    }
}
