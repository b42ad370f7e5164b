import BrogueNATS
import BrogueNode
import BrogueStore
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
