public import BrogueContent
public import BrogueNATS
public import Logging

extension Node {
    /// The gateway role: WebSockets, accounts and limits as a single node has them, with every
    /// game hosted by the cluster's game instances, reached over `nats` (docs/cluster.md).
    public static func gateway(config: NodeConfig, store: any NodeStore, nats: NATSClient, logger: Logger) -> Node {
        let metrics = NodeMetrics()
        let bus = ClusterBus(client: nats, subjects: ClusterSubjects(), metrics: metrics)
        let seats = ClusterSeats(bus: bus, tokens: store, logger: logger)
        return Node(config: config, store: store, seats: seats, metrics: metrics, dataDirectory: nil, logger: logger)
    }
}

/// The game role's process: hosts the games gateways place through NATS, in the shared store.
public final class GameInstanceNode: Sendable {
    let instance: GameInstance
    public let metrics: NodeMetrics

    /// - Parameters:
    ///   - id: this instance's id, unique in the cluster (`INSTANCE_ID`).
    ///   - now: unix milliseconds, for leases.
    public init(
        id: String,
        store: any ClusterStore,
        content: LoadedContent,
        nats: NATSClient,
        leaseMillis: Int64 = 6_000,
        now: @escaping @Sendable () -> Int64,
        logger: Logger
    ) {
        metrics = NodeMetrics()
        let bus = ClusterBus(client: nats, subjects: ClusterSubjects(), metrics: metrics)
        instance = GameInstance(id: id, bus: bus, store: store, content: content, leaseMillis: leaseMillis, now: now, logger: logger)
    }

    /// Joins the placement queue; the work goes on in tasks until `drain()`.
    public func start() async throws { try await instance.start() }

    /// The games hosted here now, by id.
    public func hostedGames() async -> [Int64] { await instance.hostedGames }

    /// Stops taking games and hands every hosted game back (its lease released), so the gateways
    /// open them on other instances.
    public func drain() async { await instance.drain() }
}
