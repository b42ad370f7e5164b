import Foundation
import GRDB

/// A row of the `account` table.
struct AccountRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account"

    /// `Account.key(for: name)`: the primary key, so names are unique ignoring case.
    var nameKey: String
    var name: String
    var passwordHash: String
    /// Unix seconds.
    var created: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case name, created
        case nameKey = "name_key"
        case passwordHash = "password_hash"
    }

    init(_ account: Account) {
        nameKey = Account.key(for: account.name)
        name = account.name
        passwordHash = account.passwordHash
        created = Int64(account.createdAt.timeIntervalSince1970.rounded(.down))
    }

    var account: Account {
        Account(name: name, passwordHash: passwordHash, createdAt: Date(timeIntervalSince1970: TimeInterval(created)))
    }
}
