public import BrogueContent
import Foundation

/// Everything `brogue node` needs to start, from `brogue.yaml`'s `node:` section, then the
/// environment, then flags: each later source overrides the earlier ones key by key.
public struct NodeLaunch: Sendable {
    public var config = NodeConfig()
    /// The data folder; nil means the store's default (`$XDG_DATA_HOME/brogue`...).
    public var dataDirectory: String?
    public var logLevel = "info"
    /// `json` (one object a line) or anything else for text.
    public var logFormat = "json"
    /// Where `listen` came from, for error messages.
    public var listenText = "127.0.0.1:8080"
    /// Role, NATS servers and shared store (`NodeLaunch+Cluster.swift`).
    public var cluster = ClusterSettings()

    /// Flags of `brogue node`; nil when not given.
    public struct Flags: Sendable {
        public var listen: String?
        public var data: String?
        public var guests: Bool?
        public var allowedOrigins: [String] = []
        public var maxConnectionsPerAddress: Int?
        public var idleTimeoutSeconds: Int?
        public var role: String?

        public init(
            listen: String? = nil,
            data: String? = nil,
            guests: Bool? = nil,
            allowedOrigins: [String] = [],
            maxConnectionsPerAddress: Int? = nil,
            idleTimeoutSeconds: Int? = nil,
            role: String? = nil
        ) {
            self.listen = listen
            self.data = data
            self.guests = guests
            self.allowedOrigins = allowedOrigins
            self.maxConnectionsPerAddress = maxConnectionsPerAddress
            self.idleTimeoutSeconds = idleTimeoutSeconds
            self.role = role
        }
    }

    /// A setting that cannot be used, naming its source and what to write instead.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public init() {}

    /// Reads a whole text file: where `POSTGRES_URL_FILE` points.
    public static func readFile(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Combines the three sources.
    /// - Throws: `Problem` for an environment variable or flag that is not a valid value.
    public static func resolve(
        file: ConfigFile.NodeSettings?,
        environment env: [String: String],
        flags: Flags,
        readFile: (String) throws -> String = NodeLaunch.readFile
    ) throws -> NodeLaunch {
        var l = NodeLaunch()
        let f = file ?? ConfigFile.NodeSettings()
        func envInt(_ name: String, _ range: ClosedRange<Int>) throws(Problem) -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let n = Int(text), range.contains(n) else {
                throw Problem(description: "\(name)='\(text)' must be a whole number \(range.lowerBound)...\(range.upperBound)")
            }
            return n
        }
        func envBool(_ name: String) throws(Problem) -> Bool? {
            guard let text = env[name], !text.isEmpty else { return nil }
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw Problem(description: "\(name)='\(text)' must be true or false")
            }
        }
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }

        l.listenText = flags.listen ?? nonEmpty("BROGUE_LISTEN") ?? f.listen ?? "127.0.0.1:8080"
        guard let (host, port) = NodeConfig.parseListen(l.listenText) else {
            throw Problem(description: "listen address '\(l.listenText)' is not HOST:PORT (for example 127.0.0.1:8080 or 0.0.0.0:80)")
        }
        l.config.host = host
        l.config.port = port
        l.dataDirectory = flags.data ?? nonEmpty("BROGUE_DATA_DIR") ?? f.data
        l.config.instanceID = nonEmpty("INSTANCE_ID") ?? f.instanceID ?? "node-1"
        l.logLevel = nonEmpty("LOG_LEVEL") ?? f.logLevel ?? "info"
        guard ConfigFile.logLevels.contains(l.logLevel) else {
            throw Problem(description: "LOG_LEVEL='\(l.logLevel)' must be one of \(ConfigFile.logLevels.joined(separator: ", "))")
        }
        l.logFormat = nonEmpty("LOG_FORMAT") ?? f.logFormat ?? "json"
        guard l.logFormat == "json" || l.logFormat == "text" else {
            throw Problem(description: "LOG_FORMAT='\(l.logFormat)' must be json or text")
        }
        l.cluster = try resolveCluster(file: f, environment: env, role: flags.role, readFile: readFile)
        if l.cluster.role.isClustered {
            // Leases, heartbeats and subjects are keyed by the id: two processes sharing one would take each other's games.
            guard nonEmpty("INSTANCE_ID") != nil || f.instanceID != nil else {
                throw Problem(
                    description: "role \(l.cluster.role) needs INSTANCE_ID (or node.instance_id), unique in the cluster, for example game-1"
                )
            }
            guard ClusterSubjects.isToken(l.config.instanceID) else {
                throw Problem(
                    description: "INSTANCE_ID='\(l.config.instanceID)' must be 1-64 letters, digits, '-' or '_' in a cluster (it names NATS subjects)"
                )
            }
        }

        var a = AccessConfig()
        a.guests = try flags.guests ?? envBool("BROGUE_GUESTS") ?? f.guests ?? a.guests
        let envOrigins = nonEmpty("BROGUE_ALLOWED_ORIGINS")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        a.allowedOrigins = flags.allowedOrigins.isEmpty ? (envOrigins ?? f.allowedOrigins ?? []) : flags.allowedOrigins
        a.maxConnectionsPerAddress =
            try flags.maxConnectionsPerAddress ?? envInt("BROGUE_MAX_CONNECTIONS_PER_ADDRESS", 0...1_000_000) ?? f.maxConnectionsPerAddress
            ?? a.maxConnectionsPerAddress
        a.trustedProxies = try trustedProxies(nonEmpty("BROGUE_TRUSTED_PROXIES"), file: f.trustedProxies)
        let idle = try flags.idleTimeoutSeconds ?? envInt("BROGUE_IDLE_TIMEOUT_SECONDS", 0...604_800) ?? f.idleTimeoutSeconds
        if let idle { a.idleTimeoutSeconds = Double(idle) }
        if let request = try envInt("BROGUE_REQUEST_TIMEOUT_SECONDS", 0...3600) ?? f.requestTimeoutSeconds {
            a.requestTimeoutSeconds = Double(request)
        }
        a.bcryptCost = try envInt("BROGUE_BCRYPT_COST", 4...31) ?? f.bcryptCost ?? a.bcryptCost
        if let days = try envInt("BROGUE_SESSION_DAYS", 1...3650) ?? f.sessionDays { a.sessionSeconds = Double(days) * 86_400 }
        a.loginFailureLimit = f.loginFailureLimit ?? a.loginFailureLimit
        if let w = f.loginFailureWindowSeconds { a.loginFailureWindowSeconds = Double(w) }
        l.config.access = a
        l.config.drainSeconds = try envInt("BROGUE_DRAIN_SECONDS", 0...3600) ?? f.drainSeconds ?? l.config.drainSeconds
        l.config.actionsPerSecond = try envInt("BROGUE_ACTIONS_PER_SECOND", 1...100_000) ?? f.actionsPerSecond ?? l.config.actionsPerSecond
        l.config.actionBurst = try envInt("BROGUE_ACTION_BURST", 1...100_000) ?? f.actionBurst ?? l.config.actionBurst
        return l
    }

    /// `BROGUE_TRUSTED_PROXIES` (comma-separated) over `node.trusted_proxies`.
    static func trustedProxies(_ env: String?, file: [String]?) throws(Problem) -> [AddressRange] {
        guard let env else { return (file ?? []).compactMap(AddressRange.init) }
        var ranges: [AddressRange] = []
        for item in env.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            guard let range = AddressRange(item) else {
                throw Problem(
                    description: "BROGUE_TRUSTED_PROXIES: '\(item)' is not an IP address or CIDR block (write e.g. 10.0.0.5,10.0.0.0/8,fd00::/8)"
                )
            }
            ranges.append(range)
        }
        return ranges
    }
}
