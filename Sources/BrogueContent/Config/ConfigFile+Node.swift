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
        var s = NodeSettings()
        var seen: [String: Mark] = [:]
        func integer(_ v: YNode, _ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard v.isPlainScalar, let text = v.scalar, let n = Int(text), range.contains(n) else {
                sink.error(v.mark, "'\(name)' must be a whole number \(range.lowerBound)...\(range.upperBound), found \(v.foundDescription)")
                return nil
            }
            return n
        }
        func text(_ v: YNode, _ name: String, _ what: String) -> String? {
            guard let t = v.scalar, !v.isNull, !t.isEmpty, t.count <= 256,
                !t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                sink.error(v.mark, "'\(name)' must be \(what), found \(v.foundDescription)")
                return nil
            }
            return t
        }
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
            let v = pair.value
            switch name {
            case "listen":
                guard let t = text(v, name, "HOST:PORT such as 0.0.0.0:8080") else { continue }
                if let colon = t.lastIndex(of: ":"), colon != t.startIndex, let port = Int(t[t.index(after: colon)...]), (0...65535).contains(port) {
                    s.listen = t
                } else {
                    sink.error(v.mark, "'listen' must be HOST:PORT such as 0.0.0.0:8080, found \(v.foundDescription)")
                }
            case "data":
                guard let t = text(v, name, "a folder") else { continue }
                if t == "~" || t.hasPrefix("~/") {
                    guard let home = environment["HOME"], !home.isEmpty else {
                        sink.error(v.mark, "'\(t.clipped)' starts with ~, but HOME is not set", hint: "write the full path")
                        continue
                    }
                    s.data = home + t.dropFirst()
                } else {
                    s.data = t.hasPrefix("/") ? t : base.appendingPathComponent(t).standardizedFileURL.path
                }
            case "instance_id": s.instanceID = text(v, name, "a name for this node")
            case "log_level":
                guard let t = text(v, name, "one of \(logLevels.joined(separator: ", "))") else { continue }
                if logLevels.contains(t) {
                    s.logLevel = t
                } else {
                    sink.error(
                        v.mark,
                        "'log_level' must be one of \(logLevels.joined(separator: ", ")), found \(v.foundDescription)",
                        hint: DidYouMean.hint(for: t, among: logLevels)
                    )
                }
            case "log_format":
                guard let t = text(v, name, "json or text") else { continue }
                if t == "json" || t == "text" {
                    s.logFormat = t
                } else {
                    sink.error(v.mark, "'log_format' must be json or text, found \(v.foundDescription)")
                }
            case "guests":
                if let b = v.plainBool {
                    s.guests = b
                } else {
                    sink.error(v.mark, "'guests' must be true or false, found \(v.foundDescription)")
                }
            case "allowed_origins":
                let items: [YNode]
                switch v.value {
                case .sequence(let list): items = list
                case .scalar where !v.isNull: items = [v]
                default:
                    sink.error(v.mark, "'allowed_origins' must be a list of origins such as https://brogue.example.org, found \(v.foundDescription)")
                    continue
                }
                var origins: [String] = []
                for item in items {
                    guard let t = text(item, name, "an origin such as https://brogue.example.org") else { continue }
                    guard let url = URL(string: t), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil,
                        url.path.isEmpty || url.path == "/", url.query == nil
                    else {
                        sink.error(item.mark, "'\(t.clipped)' is not an origin: write scheme://host[:port], such as https://brogue.example.org")
                        continue
                    }
                    origins.append(t)
                }
                s.allowedOrigins = origins
            case "max_connections_per_address": s.maxConnectionsPerAddress = integer(v, name, 0...1_000_000)
            case "idle_timeout_seconds": s.idleTimeoutSeconds = integer(v, name, 0...604_800)
            case "drain_seconds": s.drainSeconds = integer(v, name, 0...3600)
            case "bcrypt_cost": s.bcryptCost = integer(v, name, 4...31)
            case "session_days": s.sessionDays = integer(v, name, 1...3650)
            case "actions_per_second": s.actionsPerSecond = integer(v, name, 1...100_000)
            case "action_burst": s.actionBurst = integer(v, name, 1...100_000)
            case "login_failure_limit": s.loginFailureLimit = integer(v, name, 1...1000)
            case "login_failure_window_seconds": s.loginFailureWindowSeconds = integer(v, name, 1...86_400)
            default:
                sink.error(
                    pair.key.mark,
                    "unknown node setting '\(name.clipped)'",
                    hint: DidYouMean.hint(for: name, among: nodeFields) ?? "the node settings are \(nodeFields.joined(separator: ", "))"
                )
            }
        }
        return s
    }
}
