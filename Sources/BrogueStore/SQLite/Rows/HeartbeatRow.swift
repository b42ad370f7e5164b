import GRDB

/// A row of the `instance_heartbeat` table: one instance's last heartbeat.
struct HeartbeatRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "instance_heartbeat"

    var id: String
    var role: String
    var gamesHosted: Int
    var address: String
    /// Unix milliseconds.
    var at: Int64

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, role, address, at
        case gamesHosted = "games_hosted"
    }

    init(_ heartbeat: InstanceHeartbeat) {
        id = heartbeat.id
        role = heartbeat.role
        gamesHosted = heartbeat.gamesHosted
        address = heartbeat.address
        at = heartbeat.at
    }

    var heartbeat: InstanceHeartbeat { InstanceHeartbeat(id: id, role: role, gamesHosted: gamesHosted, address: address, at: at) }
}
