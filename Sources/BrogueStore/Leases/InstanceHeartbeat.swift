/// What one instance of a cluster last said about itself, for `brogue cluster status`.
public struct InstanceHeartbeat: Sendable, Hashable {
    /// The instance's cluster id.
    public var id: String
    /// What it does, e.g. `gateway` or `game`.
    public var role: String
    /// How many games it hosted at the time.
    public var gamesHosted: Int
    /// Where it can be reached, e.g. `10.0.0.5:8080`.
    public var address: String
    /// Unix milliseconds of the heartbeat, by the instance's clock.
    public var at: Int64

    public init(id: String, role: String, gamesHosted: Int, address: String, at: Int64) {
        self.id = id
        self.role = role
        self.gamesHosted = gamesHosted
        self.address = address
        self.at = at
    }
}
