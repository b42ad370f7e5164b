import Foundation
import GRDB

/// The secret per game that `resume` must present with the game's id, kept beside the game
/// store in `node.sqlite` so resuming works across node restarts.
final class TokenStore: Sendable {
    /// Shared with `AccountStore`, whose tables live in the same file.
    let db: DatabaseQueue

    init(path: String) throws {
        db = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-game-tokens") { db in
            try db.create(table: "game_token") { t in
                t.primaryKey("game_id", .integer)
                t.column("token", .text).notNull()
            }
        }
        AccountStore.registerMigrations(&migrator)
        try migrator.migrate(db)
    }

    /// A new random token (128 bits, hex) stored for `game`.
    func issue(for game: Int64) throws -> String {
        var rng = SystemRandomNumberGenerator()
        let token = (0..<2).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(16) }.joined()
        try db.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO game_token (game_id, token) VALUES (?, ?)", arguments: [game, token])
        }
        return token
    }

    /// Whether `token` is `game`'s, compared in constant time.
    func check(_ token: String, for game: Int64) throws -> Bool {
        guard let stored = try db.read({ db in try String.fetchOne(db, sql: "SELECT token FROM game_token WHERE game_id = ?", arguments: [game]) }) else {
            return false
        }
        let a = Array(stored.utf8)
        let b = Array(token.utf8)
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
