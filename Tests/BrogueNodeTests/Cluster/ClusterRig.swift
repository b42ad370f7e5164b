import BrogueNATS
import BrogueNode
import BrogueStore
import BrogueTestServers
import Foundation
import Logging

/// What the in-process cluster tests share: a store in a folder of its own, and a gateway over it
/// with rate limits no test reaches.
enum ClusterRig {
    /// A new SQLite store in a new temporary folder named after `name`; the caller removes the folder.
    static func store(_ name: String) throws -> (store: SQLiteGameStore, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try SQLiteGameStore(path: folder.appendingPathComponent("brogue.sqlite").path), folder)
    }

    static func gateway(store: SQLiteGameStore, bus: NATSClient, logger: Logger) throws -> Node {
        try Node.gateway(config: NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000), store: store, nats: bus, logger: logger)
    }
}

/// The in-process cluster three suites play through: a real nats-server, a store, two game
/// instances (`g1`, `g2`) on buses of their own, and a gateway on a third.
final class TwoInstanceCluster {
    let server: NATSServerProcess
    let store: SQLiteGameStore
    let folder: URL
    let buses: [NATSClient]
    let instances: [GameInstanceNode]
    let gatewayBus: NATSClient
    let gateway: Node

    init(_ name: String) async throws {
        server = try await NATSServerProcess.start()
        (store, folder) = try ClusterRig.store(name)
        let logger = Logger(label: "test")
        buses = [try await NATSClient.connect(servers: [server.url]), try await NATSClient.connect(servers: [server.url])]
        instances = (0..<2).map { [store, buses] i in
            GameInstanceNode(id: "g\(i + 1)", store: store, content: coreContent, nats: buses[i], now: ClusterFailoverTests.wallClock, logger: logger)
        }
        for i in instances { try await i.start() }
        gatewayBus = try await NATSClient.connect(servers: [server.url])
        gateway = try ClusterRig.gateway(store: store, bus: gatewayBus, logger: logger)
    }

    /// Drains the instances and closes every bus; the server and the folder go in `remove()`.
    func drain() async {
        for i in instances { await i.drain() }
        await gatewayBus.close()
        for b in buses { await b.close() }
    }

    /// Stops the server and removes the store's folder (for a `defer`).
    func remove() {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
