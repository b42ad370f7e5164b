import GRDB

/// A row of the `game_lease` table: who may write a game, and with which epoch.
struct GameLeaseRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "game_lease"

    var gameID: Int64
    var holder: String
    var epoch: Int64
    /// Unix milliseconds.
    var expires: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case holder, epoch, expires
        case gameID = "game_id"
    }

    init(_ lease: GameLease) {
        gameID = lease.gameID
        holder = lease.holder
        epoch = lease.epoch
        expires = lease.expires
    }

    var lease: GameLease { GameLease(gameID: gameID, holder: holder, epoch: epoch, expires: expires) }
}
