import GRDB

/// A row of the `game_token` table: the secret that resumes one game.
struct GameTokenRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "game_token"

    var gameID: Int64
    var token: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case token
        case gameID = "game_id"
    }
}
