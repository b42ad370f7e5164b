import Crypto
import Foundation
import GRDB

/// Accounts, their sessions and the games they own, in `node.sqlite` beside the game tokens.
/// Holds only hashes: bcrypt for passwords (made by `Accounts`, off the connection's task),
/// SHA-256 for session tokens (random 256-bit values, so a fast hash is enough).
final class AccountStore: Sendable {
    private let db: DatabaseQueue

    init(db: DatabaseQueue) { self.db = db }

    /// Forward-only migrations, appended to `TokenStore`'s (the same file and migrator).
    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-accounts") { db in
            try db.create(table: "account") { t in
                t.primaryKey("name_key", .text)  // the name lower-cased: names are unique ignoring case
                t.column("name", .text).notNull()  // as registered, shown as the player
                t.column("password_hash", .text).notNull()
                t.column("created", .integer).notNull()
            }
            try db.create(table: "session") { t in
                t.primaryKey("token_hash", .text)
                t.column("name_key", .text).notNull().references("account", onDelete: .cascade)
                t.column("expires", .integer).notNull()
            }
            try db.create(table: "game_owner") { t in
                t.primaryKey("game_id", .integer)
                t.column("name_key", .text).notNull()
            }
        }
    }

    struct Account: Sendable {
        var name: String
        var passwordHash: String
    }

    /// Creates an account.
    /// - Returns: false when the name (ignoring case) is taken.
    func create(name: String, passwordHash: String, now: Date) throws -> Bool {
        try db.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE name_key = ?", arguments: [name.lowercased()]) == nil else { return false }
            try db.execute(
                sql: "INSERT INTO account (name_key, name, password_hash, created) VALUES (?, ?, ?, ?)",
                arguments: [name.lowercased(), name, passwordHash, Int64(now.timeIntervalSince1970)]
            )
            return true
        }
    }

    /// The account with `name` (any case).
    func account(named name: String) throws -> Account? {
        try db.read { db in
            try Row.fetchOne(db, sql: "SELECT name, password_hash FROM account WHERE name_key = ?", arguments: [name.lowercased()])
                .map { Account(name: $0["name"], passwordHash: $0["password_hash"]) }
        }
    }

    /// A new session for `name`: 32 random bytes as 64 hex digits; only its hash is stored.
    func openSession(for name: String, expires: Date) throws -> String {
        var rng = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(16) }.joined()
        try db.write { db in
            try db.execute(
                sql: "INSERT INTO session (token_hash, name_key, expires) VALUES (?, ?, ?)",
                arguments: [Self.hash(token), name.lowercased(), Int64(expires.timeIntervalSince1970)]
            )
        }
        return token
    }

    /// The account name and expiry of a session token, if the token is known.
    func session(_ token: String) throws -> (name: String, expires: Date)? {
        try db.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT account.name AS name, session.expires AS expires FROM session JOIN account USING (name_key) WHERE token_hash = ?",
                arguments: [Self.hash(token)]
            ).map { (name: $0["name"], expires: Date(timeIntervalSince1970: TimeInterval($0["expires"] as Int64))) }
        }
    }

    /// Forgets a session (an expired one, once seen).
    func closeSession(_ token: String) throws {
        try db.write { db in try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [Self.hash(token)]) }
    }

    /// Records that `game` belongs to the account `name`.
    func setOwner(of game: Int64, to name: String) throws {
        try db.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO game_owner (game_id, name_key) VALUES (?, ?)", arguments: [game, name.lowercased()])
        }
    }

    /// The account that owns `game`, lower-cased; nil for a guest's game.
    func owner(of game: Int64) throws -> String? {
        try db.read { db in try String.fetchOne(db, sql: "SELECT name_key FROM game_owner WHERE game_id = ?", arguments: [game]) }
    }

    /// Ids of every game this node has issued a token for (the games it hosted).
    func hostedGames() throws -> [Int64] {
        try db.read { db in try Int64.fetchAll(db, sql: "SELECT game_id FROM game_token ORDER BY game_id") }
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}
