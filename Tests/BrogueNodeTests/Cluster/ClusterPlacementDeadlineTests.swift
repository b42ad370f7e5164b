import BrogueContent
import BrogueNATS
import BrogueProtocol
import BrogueStore
import BrogueTestServers
import Foundation
import Logging
import NIOCore
import Testing

@testable import BrogueNode

/// A placement read after the asker's deadline (its instance was paused) is dropped unanswered:
/// no game is made that no one will play.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterPlacementDeadlineTests {
    @Test func aPlacementPastItsDeadlineMakesNoGameAndOneInTimeDoes() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let (store, folder) = try ClusterRig.store("deadline")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock: @Sendable () -> Int64 = { 1_000_000 }
        let instanceBus = try await NATSClient.connect(servers: [server.url])
        let instance = GameInstanceNode(id: "g1", store: store, content: coreContent, nats: instanceBus, now: clock, logger: Logger(label: "test"))
        try await instance.start()
        let asker = try await NATSClient.connect(servers: [server.url])
        let bus = ClusterBus(client: asker, subjects: ClusterSubjects(), metrics: NodeMetrics(instance: "gw"), now: clock)
        // One request a millisecond late, then one in time, from the same connection: the
        // instance reads its placements in order, so the second answer comes after the first is handled.
        bus.publish(bus.subjects.place, PlaceRequest(kind: .new, seed: 1, player: "late", deadline: clock() - 1))
        let reply = try await bus.request(
            bus.subjects.place,
            PlaceRequest(kind: .new, seed: 2, player: "on time", deadline: clock() + 10_000),
            timeout: .seconds(30)
        )
        let info = try #require(reply.info, "\(reply)")
        #expect(try store.listGames(limit: 10).map(\.id) == [info.game], "only the placement in time made a game")
        let metrics = instance.metrics.text()
        #expect(metrics.contains("brogue_cluster_placements_expired_total{instance=\"g1\"} 1"), "\(metrics)")
        #expect(metrics.contains("brogue_cluster_placements_total{instance=\"g1\"} 1"), "\(metrics)")
        await instance.drain()
        await asker.close()
        await instanceBus.close()
    }
}
