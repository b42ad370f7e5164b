import Foundation

extension ConfigFile {
    /// `mode:` in `brogue.yaml`.
    public enum Mode: String, Sendable, Equatable {
        /// `brogue` with no subcommand plays in the terminal.
        case terminal
        /// `brogue` with no subcommand runs `brogue node`.
        case node
    }

    /// The `node:` section: how `brogue node` runs. Every key is optional; the environment and
    /// then flags override what is set here.
    ///
    /// ```yaml
    /// mode: node
    /// node:
    ///   listen: 0.0.0.0:8080
    ///   data: /var/lib/brogue
    ///   guests: false
    ///   allowed_origins: [https://brogue.example.org]
    ///   max_connections_per_address: 32
    ///   idle_timeout_seconds: 900
    /// ```
    public struct NodeSettings: Sendable, Equatable {
        public var listen: String?
        /// The data folder, `~` expanded, relative to the settings file's folder.
        public var data: String?
        public var instanceID: String?
        public var logLevel: String?
        public var logFormat: String?
        public var guests: Bool?
        public var allowedOrigins: [String]?
        public var maxConnectionsPerAddress: Int?
        public var idleTimeoutSeconds: Int?
        public var drainSeconds: Int?
        public var bcryptCost: Int?
        public var sessionDays: Int?
        public var actionsPerSecond: Int?
        public var actionBurst: Int?
        public var loginFailureLimit: Int?
        public var loginFailureWindowSeconds: Int?

        public init() {}
    }

    /// The keys `node:` may hold.
    public static let nodeFields = [
        "listen", "data", "instance_id", "log_level", "log_format", "guests", "allowed_origins", "max_connections_per_address",
        "idle_timeout_seconds", "drain_seconds", "bcrypt_cost", "session_days", "actions_per_second", "action_burst",
        "login_failure_limit", "login_failure_window_seconds",
    ]

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    static func readNode(_ node: YNode, base: URL, environment: [String: String], sink: DiagnosticSink) -> NodeSettings? {
        guard case .mapping(let pairs) = node.value else {
            sink.error(
                node.mark,
                "'node' must be a mapping of node settings, found \(node.foundDescription)",
                hint: "write e.g. 'listen: 0.0.0.0:8080' under 'node:'"
            )
            return nil
        }
        let reader = NodeSettingsReader(base: base, environment: environment, sink: sink)
        var s = NodeSettings()
        var seen: [String: Mark] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar else {
                sink.error(pair.key.mark, "a node setting's name must be plain text")
                continue
            }
            if let first = seen[name] {
                sink.error(pair.key.mark, "'\(name.clipped)' is set twice in 'node' (first at \(first))", hint: "keep one")
                continue
            }
            seen[name] = pair.key.mark
            reader.read(name, pair.value, key: pair.key.mark, into: &s)
        }
        return s
    }
}
