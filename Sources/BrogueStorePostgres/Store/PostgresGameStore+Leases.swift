public import BrogueCore
public import BrogueStore
import PostgresNIO

extension PostgresGameStore {
    static let leaseColumns = "game_id, holder, epoch, expires"

    public func acquireLease(game: Int64, instance: String, now: Int64, ttl: Int64) throws(StoreError) -> GameLease? {
        try StoreChecks.lease(game: game, instance: instance, ttl: ttl)
        // One statement, so two instances racing for the lease cannot both win: the second
        // waits for the first's row lock, then sees its holder and expiry.
        return try transaction { transaction in
            try transaction.query(
                """
                INSERT INTO game_lease AS l (game_id, holder, epoch, expires) VALUES (\(game), \(instance), 1, \(now + ttl))
                ON CONFLICT (game_id) DO UPDATE SET
                    epoch = CASE WHEN l.holder = EXCLUDED.holder THEN l.epoch ELSE l.epoch + 1 END,
                    holder = EXCLUDED.holder, expires = EXCLUDED.expires
                WHERE l.holder = EXCLUDED.holder OR l.expires <= \(now)
                RETURNING \(unescaped: Self.leaseColumns)
                """
            ).first.map(Self.lease)
        }
    }

    public func takeOverLease(_ seen: GameLease, instance: String, now: Int64, ttl: Int64) throws(StoreError) -> GameLease? {
        try StoreChecks.lease(game: seen.gameID, instance: instance, ttl: ttl)
        // One statement: of two instances taking over from the same holder, the second finds the epoch moved.
        return try transaction { transaction in
            try transaction.query(
                """
                UPDATE game_lease SET holder = \(instance), epoch = epoch + 1, expires = \(now + ttl)
                WHERE game_id = \(seen.gameID) AND holder = \(seen.holder) AND epoch = \(seen.epoch)
                RETURNING \(unescaped: Self.leaseColumns)
                """
            ).first.map(Self.lease)
        }
    }

    public func renewLease(_ lease: GameLease, now: Int64, ttl: Int64) throws(StoreError) -> GameLease {
        try StoreChecks.lease(game: lease.gameID, instance: lease.holder, ttl: ttl)
        return try transaction { transaction in
            let renewed = try transaction.query(
                """
                UPDATE game_lease SET expires = \(now + ttl)
                WHERE game_id = \(lease.gameID) AND holder = \(lease.holder) AND epoch = \(lease.epoch) AND expires <> \(StoreChecks.released)
                RETURNING \(unescaped: Self.leaseColumns)
                """
            )
            if let row = renewed.first { return try Self.lease(row) }
            throw StoreChecks.leaseLost(lease, current: try Self.storedLease(lease.gameID, in: transaction, lock: false))
        }
    }

    public func releaseLease(_ lease: GameLease) throws(StoreError) {
        try transaction { transaction in
            try transaction.execute(
                """
                UPDATE game_lease SET expires = \(StoreChecks.released)
                WHERE game_id = \(lease.gameID) AND holder = \(lease.holder) AND epoch = \(lease.epoch)
                """
            )
        }
    }

    public func lease(game: Int64) throws(StoreError) -> GameLease? {
        try transaction(.statement) { transaction in try Self.storedLease(game, in: transaction, lock: false) }
    }

    public func leases() throws(StoreError) -> [GameLease] {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT \(unescaped: Self.leaseColumns) FROM game_lease ORDER BY game_id").map(Self.lease)
        }
    }

    public func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary, holding lease: GameLease) throws(StoreError) {
        try appendAction(gameID: gameID, seq: seq, action: action, summary: summary, fence: Self.fence(lease, game: gameID))
    }

    @discardableResult
    public func finishGame(
        id: Int64,
        status: GameStatus,
        cause: String?,
        summary: GameSummary?,
        score: ScoreEntry?,
        holding lease: GameLease
    ) throws(StoreError) -> GameRecord {
        try finishGame(id: id, status: status, cause: cause, summary: summary, score: score, fence: Self.fence(lease, game: id))
    }

    public func recordHeartbeat(_ heartbeat: InstanceHeartbeat) throws(StoreError) {
        try StoreChecks.heartbeat(heartbeat)
        try transaction { transaction in
            try transaction.execute(
                """
                INSERT INTO instance_heartbeat (id, role, games_hosted, address, at)
                VALUES (\(heartbeat.id), \(heartbeat.role), \(heartbeat.gamesHosted), \(heartbeat.address), \(heartbeat.at))
                ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, games_hosted = EXCLUDED.games_hosted,
                    address = EXCLUDED.address, at = EXCLUDED.at
                """
            )
        }
    }

    public func heartbeats() throws(StoreError) -> [InstanceHeartbeat] {
        try transaction(.statement) { transaction in
            try transaction.query("SELECT id, role, games_hosted, address, at FROM instance_heartbeat ORDER BY id").map { row in
                let (id, role, games, address, at) = try row.decode((String, String, Int, String, Int64).self, context: .default)
                return InstanceHeartbeat(id: id, role: role, gamesHosted: games, address: address, at: at)
            }
        }
    }

    /// Refuses the write unless `lease` is the stored lease. `FOR SHARE` keeps the lease row
    /// as read until the write commits: a takeover waits for it, and the write never lands
    /// after a new holder's.
    private static func fence(_ lease: GameLease, game: Int64) -> Fence {
        { transaction in
            let current = try storedLease(game, in: transaction, lock: true)
            guard lease.gameID == game, StoreChecks.holds(lease, current: current) else { throw StoreChecks.leaseLost(lease, current: current) }
        }
    }

    private static func storedLease(_ game: Int64, in transaction: Transaction, lock: Bool) throws -> GameLease? {
        try transaction.query(
            "SELECT \(unescaped: leaseColumns) FROM game_lease WHERE game_id = \(game) \(unescaped: lock ? "FOR SHARE" : "")"
        ).first.map(lease)
    }

    private static func lease(_ row: PostgresRow) throws -> GameLease {
        let (game, holder, epoch, expires) = try row.decode((Int64, String, Int64, Int64).self, context: .default)
        return GameLease(gameID: game, holder: holder, epoch: epoch, expires: expires)
    }
}
