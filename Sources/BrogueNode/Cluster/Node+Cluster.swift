public import BrogueContent
public import BrogueNATS
import BrogueProtocol
import BrogueStore
import Foundation
public import Hummingbird
public import Logging
import NIOCore

extension Node {
    /// The gateway role: WebSockets, accounts and limits as a single node has them, with every
    /// game hosted by the cluster's game instances, reached over `nats` (docs/cluster.md).
    /// `/ready` is 503 while NATS is disconnected, as it is while the store does not answer.
    /// - Throws: `NATSError` when the heartbeat subject cannot be subscribed.
    /// - Parameter metrics: the process's metrics, made before the store so that the store's call
    ///   times can be recorded in them; new ones when nil.
    public static func gateway(config: NodeConfig, store: any NodeStore, nats: NATSClient, metrics: NodeMetrics? = nil, logger: Logger) throws -> Node
    {
        let metrics = metrics ?? NodeMetrics(instance: config.instanceID)
        metrics.observe(nats)
        // A gateway stops only to restart or scale down: its players reconnect to another at once.
        var config = config
        config.drainCloseCode = CloseCode.serviceRestart
        let bus = ClusterBus(client: nats, subjects: ClusterSubjects(), metrics: metrics)
        let seats = ClusterSeats(bus: bus, tokens: store, heartbeats: try nats.subscribe(bus.subjects.heartbeat), logger: logger)
        return Node(
            config: config,
            store: store,
            seats: seats,
            metrics: metrics,
            dataDirectory: nil,
            logger: logger,
            busIsUp: { nats.connectedServer != nil }
        )
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
        metrics: NodeMetrics? = nil,
        leaseMillis: Int64 = 6_000,
        now: @escaping @Sendable () -> Int64,
        logger: Logger
    ) {
        self.metrics = metrics ?? NodeMetrics(instance: id)
        let metrics = self.metrics
        metrics.observe(nats)
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

    /// Ready: not draining, NATS connected and the store answering.
    public func isReady() async -> Bool {
        guard await !instance.draining, instance.bus.client.connectedServer != nil else { return false }
        return (try? instance.leases.heartbeats()) != nil
    }

    /// `/health`, `/ready` and `/metrics` for probes and Prometheus; a game instance takes no WebSockets.
    public func makeApplication(
        host: String,
        port: Int,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("/health") { _, _ in "ok\n" }
        router.get("/ready") { _, _ -> Response in
            let ready = await self.isReady()
            return Response(
                status: ready ? .ok : .serviceUnavailable,
                body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "not ready: draining, or NATS or the store is away\n"))
            )
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: self.metrics.text()))
            )
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "brogue-game"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                await self.instance.setAddress("\(host):\(port)")
                await onRunning(port)
            },
            logger: logger
        )
    }
}
