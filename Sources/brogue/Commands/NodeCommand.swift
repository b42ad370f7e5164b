import ArgumentParser
import BrogueContent
import BrogueNode
import BrogueStore
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Serve games over WebSocket: GET /ws, /health, /ready, /metrics (docs/node.md).",
        discussion: """
            Settings come from the node: section of brogue.yaml, then the environment \
            (BROGUE_LISTEN, BROGUE_DATA_DIR, INSTANCE_ID, LOG_LEVEL, LOG_FORMAT=json|text, \
            BROGUE_GUESTS, BROGUE_ALLOWED_ORIGINS, BROGUE_MAX_CONNECTIONS_PER_ADDRESS, BROGUE_TRUSTED_PROXIES, \
            BROGUE_IDLE_TIMEOUT_SECONDS, BROGUE_ROLE, NATS_URL, POSTGRES_URL or POSTGRES_URL_FILE, ...: \
            docs/node.md and docs/cluster.md), then flags, each overriding the last. SIGTERM or SIGINT drains: /ready answers 503, \
            players are told 'bye shutdown' (close 1001) after their pending actions are \
            stored, then the process exits. Prints 'listening on HOST:PORT' when it accepts.
            """
    )

    @Option(
        help: ArgumentHelp(
            "The address to listen on (default: $BROGUE_LISTEN, else node.listen in brogue.yaml, else 127.0.0.1:8080; port 0 picks a free one).",
            valueName: "host:port"
        )
    )
    var listen: String?

    @Flag(inversion: .prefixedNo, help: "Accept guests, or only accounts (default: $BROGUE_GUESTS, else node.guests, else true).")
    var guests: Bool?

    @Option(
        name: .customLong("allow-origin"),
        help: ArgumentHelp("A browser origin allowed to connect besides the node's own host; repeat for more.", valueName: "scheme://host[:port]")
    )
    var allowOrigins: [String] = []

    @Option(help: ArgumentHelp("Open WebSockets per remote address; 0 is no cap (default 32).", valueName: "n"))
    var maxConnectionsPerAddress: Int?

    @Option(help: ArgumentHelp("Seconds without a client message before the node says bye idle; 0 never (default 900).", valueName: "seconds"))
    var idleTimeout: Int?

    @Option(
        help: ArgumentHelp(
            "all: everything in one process (the default); gateway or game: one side of a cluster over NATS and PostgreSQL (default: $BROGUE_ROLE, else node.role; docs/cluster.md).",
            valueName: "role"
        )
    )
    var role: String?

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if let n = maxConnectionsPerAddress, n < 0 { throw ValidationError("--max-connections-per-address must be 0 (no cap) or more") }
        if let n = idleTimeout, n < 0 { throw ValidationError("--idle-timeout must be 0 (never) or a number of seconds") }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let file = try config.loadFile(environment: env)
        let launch: NodeLaunch
        let trimEvery: Duration
        do {
            trimEvery = try MemoryTrimService.interval(from: env)
            launch = try NodeLaunch.resolve(
                file: file?.node,
                environment: env,
                flags: .init(
                    listen: listen,
                    data: data.folder,
                    guests: guests,
                    allowedOrigins: allowOrigins,
                    maxConnectionsPerAddress: maxConnectionsPerAddress,
                    idleTimeoutSeconds: idleTimeout,
                    role: role
                )
            )
        } catch {
            throw ValidationError("\(error)")
        }
        let json = launch.logFormat == "json"
        let level = Logger.Level(rawValue: launch.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "brogue.node")
        let loaded = try content.load()
        switch launch.cluster.role {
        case .gateway: return try await runGateway(launch, content: loaded, trim: Self.trim(every: trimEvery), logger: logger)
        case .game: return try await runGame(launch, content: loaded, trim: Self.trim(every: trimEvery), logger: logger)
        case .all: break
        }
        let folder = try launch.dataDirectory ?? ((SQLiteGameStore.defaultPath() as NSString).deletingLastPathComponent)
        let nodeConfig = launch.config
        let host = nodeConfig.host
        let node = try Node(config: nodeConfig, content: loaded, dataDirectory: folder, logger: logger)
        let app = node.makeApplication { port in
            FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
            logger.info("listening", metadata: ["host": "\(host)", "port": "\(port)", "data": "\(folder)"])
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: node.drainService), Self.trim(every: trimEvery)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    /// The memory trim beside a node's other services; it ends by itself when switched off, which
    /// must not stop the node.
    static func trim(every interval: Duration) -> ServiceGroupConfiguration.ServiceConfiguration {
        .init(service: MemoryTrimService(interval: interval), successTerminationBehavior: .ignore)
    }
}
