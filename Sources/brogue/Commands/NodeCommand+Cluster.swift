import ArgumentParser
import BrogueContent
import BrogueNATS
import BrogueNode
import BrogueStore
import BrogueStorePostgres
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `brogue node --role gateway|game`: one side of a cluster (docs/cluster.md).
extension NodeCommand {
    func runGateway(_ launch: NodeLaunch, content: LoadedContent, trim: ServiceGroupConfiguration.ServiceConfiguration, logger: Logger) async throws {
        let metrics = NodeMetrics(instance: launch.config.instanceID)
        let store = try await Self.openSharedStore(launch.cluster, metrics: metrics, logger: logger)
        let nats = try await Self.connectBus(launch, logger: logger)
        let node = try Node.gateway(config: launch.config, store: store, nats: nats, metrics: metrics, logger: logger)
        let host = launch.config.host
        let app = node.makeApplication { port in
            FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
            logger.info("gateway listening", metadata: ["host": "\(host)", "port": "\(port)", "instance": "\(launch.config.instanceID)"])
        }
        try await Self.serve([.init(service: app), .init(service: node.drainService), trim], logger: logger)
        await nats.close()
    }

    func runGame(_ launch: NodeLaunch, content: LoadedContent, trim: ServiceGroupConfiguration.ServiceConfiguration, logger: Logger) async throws {
        let metrics = NodeMetrics(instance: launch.config.instanceID)
        let store = try await Self.openSharedStore(launch.cluster, metrics: metrics, logger: logger)
        let nats = try await Self.connectBus(launch, logger: logger)
        let instance = GameInstanceNode(
            id: launch.config.instanceID,
            store: store,
            content: content,
            nats: nats,
            metrics: metrics,
            now: { Int64(Date().timeIntervalSince1970 * 1000) },
            logger: logger
        )
        try await instance.start()
        let host = launch.config.host
        let app = instance.makeApplication(host: host, port: launch.config.port, logger: logger) { port in
            FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
            logger.info("game instance listening", metadata: ["host": "\(host)", "port": "\(port)", "instance": "\(launch.config.instanceID)"])
        }
        try await Self.serve([.init(service: app), .init(service: InstanceDrain(instance: instance, logger: logger)), trim], logger: logger)
        await nats.close()
    }

    /// Runs `services` until SIGTERM or SIGINT; the drain service stops first.
    private static func serve(_ services: [ServiceGroupConfiguration.ServiceConfiguration], logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The cluster's PostgreSQL store; an error names where the URL came from, never the URL.
    /// PostgreSQL that is not reachable yet (starting, or its name not yet in a new network's DNS)
    /// is tried again for `cluster.startupWait` seconds.
    private static func openSharedStore(_ cluster: ClusterSettings, metrics: NodeMetrics, logger: Logger) async throws -> PostgresGameStore {
        guard let url = cluster.postgresURL else { throw ValidationError("role \(cluster.role) needs POSTGRES_URL or POSTGRES_URL_FILE") }
        do {
            let options = PostgresGameStore.Options(
                openAllAtStart: true,
                logger: logger,
                onTransaction: { metrics.recordStoreQuery(access: $0, $1) }
            )
            return try await StartupWait(limit: cluster.startupWait).run(
                "PostgreSQL",
                logger: logger,
                isTransient: { ($0 as? StoreError)?.isTransient == true },
                operation: { try PostgresGameStore(url: url.value, options: options) }
            )
        } catch {
            throw ValidationError("the PostgreSQL store from \(cluster.postgresSource) cannot be used: \(error)")
        }
    }

    /// Connects to the first NATS server that answers, then reconnects for as long as the process runs.
    private static func connectBus(_ launch: NodeLaunch, logger: Logger) async throws -> NATSClient {
        var options = NATSOptions()
        options.name = "brogue-\(launch.cluster.role)-\(launch.config.instanceID)"
        options.maxReconnectAttempts = nil
        options.logger = logger
        do {
            return try await StartupWait(limit: launch.cluster.startupWait).run(
                "NATS",
                logger: logger,
                isTransient: { ($0 as? NATSError)?.isTransient == true },
                operation: { try await NATSClient.connect(servers: launch.cluster.natsServers, options: options) }
            )
        } catch {
            throw ValidationError("NATS_URL: \(error)")
        }
    }
}

/// Waits for graceful shutdown, then drains the game instance: its games go to the others.
private struct InstanceDrain: Service {
    let instance: GameInstanceNode
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("draining: handing the games to the other instances")
        await instance.drain()
        logger.info("drained")
    }
}
