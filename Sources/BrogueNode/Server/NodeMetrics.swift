import BrogueNATS
import NIOConcurrencyHelpers
public import Prometheus

/// The node's Prometheus metrics, in a registry of its own (no global bootstrap, so tests can
/// run several nodes in one process).
public struct NodeMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let playersConnected: Gauge
    let gamesActive: Gauge
    let levelsHosted: Gauge
    let actionsTotal: Counter
    let actionLatency: DurationHistogram
    let storeWriteLatency: DurationHistogram
    let storeErrors: Counter
    /// A shared store's calls (PostgreSQL), by access: `read` and `write`.
    private let storeQueryLatency: [String: DurationHistogram]
    let droppedConnections: Counter
    let spectators: Gauge
    /// Messages (and their bytes) waiting in connections' outbound queues: what slow readers cost.
    let outboundQueued: Gauge
    let outboundQueuedBytes: Gauge
    /// Swift tasks working for connections now (opening one, handling its messages, closing it):
    /// an idle connection has none, so this stays near the number of busy connections.
    let connectionTasks: Gauge
    let refusedConnections: Counter
    let requestTimeouts: Counter
    /// Cluster mode (docs/cluster.md).
    let clusterBadMessages: Counter
    let failovers: Counter
    let placements: Counter
    let expiredPlacements: Counter
    let clusterRetries: Counter
    let leaseRenewalFailures: Counter
    /// The NATS client's counters, copied in at each scrape.
    private let bus: BusCounters
    /// The `instance` label as written on the `process_*` lines, or empty.
    private let processLabels: String

    /// - Parameter instance: in a cluster, this process's `INSTANCE_ID`, put on every metric as
    ///   the `instance` label so a dashboard can tell the instances apart whatever the scrape says.
    public init(instance: String? = nil) {
        let labels = instance.map { [("instance", $0)] } ?? []
        processLabels = instance.map { "instance=\"\($0)\"" } ?? ""
        let buckets: [Duration] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
        ]
        playersConnected = registry.makeGauge(name: "brogue_players_connected", labels: labels, help: "Open WebSocket connections.")
        gamesActive = registry.makeGauge(name: "brogue_games_active", labels: labels, help: "Games hosted in memory with a player attached.")
        levelsHosted = registry.makeGauge(
            name: "brogue_levels_hosted",
            labels: labels,
            help: "Levels held in memory by the games hosted: a game keeps every level its player has visited."
        )
        actionsTotal = registry.makeCounter(name: "brogue_actions_total", labels: labels, help: "Actions applied and stored.")
        actionLatency = registry.makeDurationHistogram(
            name: "brogue_action_latency_seconds",
            labels: labels,
            buckets: buckets,
            help: "From an action or key arriving to its acknowledgement being queued."
        )
        storeWriteLatency = registry.makeDurationHistogram(
            name: "brogue_store_write_latency_seconds",
            labels: labels,
            buckets: buckets,
            help: "One action appended to the store."
        )
        let registry = self.registry
        storeQueryLatency = Dictionary(
            uniqueKeysWithValues: ["read", "write"].map { access in
                (
                    access,
                    registry.makeDurationHistogram(
                        name: "brogue_store_query_latency_seconds",
                        labels: labels + [("access", access)],
                        buckets: buckets,
                        help: "One call to the shared store (PostgreSQL), waiting for a pooled connection included."
                    )
                )
            }
        )
        storeErrors = registry.makeCounter(
            name: "brogue_store_errors_total",
            labels: labels,
            help: "Actions the store refused or could not take: answered store_failed, never acknowledged."
        )
        droppedConnections = registry.makeCounter(
            name: "brogue_connections_dropped_total",
            labels: labels,
            help: "Connections closed by the node for a protocol error, flooding or a full outbound queue."
        )
        spectators = registry.makeGauge(name: "brogue_spectators", labels: labels, help: "Connections watching a game.")
        outboundQueued = registry.makeGauge(
            name: "brogue_outbound_queued_messages",
            labels: labels,
            help: "Messages waiting in connections' outbound queues (each queue is bounded; a full one drops its client)."
        )
        connectionTasks = registry.makeGauge(
            name: "brogue_connection_tasks",
            labels: labels,
            help: "Swift tasks opening, serving or closing WebSocket connections now; an idle connection has none."
        )
        outboundQueuedBytes = registry.makeGauge(
            name: "brogue_outbound_queued_bytes",
            labels: labels,
            help: "Bytes of the messages waiting in connections' outbound queues."
        )
        refusedConnections = registry.makeCounter(
            name: "brogue_connections_refused_total",
            labels: labels,
            help: "Connections closed as soon as accepted: their address already had its connections and refusals open."
        )
        requestTimeouts = registry.makeCounter(
            name: "brogue_request_timeouts_total",
            labels: labels,
            help: "Connections closed because a request head or WebSocket handshake did not arrive within the request timeout."
        )
        clusterBadMessages = registry.makeCounter(
            name: "brogue_cluster_bad_messages_total",
            labels: labels,
            help: "Messages from the bus that did not decode or were out of range; dropped."
        )
        failovers = registry.makeCounter(
            name: "brogue_cluster_failovers_total",
            labels: labels,
            help: "Games this instance took over from an owner that was gone, rebuilt by replay."
        )
        placements = registry.makeCounter(
            name: "brogue_cluster_placements_total",
            labels: labels,
            help: "Games placed on this instance, new or opened."
        )
        expiredPlacements = registry.makeCounter(
            name: "brogue_cluster_placements_expired_total",
            labels: labels,
            help: "Placement requests dropped unanswered because they were read after their deadline (the instance was paused)."
        )
        leaseRenewalFailures = registry.makeCounter(
            name: "brogue_cluster_lease_renewal_failures_total",
            labels: labels,
            help: "Lease renewals that failed: the store was unreachable, or another instance had taken the game."
        )
        clusterRetries = registry.makeCounter(
            name: "brogue_cluster_request_retries_total",
            labels: labels,
            help: "Requests a gateway sent again after a timeout or a missing owner."
        )
        bus = BusCounters(
            messagesIn: registry.makeCounter(name: "brogue_nats_messages_in_total", labels: labels, help: "NATS messages received."),
            messagesOut: registry.makeCounter(name: "brogue_nats_messages_out_total", labels: labels, help: "NATS messages sent."),
            reconnects: registry.makeCounter(name: "brogue_nats_reconnects_total", labels: labels, help: "Times the NATS connection was made again.")
        )
    }

    /// Records one call to the shared store (`PostgresGameStore.Options.onTransaction`).
    public func recordStoreQuery(access: String, _ elapsed: Duration) {
        storeQueryLatency[access]?.record(elapsed)
    }

    /// The Prometheus text exposition of every metric, the process's CPU, memory and files
    /// (`process_*`, read from `/proc` now) last.
    public func text() -> String {
        bus.refresh()
        return registry.emitToString() + (ProcessStats.current()?.exposition(labels: processLabels) ?? "")
            + (HeapStats.current()?.exposition(labels: processLabels) ?? "")
    }

    /// Exports `client`'s message and reconnect counts from now on.
    func observe(_ client: NATSClient) { bus.observe(client) }
}

/// NATS counters kept by the client, turned into Prometheus counters at each scrape.
private final class BusCounters: Sendable {
    private let messagesIn: Counter
    private let messagesOut: Counter
    private let reconnects: Counter
    private let state = NIOLockedValueBox<(client: NATSClient?, seen: NATSStatistics)>((nil, NATSStatistics()))

    init(messagesIn: Counter, messagesOut: Counter, reconnects: Counter) {
        self.messagesIn = messagesIn
        self.messagesOut = messagesOut
        self.reconnects = reconnects
    }

    func observe(_ client: NATSClient) { state.withLockedValue { $0.client = client } }

    func refresh() {
        state.withLockedValue { state in
            guard let now = state.client?.statistics else { return }
            messagesIn.increment(by: Int64(max(0, now.messagesIn - state.seen.messagesIn)))
            messagesOut.increment(by: Int64(max(0, now.messagesOut - state.seen.messagesOut)))
            reconnects.increment(by: Int64(max(0, now.reconnects - state.seen.reconnects)))
            state.seen = now
        }
    }
}
