import Foundation
import GRDB

extension SQLiteGameStore {
    /// The tables a node kept in `node.sqlite`, in the order they are copied (sessions after
    /// the accounts they belong to), with the statement that copies each one.
    static let nodeFileTables: [(table: String, copy: String)] = [
        (
            "account",
            "INSERT OR IGNORE INTO main.account (name_key, name, password_hash, created) SELECT name_key, name, password_hash, created FROM old.account"
        ),
        (
            "session",
            "INSERT OR IGNORE INTO main.session (token_hash, name_key, expires) SELECT token_hash, name_key, expires FROM old.session WHERE name_key IN (SELECT name_key FROM main.account)"
        ),
        ("game_token", "INSERT OR IGNORE INTO main.game_token (game_id, token) SELECT game_id, token FROM old.game_token"),
        ("game_owner", "INSERT OR IGNORE INTO main.game_owner (game_id, name_key) SELECT game_id, name_key FROM old.game_owner"),
    ]

    /// Moves a node's accounts, sessions, game tokens and game owners from the second file
    /// older nodes kept (`node.sqlite`) into this store, then renames that file
    /// `node.sqlite.migrated`. Nothing is deleted.
    ///
    /// The order makes a crash at any point safe: all rows are copied in one transaction
    /// (a crash during it copies nothing and leaves the old file as it was), and only after the
    /// commit is the old file renamed. A crash between the two leaves both; the next call copies
    /// again, and rows already here are kept as they are (`INSERT OR IGNORE`), so the second
    /// copy changes nothing.
    ///
    /// - Parameter nodePath: the old file, usually `node.sqlite` beside this store's file.
    /// - Returns: what was copied and where the old file went; nil when there is no such file
    ///   (a fresh folder, or one already merged).
    /// - Throws: `StoreError` naming `nodePath` when the old file cannot be read (it is left in
    ///   place), or this store's failures; either way nothing was copied.
    public func mergeNodeFile(at nodePath: String) throws(StoreError) -> NodeFileMerge? {
        guard FileManager.default.fileExists(atPath: nodePath) else { return nil }
        guard options.access == .readWrite else {
            throw .readOnly(path: path, detail: "\(nodePath) must be merged into it first, which needs write access")
        }
        let (copied, skipped) = try copyNodeTables(from: nodePath)
        let target = try Self.setAside(nodePath)
        return NodeFileMerge(copied: copied, skipped: skipped, setAsideAt: target)
    }

    private func copyNodeTables(from nodePath: String) throws(StoreError) -> (copied: [String: Int], skipped: [String: Int]) {
        do {
            // ATTACH cannot run inside a transaction; the copy itself is one.
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS old", arguments: [nodePath])
                defer { try? db.execute(sql: "DETACH DATABASE old") }
                let present = Set(try String.fetchAll(db, sql: "SELECT name FROM old.sqlite_master WHERE type = 'table'"))
                var copied: [String: Int] = [:]
                var skipped: [String: Int] = [:]
                try db.inTransaction(.immediate) {
                    for (table, copy) in Self.nodeFileTables where present.contains(table) {
                        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM old.\(table)") ?? 0
                        try db.execute(sql: copy)
                        copied[table] = db.changesCount
                        skipped[table] = total - db.changesCount
                    }
                    return .commit
                }
                return (copied, skipped)
            }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_CANTOPEN].contains(error.resultCode) {
            throw Self.storeError(error, path: nodePath, busyTimeout: options.busyTimeout)
        } catch {
            throw storeError(error)
        }
    }

    /// Renames the old file (and any journal beside it) to the first free
    /// `NAME.migrated`, `NAME.migrated-2`, ...
    private static func setAside(_ nodePath: String) throws(StoreError) -> String {
        let files = FileManager.default
        var target = nodePath + ".migrated"
        var n = 2
        while files.fileExists(atPath: target) {
            target = nodePath + ".migrated-\(n)"
            n += 1
        }
        do {
            try files.moveItem(atPath: nodePath, toPath: target)
            // Reading the file rolled back any hot journal, so a companion left now is stale;
            // it goes with the file all the same.
            for suffix in ["-journal", "-wal", "-shm"] where files.fileExists(atPath: nodePath + suffix) {
                try files.moveItem(atPath: nodePath + suffix, toPath: target + suffix)
            }
        } catch {
            throw .database(
                path: nodePath,
                detail: "its rows are now in the game store, but it could not be renamed to \(target): \(error.localizedDescription); "
                    + "rename or remove it by hand (merging again copies nothing twice)"
            )
        }
        return target
    }
}
