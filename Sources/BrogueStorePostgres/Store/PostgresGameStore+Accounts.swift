public import BrogueStore
import Foundation
import PostgresNIO

extension PostgresGameStore {
    public func createAccount(_ account: Account) throws(StoreError) {
        try StoreChecks.accountName(account.name)
        try StoreChecks.passwordHash(account.passwordHash, account: account.name)
        let created = Int64(account.createdAt.timeIntervalSince1970.rounded(.down))
        try transaction { transaction in
            let inserted = try transaction.execute(
                """
                INSERT INTO account (name_key, name, password_hash, created)
                VALUES (\(Account.key(for: account.name)), \(account.name), \(account.passwordHash), \(created))
                ON CONFLICT (name_key) DO NOTHING
                """
            )
            guard inserted == 1 else { throw StoreError.accountNameTaken(name: account.name) }
        }
    }

    public func account(named name: String) throws(StoreError) -> Account? {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT name, password_hash, created FROM account WHERE name_key = \(Account.key(for: name))").first.map { row in
                let (name, hash, created) = try row.decode((String, String, Int64).self, context: .default)
                return Account(name: name, passwordHash: hash, createdAt: Date(timeIntervalSince1970: TimeInterval(created)))
            }
        }
    }

    public func openSession(_ session: AccountSession) throws(StoreError) {
        try StoreChecks.tokenHash(session.tokenHash)
        let expires = Int64(session.expires.timeIntervalSince1970.rounded(.down))
        try transaction { transaction in
            let inserted = try transaction.execute(
                """
                INSERT INTO session (token_hash, name_key, expires)
                SELECT \(session.tokenHash), name_key, \(expires) FROM account WHERE name_key = \(Account.key(for: session.accountName))
                """
            )
            guard inserted == 1 else { throw StoreError.accountNotFound(name: session.accountName) }
        }
    }

    public func session(tokenHash: String) throws(StoreError) -> AccountSession? {
        try transaction(.statement) { transaction in
            let rows = try transaction.query(
                "SELECT account.name, session.expires FROM session JOIN account USING (name_key) WHERE token_hash = \(tokenHash)"
            )
            return try rows.first.map { row in
                let (name, expires) = try row.decode((String, Int64).self, context: .default)
                return AccountSession(tokenHash: tokenHash, accountName: name, expires: Date(timeIntervalSince1970: TimeInterval(expires)))
            }
        }
    }

    public func closeSession(tokenHash: String) throws(StoreError) {
        try transaction { transaction in try transaction.execute("DELETE FROM session WHERE token_hash = \(tokenHash)") }
    }

    public func setOwner(of game: Int64, to accountName: String) throws(StoreError) {
        try StoreChecks.accountName(accountName)
        try transaction { transaction in
            try transaction.execute(
                """
                INSERT INTO game_owner (game_id, name_key) VALUES (\(game), \(Account.key(for: accountName)))
                ON CONFLICT (game_id) DO UPDATE SET name_key = EXCLUDED.name_key
                """
            )
        }
    }

    public func owner(of game: Int64) throws(StoreError) -> String? {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT name_key FROM game_owner WHERE game_id = \(game)").first.map { try $0.decode(String.self) }
        }
    }

    public func setToken(_ token: String, forGame game: Int64) throws(StoreError) {
        try StoreChecks.gameToken(token, game: game)
        try transaction { transaction in
            try transaction.execute(
                "INSERT INTO game_token (game_id, token) VALUES (\(game), \(token)) ON CONFLICT (game_id) DO UPDATE SET token = EXCLUDED.token"
            )
        }
    }

    public func token(forGame game: Int64) throws(StoreError) -> String? {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT token FROM game_token WHERE game_id = \(game)").first.map { try $0.decode(String.self) }
        }
    }

    public func gamesWithTokens() throws(StoreError) -> [Int64] {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT game_id FROM game_token ORDER BY game_id").map { try $0.decode(Int64.self) }
        }
    }
}
