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

/// An action whose tries run out may have been stored by an owner whose answer was lost. The
/// gateway's action count is then maybe behind, and a next action sent with it would be answered
/// as a resend of this one: the player would be told an action was stored that never was. So the
/// gateway ends the connection for the client to resume, which tells what was stored.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterNoAnswerTests {
    @Test func anActionNoInstanceAnswersEndsTheConnectionForAResume() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-cluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteGameStore(path: folder.appendingPathComponent("brogue.sqlite").path)
        let logger = Logger(label: "test")
        let bus = try await NATSClient.connect(servers: [server.url])
        let instance = GameInstanceNode(id: "g1", store: store, content: coreContent, nats: bus, now: ClusterFailoverTests.wallClock, logger: logger)
        try await instance.start()
        let gatewayBus = try await NATSClient.connect(servers: [server.url])
        let gateway = try Node.gateway(
            config: NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000),
            store: store,
            nats: gatewayBus,
            logger: logger
        )
        try await gateway.makeApplication().test(.live) { client in
            try await connect(port: try #require(client.port)) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: 11), id: 1)
                guard case .game = try await peer.expectNext(), case .frame = try await peer.expectNext() else {
                    throw TestFailure("no game and frame")
                }
                try await peer.send(.action("s"), id: 2)
                guard case .ack = try await peer.expectNext(), case .frame = try await peer.expectNext() else {
                    throw TestFailure("the first action was not acknowledged")
                }
                // The only instance goes away: every try of the next action goes unanswered.
                await bus.close()
                try await peer.send(.action("s"), id: 3)
                let next = try await peer.expectNext()
                guard case .bye(let reason, let why) = next else { throw TestFailure("expected bye, got \(next)") }
                #expect(reason == .shutdown && why.contains("resume"), "\(why)")
                #expect(Reconnect.shouldReconnect(bye: reason, fatal: nil, closeCode: CloseCode.serviceRestart), "the client resumes by itself")
            }
        }
        await gatewayBus.close()
    }
}
