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
    ///   trusted_proxies: [10.0.0.0/8]   # whose X-Forwarded-For names the client
    ///   idle_timeout_seconds: 900
    ///   role: game                      # all (default), gateway or game: docs/cluster.md
    ///   nats_url: [nats://10.0.0.5:4222, nats://10.0.0.6:4222]
    ///   postgres_url_file: /run/secrets/postgres-url
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
        /// Addresses or CIDR blocks of the reverse proxies whose `X-Forwarded-For` the node
        /// believes; from anyone else the header is ignored.
        public var trustedProxies: [String]?
        public var idleTimeoutSeconds: Int?
        /// Seconds a request or WebSocket handshake may take to arrive whole.
        public var requestTimeoutSeconds: Int?
        public var drainSeconds: Int?
        public var bcryptCost: Int?
        public var sessionDays: Int?
        public var actionsPerSecond: Int?
        public var actionBurst: Int?
        public var loginFailureLimit: Int?
        public var loginFailureWindowSeconds: Int?
        /// `all`, `gateway` or `game`: what this process does in a cluster (docs/cluster.md).
        public var role: String?
        /// NATS servers as `nats://host:port`, tried in order.
        public var natsServers: [String]?
        /// A file holding the PostgreSQL connection string: the string itself is a secret, so the
        /// settings file only names where it is mounted.
        public var postgresURLFile: String?

        public init() {}
    }

    /// The keys `node:` may hold.
    public static let nodeFields = [
        "listen", "data", "instance_id", "log_level", "log_format", "guests", "allowed_origins", "max_connections_per_address",
        "trusted_proxies",
        "idle_timeout_seconds", "request_timeout_seconds", "drain_seconds", "bcrypt_cost", "session_days", "actions_per_second", "action_burst",
        "login_failure_limit", "login_failure_window_seconds", "role", "nats_url", "postgres_url_file",
    ]

    /// The values of `role:`.
    public static let nodeRoles = ["all", "gateway", "game"]

    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

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

extension ConfigFile {
    /// Whether `text` names a NATS server: `nats://host[:port]`, optionally with `user:password@`
    /// or a token before the host. The port, when given, is 1...65535 (NATS' own default is 4222).
    public static func isNATSServer(_ text: String) -> Bool {
        guard let url = URL(string: text), url.scheme?.lowercased() == "nats", let host = url.host, !host.isEmpty else { return false }
        guard url.path.isEmpty || url.path == "/", url.query == nil else { return false }
        if let port = url.port { return (1...65535).contains(port) }
        return true
    }
}
