import GRDB

/// A row of the `action` table: one action of one game's log, in `Action.encoded` form.
struct ActionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "action"

    var gameID: Int64
    /// 0-based position in the game's log; with `gameID` the primary key.
    var seq: Int
    var action: String

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case seq, action
        case gameID = "game_id"
    }
}
