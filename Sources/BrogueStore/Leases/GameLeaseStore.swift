public import BrogueCore

/// Leases on games and the writes they fence, for instances of a cluster that share a store.
///
/// Time is passed in (unix milliseconds), so the store reads no clock and tests need none.
/// The fenced writes check the lease in the same transaction as the write, so an instance
/// that lost a game can never add to it, however late its write arrives.
///
/// ```swift
/// guard var lease = try store.acquireLease(game: id, instance: me, now: now(), ttl: 10_000) else { return redirect() }
/// try store.appendAction(gameID: id, seq: seq, action: action, summary: summary, holding: lease)
/// lease = try store.renewLease(lease, now: now(), ttl: 10_000)
/// ```
///
/// Backends: `SQLiteGameStore` (one node, or tests) and `PostgresGameStore` (a cluster).
public protocol GameLeaseStore: Sendable {
    /// Takes the lease on `game` when nobody holds it, it expired (`expires <= now`), or
    /// `instance` already holds it (then it is extended). A change of holder increments the
    /// epoch, atomically.
    ///
    /// - Returns: the lease, expiring at `now + ttl`; nil when another instance holds an
    ///   unexpired lease.
    /// - Throws: `StoreError.invalidArgument` for an empty or over-long instance id or a ttl
    ///   that is not positive.
    func acquireLease(game: Int64, instance: String, now: Int64, ttl: Int64) throws(StoreError) -> GameLease?

    /// Takes the lease on `game` from a holder known to be gone (its process no longer answers),
    /// before the lease expires: only when the stored lease is still `seen` (same holder and
    /// epoch), so of two instances that saw the same dead holder one wins. The epoch increments,
    /// so if the holder was only paused its later writes are refused.
    ///
    /// - Returns: the lease, expiring at `now + ttl`; nil when the lease changed since `seen`.
    func takeOverLease(_ seen: GameLease, instance: String, now: Int64, ttl: Int64) throws(StoreError) -> GameLease?
    /// Extends a lease still held with the same epoch (even past its expiry, when nobody took it).
    ///
    /// - Returns: the lease, expiring at `now + ttl`.
    /// - Throws: `StoreError.leaseLost` when the holder or epoch changed or it was released.
    func renewLease(_ lease: GameLease, now: Int64, ttl: Int64) throws(StoreError) -> GameLease

    /// Gives a lease up, so another instance may take it at once; does nothing when the
    /// lease is no longer held with this epoch. The epoch is kept: a later holder's is higher.
    func releaseLease(_ lease: GameLease) throws(StoreError)

    /// The lease on `game` as stored (expired or released ones too, with `expires` in the
    /// past), or nil when none was ever taken.
    func lease(game: Int64) throws(StoreError) -> GameLease?

    /// Every stored lease, by game id.
    func leases() throws(StoreError) -> [GameLease]

    /// `GameStore.appendAction(gameID:seq:action:summary:)`, fenced: stored only while
    /// `lease` is the game's lease (same holder and epoch), checked in the write's transaction.
    ///
    /// - Throws: `StoreError.leaseLost`, then what the unfenced append throws. Nothing is
    ///   stored on a throw.
    func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary, holding lease: GameLease) throws(StoreError)

    /// `GameStore.finishGame(id:status:cause:summary:score:)`, fenced like `appendAction`.
    @discardableResult
    func finishGame(
        id: Int64,
        status: GameStatus,
        cause: String?,
        summary: GameSummary?,
        score: ScoreEntry?,
        holding lease: GameLease
    ) throws(StoreError) -> GameRecord

    /// Stores what an instance says about itself, replacing its previous heartbeat.
    func recordHeartbeat(_ heartbeat: InstanceHeartbeat) throws(StoreError)

    /// Every instance's last heartbeat, by id.
    func heartbeats() throws(StoreError) -> [InstanceHeartbeat]
}
