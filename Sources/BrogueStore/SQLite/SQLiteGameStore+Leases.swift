public import BrogueCore
import GRDB

extension SQLiteGameStore: GameLeaseStore {
    public func acquireLease(game: Int64, instance: String, now: Int64, ttl: Int64) throws(StoreError) -> GameLease? {
        try StoreChecks.lease(game: game, instance: instance, ttl: ttl)
        return try write { db in
            let taken: GameLease
            if let current = try GameLeaseRow.fetchOne(db, key: game)?.lease {
                if current.holder == instance {
                    taken = GameLease(gameID: game, holder: instance, epoch: current.epoch, expires: now + ttl)
                } else if current.expires <= now {
                    taken = GameLease(gameID: game, holder: instance, epoch: current.epoch + 1, expires: now + ttl)
                } else {
                    return nil
                }
            } else {
                taken = GameLease(gameID: game, holder: instance, epoch: 1, expires: now + ttl)
            }
            try GameLeaseRow(taken).save(db)
            return taken
        }
    }

    public func takeOverLease(_ seen: GameLease, instance: String, now: Int64, ttl: Int64) throws(StoreError) -> GameLease? {
        try StoreChecks.lease(game: seen.gameID, instance: instance, ttl: ttl)
        return try write { db in
            guard let current = try GameLeaseRow.fetchOne(db, key: seen.gameID)?.lease, current.holder == seen.holder, current.epoch == seen.epoch
            else { return nil }
            let taken = GameLease(gameID: seen.gameID, holder: instance, epoch: current.epoch + 1, expires: now + ttl)
            try GameLeaseRow(taken).save(db)
            return taken
        }
    }

    public func renewLease(_ lease: GameLease, now: Int64, ttl: Int64) throws(StoreError) -> GameLease {
        try StoreChecks.lease(game: lease.gameID, instance: lease.holder, ttl: ttl)
        return try write { db in
            let current = try GameLeaseRow.fetchOne(db, key: lease.gameID)?.lease
            guard StoreChecks.holds(lease, current: current) else { throw StoreChecks.leaseLost(lease, current: current) }
            var renewed = lease
            renewed.expires = now + ttl
            try GameLeaseRow(renewed).update(db)
            return renewed
        }
    }

    public func releaseLease(_ lease: GameLease) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE game_lease SET expires = ? WHERE game_id = ? AND holder = ? AND epoch = ?",
                arguments: [StoreChecks.released, lease.gameID, lease.holder, lease.epoch]
            )
        }
    }

    public func lease(game: Int64) throws(StoreError) -> GameLease? {
        try read { db in try GameLeaseRow.fetchOne(db, key: game)?.lease }
    }

    public func leases() throws(StoreError) -> [GameLease] {
        try read { db in try GameLeaseRow.order(GameLeaseRow.CodingKeys.gameID).fetchAll(db).map(\.lease) }
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
        try write { db in try HeartbeatRow(heartbeat).save(db) }
    }

    public func heartbeats() throws(StoreError) -> [InstanceHeartbeat] {
        try read { db in try HeartbeatRow.order(HeartbeatRow.CodingKeys.id).fetchAll(db).map(\.heartbeat) }
    }

    /// Refuses the write unless `lease` (for `game`) is the stored lease: same holder, same epoch.
    private static func fence(_ lease: GameLease, game: Int64) -> Fence {
        { db in
            let current = try GameLeaseRow.fetchOne(db, key: game)?.lease
            guard lease.gameID == game, StoreChecks.holds(lease, current: current) else { throw StoreChecks.leaseLost(lease, current: current) }
        }
    }
}
