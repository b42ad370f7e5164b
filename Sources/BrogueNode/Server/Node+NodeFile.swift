import BrogueStore
import Foundation
import Logging

extension Node {
    /// Moves the accounts, sessions, game tokens and owners an older node kept in
    /// `node.sqlite` into the game store, so a data folder is one database; says so in one line.
    static func mergeNodeFile(into store: SQLiteGameStore, folder: String, logger: Logger) throws(StoreError) {
        let old = (folder as NSString).appendingPathComponent("node.sqlite")
        guard let merge = try store.mergeNodeFile(at: old) else { return }
        var metadata: Logger.Metadata = ["from": "\(old)", "into": "\(store.path)", "kept_as": "\(merge.setAsideAt)"]
        for (table, count) in merge.copied { metadata[table] = "\(count)" }
        let skipped = merge.skipped.values.reduce(0, +)
        if skipped > 0 { metadata["skipped"] = "\(skipped)" }
        logger.info("moved accounts, sessions, game tokens and owners from node.sqlite into brogue.sqlite", metadata: metadata)
    }
}
