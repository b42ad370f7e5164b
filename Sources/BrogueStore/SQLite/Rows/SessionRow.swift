import GRDB

/// A row of the `session` table: a session token's SHA-256, never the token.
struct SessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"

    var tokenHash: String
    var nameKey: String
    /// Unix seconds.
    var expires: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case expires
        case tokenHash = "token_hash"
        case nameKey = "name_key"
    }
}
