public import Prometheus

/// The node's Prometheus metrics, in a registry of its own (no global bootstrap, so tests can
/// run several nodes in one process).
public struct NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let playersConnected: Gauge
    let gamesActive: Gauge
    let actionsTotal: Counter
    let actionLatency: DurationHistogram
    let storeWriteLatency: DurationHistogram
    let droppedConnections: Counter
    let spectators: Gauge
    /// Cluster mode (docs/cluster.md).
    let clusterBadMessages: Counter
    let failovers: Counter
    let placements: Counter
    let clusterRetries: Counter
    let leaseRenewalFailures: Counter

    public init() {
        let buckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        playersConnected = registry.makeGauge(name: "brogue_players_connected", help: "Open WebSocket connections.")
        gamesActive = registry.makeGauge(name: "brogue_games_active", help: "Games hosted in memory with a player attached.")
        actionsTotal = registry.makeCounter(name: "brogue_actions_total", help: "Actions applied and stored.")
        actionLatency = registry.makeDurationHistogram(
            name: "brogue_action_latency_seconds",
            buckets: buckets,
            help: "From an action or key arriving to its acknowledgement being queued."
        )
        storeWriteLatency = registry.makeDurationHistogram(
            name: "brogue_store_write_latency_seconds",
            buckets: buckets,
            help: "One action appended to the store."
        )
        droppedConnections = registry.makeCounter(
            name: "brogue_connections_dropped_total",
            help: "Connections closed by the node for a protocol error, flooding or a full outbound queue."
        )
        spectators = registry.makeGauge(name: "brogue_spectators", help: "Connections watching a game.")
        clusterBadMessages = registry.makeCounter(
            name: "brogue_cluster_bad_messages_total",
            help: "Messages from the bus that did not decode or were out of range; dropped."
        )
        failovers = registry.makeCounter(
            name: "brogue_cluster_failovers_total",
            help: "Games this instance took over from an owner that was gone, rebuilt by replay."
        )
        placements = registry.makeCounter(name: "brogue_cluster_placements_total", help: "Games placed on this instance, new or opened.")
        leaseRenewalFailures = registry.makeCounter(
            name: "brogue_cluster_lease_renewal_failures_total",
            help: "Lease renewals that failed: the store was unreachable, or another instance had taken the game."
        )
        clusterRetries = registry.makeCounter(
            name: "brogue_cluster_request_retries_total",
            help: "Requests a gateway sent again after a timeout or a missing owner."
        )
    }

    /// The Prometheus text exposition of every metric.
    public func text() -> String { registry.emitToString() }
}
