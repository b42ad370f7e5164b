/// The right of one instance of a cluster to host one game, and write its actions.
///
/// `epoch` grows by one every time the lease passes to another holder, so a write carrying
/// an older epoch comes from an instance that lost the game: the store refuses it (fencing).
public struct GameLease: Sendable, Hashable {
    public var gameID: Int64
    /// The instance holding the lease (its cluster id).
    public var holder: String
    /// How many times the lease changed holder, counting the first: 1, 2, ...
    public var epoch: Int64
    /// Unix milliseconds after which another instance may take the lease.
    public var expires: Int64

    public init(gameID: Int64, holder: String, epoch: Int64, expires: Int64) {
        self.gameID = gameID
        self.holder = holder
        self.epoch = epoch
        self.expires = expires
    }
}
