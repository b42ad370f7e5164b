import GRDB

/// A row of the `game_owner` table: the account that started a game (guests' games have none).
struct GameOwnerRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "game_owner"

    var gameID: Int64
    var nameKey: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case gameID = "game_id"
        case nameKey = "name_key"
    }
}
