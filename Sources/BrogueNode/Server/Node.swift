public import BrogueContent
import BrogueProtocol
public import BrogueStore
import Foundation
public import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
public import ServiceLifecycle

/// Everything a node keeps: games, accounts, sessions, game tokens and owners.
public typealias NodeStore = GameStore & AccountStore & GameTokenStore

/// What the instances of a cluster share: a node's store with leases on its games.
public typealias ClusterStore = NodeStore & GameLeaseStore

/// A networked node: the HTTP endpoints, the WebSocket gateway and the hosted games, over one
/// store: SQLite in a data folder, or any other `NodeStore`.
///
/// ```swift
/// let node = try Node(config: config, content: content, dataDirectory: "/var/lib/brogue", logger: logger)
/// let app = node.makeApplication()
/// try await ServiceGroup(services: [app, node.drainService], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
public final class Node: Sendable {
    public let config: NodeConfig
    public let metrics: NodeMetrics
    /// Where connections find games: hosted here (`GameRegistry`) or by a cluster's game instances (`ClusterSeats`).
    let registry: any GameSeats
    let store: any NodeStore
    let logger: Logger
    let accounts: Accounts
    let addresses: AddressLimiter
    /// Refuses a connection over its address's share as it is accepted (`makeApplication` puts it in place).
    let acceptGate: AcceptGate
    /// Every connection's idle timeout, watched by one task (`DeadlineWatch`).
    let deadlines: DeadlineWatch
    /// Whether the cluster's bus is connected (always, for a node on its own).
    let busIsUp: @Sendable () -> Bool
    /// The data folder holding `brogue.sqlite`; nil for a store elsewhere.
    public let dataDirectory: String?

    /// Opens (or creates) `brogue.sqlite` in `dataDirectory`. A `node.sqlite` left there by an
    /// older node (accounts and game tokens in a second file) is merged into it first and
    /// renamed `node.sqlite.migrated`.
    /// - Throws: `StoreError` or a file error when the folder cannot be used.
    public convenience init(config: NodeConfig, content: LoadedContent, dataDirectory: String, logger: Logger) throws {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let store = try SQLiteGameStore(path: (dataDirectory as NSString).appendingPathComponent("brogue.sqlite"))
        try Self.mergeNodeFile(into: store, folder: dataDirectory, logger: logger)
        self.init(config: config, content: content, store: store, dataDirectory: dataDirectory, logger: logger)
    }

    /// A node over `store`, which it uses from many tasks at once.
    /// - Parameter dataDirectory: the folder the store lives in, if it is a folder (for logs).
    public convenience init(config: NodeConfig, content: LoadedContent, store: any NodeStore, dataDirectory: String? = nil, logger: Logger) {
        let metrics = NodeMetrics()
        let registry = GameRegistry(
            store: store,
            tokens: store,
            content: content,
            metrics: metrics,
            logger: logger,
            drainCloseCode: config.drainCloseCode
        )
        self.init(config: config, store: store, seats: registry, metrics: metrics, dataDirectory: dataDirectory, logger: logger)
    }

    init(
        config: NodeConfig,
        store: any NodeStore,
        seats: any GameSeats,
        metrics: NodeMetrics,
        dataDirectory: String?,
        logger: Logger,
        busIsUp: @escaping @Sendable () -> Bool = { true }
    ) {
        self.busIsUp = busIsUp
        self.config = config
        self.logger = logger
        self.dataDirectory = dataDirectory
        self.store = store
        self.metrics = metrics
        registry = seats
        accounts = Accounts(store: store, config: config.access, logger: logger)
        addresses = AddressLimiter(cap: config.access.maxConnectionsPerAddress)
        acceptGate = AcceptGate(addresses: addresses, trustedProxies: config.access.trustedProxies, metrics: metrics)
        deadlines = DeadlineWatch(clock: config.steadyClock)
        if let waiting = try? unfinishedGames(), !waiting.isEmpty {
            logger.info("unfinished games can be resumed", metadata: ["games": "\(waiting.count)"])
        }
    }

    /// Whether the node takes new games: not draining, and the store answers.
    public func isReady() async -> Bool {
        guard await !registry.draining, busIsUp() else { return false }
        return (try? store.listGames(limit: 1)) != nil
    }

    /// Stops new games, says `bye` (`shutdown`, then close `config.drainCloseCode`: 1001, or 1012
    /// for a restarting gateway) to every connection after its pending answers, and returns
    /// when all have closed or `config.drainSeconds` passed.
    public func drain() async {
        logger.info("draining")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.registry.drain() }
            group.addTask {
                let clock = self.config.steadyClock
                try? await clock.sleep(until: clock.now + .seconds(self.config.drainSeconds))
            }
            await group.next()
            group.cancelAll()
        }
        logger.info("drained")
    }

    /// The service that drains the node on graceful shutdown; put it after the application in
    /// the service group, so it stops first and the HTTP server stops after it.
    public var drainService: some Service { DrainService(node: self) }

    /// The HTTP and WebSocket application.
    /// - Parameter onRunning: called with the bound port once the server listens.
    public func makeApplication(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: NodeRequestContext.self)
        router.get("/health") { _, _ in "ok\n" }
        router.get("/ready") { _, _ -> Response in
            let ready = await self.isReady()
            return Response(status: ready ? .ok : .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: ready ? "ready\n" : "draining\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: self.metrics.text()))
            )
        }
        WebClient.addRoutes(to: router)
        // A plain GET of the WebSocket's path meets the upgrade's checks and says how they went
        // (403 for another site's page, 405 while draining), as a browser would see them.
        router.get("/ws") { request, _ -> Response in
            try self.checkOrigin(request)
            return Response(status: await self.registry.draining ? .methodNotAllowed : .ok)
        }
        return Application(
            router: router,
            server: gatedServer(),
            // A deep accept queue, so a burst of connections from one address is accepted and
            // refused rather than crowding out others' connects in the kernel.
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "brogue-node", backlog: 4096),
            onServerRunning: { channel in
                // First in the listening socket's pipeline: a flood is refused as it is accepted.
                try? await channel.pipeline.addHandler(self.acceptGate, position: .first)
                await onRunning(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
    }
}

extension Node {
    /// HTTP/1 with the WebSocket upgrade (`NodeChannel`), behind the per-address count and the
    /// request timeout (`GatedChannel`); kept-alive HTTP connections with no request for a minute
    /// are closed.
    func gatedServer() -> HTTPServerBuilder {
        let seconds = config.access.requestTimeoutSeconds
        let timeout = seconds > 0 ? TimeAmount.nanoseconds(Int64(seconds * 1e9)) : nil
        return HTTPServerBuilder { responder in
            GatedChannel(
                base: NodeChannel(
                    responder: responder,
                    idleTimeout: .seconds(60),
                    accept: { request, channel in await self.acceptWebSocket(request, channel: channel) },
                    install: { channel, address in try self.serveWebSocket(channel, address: address) }
                ),
                gate: self.acceptGate,
                requestTimeout: timeout,
                metrics: self.metrics
            )
        }
    }

    /// Whether an upgrade request becomes a WebSocket: the path `/ws`, an allowed `Origin`, a
    /// node that is not draining.
    /// - Returns: the client's address (named by a trusted proxy's `X-Forwarded-For`), or nil.
    func acceptWebSocket(_ request: Request, channel: any Channel) async -> String? {
        guard request.method == .get, request.uri.path.split(separator: "/") == ["ws"] else { return nil }
        guard (try? checkOrigin(request)) != nil, await !registry.draining else { return nil }
        return ClientAddress.resolve(
            peer: channel.remoteAddress?.ipAddress ?? "unknown",
            forwardedFor: request.headers[values: .xForwardedFor],
            trusted: config.access.trustedProxies
        )
    }

    /// Serves an upgraded connection with the node's handlers (on its event loop): no task
    /// waits for it.
    func serveWebSocket(_ channel: any Channel, address: String) throws {
        let connection = Connection(
            registry: registry,
            config: config,
            metrics: metrics,
            logger: logger,
            accounts: accounts,
            addresses: addresses,
            deadlines: deadlines,
            address: address
        )
        let session = Session(connection: connection, channel: channel)
        try channel.pipeline.syncOperations.addHandler(MessageChannelHandler(session: session))
        session.start()
    }
}

/// Waits for graceful shutdown (SIGTERM), then drains the node.
struct DrainService: Service {
    let node: Node

    func run() async throws {
        try? await gracefulShutdown()
        await node.drain()
    }
}
