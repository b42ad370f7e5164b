import ArgumentParser
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
            Flags override the environment (BROGUE_LISTEN, BROGUE_DATA_DIR, INSTANCE_ID, \
            LOG_LEVEL, LOG_FORMAT=json|text). SIGTERM or SIGINT drains: /ready answers 503, \
            players are told 'bye shutdown' (close 1001) after their pending actions are \
            stored, then the process exits. Prints 'listening on HOST:PORT' when it accepts.
            """
    )

    @Option(help: ArgumentHelp("The address to listen on (default: $BROGUE_LISTEN, else 127.0.0.1:8080; port 0 picks a free one).", valueName: "host:port"))
    var listen: String?

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var config: ConfigOptions

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        _ = try config.load()
        let listenText = listen ?? env["BROGUE_LISTEN"] ?? "127.0.0.1:8080"
        guard let (host, port) = NodeConfig.parseListen(listenText) else {
            throw ValidationError("--listen '\(listenText)' is not HOST:PORT (for example 127.0.0.1:8080 or 0.0.0.0:80)")
        }
        let json = (env["LOG_FORMAT"] ?? "json") == "json"
        let level = env["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "brogue.node")
        let loaded = try content.load()
        let folder = try data.folder ?? ((SQLiteGameStore.defaultPath() as NSString).deletingLastPathComponent)
        var nodeConfig = NodeConfig(host: host, port: port)
        nodeConfig.instanceID = env["INSTANCE_ID"] ?? "node-1"
        let node = try Node(config: nodeConfig, content: loaded, dataDirectory: folder, logger: logger)
        let app = node.makeApplication { port in
            FileHandle.standardOutput.write(Data("listening on \(host):\(port)\n".utf8))
            logger.info("listening", metadata: ["host": "\(host)", "port": "\(port)", "data": "\(folder)"])
        }
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: app), .init(service: node.drainService)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
