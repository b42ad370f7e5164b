import Foundation
import GRDB

extension SQLiteGameStore: AccountStore {
    public func createAccount(_ account: Account) throws(StoreError) {
        try StoreChecks.accountName(account.name)
        try StoreChecks.passwordHash(account.passwordHash, account: account.name)
        try write { db in
            let row = AccountRow(account)
            guard try AccountRow.fetchOne(db, key: row.nameKey) == nil else { throw StoreError.accountNameTaken(name: account.name) }
            try row.insert(db)
        }
    }

    public func account(named name: String) throws(StoreError) -> Account? {
        try read { db in try AccountRow.fetchOne(db, key: Account.key(for: name))?.account }
    }

    public func openSession(_ session: AccountSession) throws(StoreError) {
        try StoreChecks.tokenHash(session.tokenHash)
        let key = Account.key(for: session.accountName)
        try write { db in
            guard try AccountRow.fetchOne(db, key: key) != nil else { throw StoreError.accountNotFound(name: session.accountName) }
            let expires = Int64(session.expires.timeIntervalSince1970.rounded(.down))
            try SessionRow(tokenHash: session.tokenHash, nameKey: key, expires: expires).insert(db)
        }
    }

    public func session(tokenHash: String) throws(StoreError) -> AccountSession? {
        try read { db in
            let sql = "SELECT account.name AS name, session.expires AS expires FROM session JOIN account USING (name_key) WHERE token_hash = ?"
            return try Row.fetchOne(db, sql: sql, arguments: [tokenHash]).map { row in
                AccountSession(
                    tokenHash: tokenHash,
                    accountName: row["name"],
                    expires: Date(timeIntervalSince1970: TimeInterval(row["expires"] as Int64))
                )
            }
        }
    }

    public func closeSession(tokenHash: String) throws(StoreError) {
        _ = try write { db in try SessionRow.deleteOne(db, key: tokenHash) }
    }

    public func setOwner(of game: Int64, to accountName: String) throws(StoreError) {
        try StoreChecks.accountName(accountName)
        try write { db in try GameOwnerRow(gameID: game, nameKey: Account.key(for: accountName)).save(db) }
    }

    public func owner(of game: Int64) throws(StoreError) -> String? {
        try read { db in try GameOwnerRow.fetchOne(db, key: game)?.nameKey }
    }
}
