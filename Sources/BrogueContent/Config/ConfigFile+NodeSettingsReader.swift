import Foundation

extension ConfigFile {
    /// Reads the values of the `node:` section, one method per kind of setting; a value that is
    /// wrong is reported to `sink` and leaves its setting unset.
    struct NodeSettingsReader {
        /// The settings file's folder, for a relative `data`.
        let base: URL
        let environment: [String: String]
        let sink: DiagnosticSink

        /// Sets the setting `name` (whose key is at `key`) from `v`.
        func read(_ name: String, _ v: YNode, key: Mark, into s: inout NodeSettings) {
            switch name {
            case "listen": s.listen = listen(v)
            case "data": s.data = data(v)
            case "instance_id": s.instanceID = text(v, name, "a name for this node")
            case "log_level": s.logLevel = logLevel(v)
            case "log_format": s.logFormat = logFormat(v)
            case "guests": s.guests = guests(v)
            case "allowed_origins": s.allowedOrigins = allowedOrigins(v)
            case "trusted_proxies": s.trustedProxies = trustedProxies(v)
            case "max_connections_per_address": s.maxConnectionsPerAddress = integer(v, name, 0...1_000_000)
            case "idle_timeout_seconds": s.idleTimeoutSeconds = integer(v, name, 0...604_800)
            case "request_timeout_seconds": s.requestTimeoutSeconds = integer(v, name, 0...3600)
            case "drain_seconds": s.drainSeconds = integer(v, name, 0...3600)
            case "bcrypt_cost": s.bcryptCost = integer(v, name, 4...31)
            case "session_days": s.sessionDays = integer(v, name, 1...3650)
            case "actions_per_second": s.actionsPerSecond = integer(v, name, 1...100_000)
            case "action_burst": s.actionBurst = integer(v, name, 1...100_000)
            case "login_failure_limit": s.loginFailureLimit = integer(v, name, 1...1000)
            case "login_failure_window_seconds": s.loginFailureWindowSeconds = integer(v, name, 1...86_400)
            case "role": s.role = role(v)
            case "nats_url": s.natsServers = natsServers(v)
            case "postgres_url_file": s.postgresURLFile = file(v, name)
            case "postgres_url":
                sink.error(
                    key,
                    "unknown node setting 'postgres_url': the connection string holds a password, so it stays out of this file",
                    hint: "put it in a file named by 'postgres_url_file', or set POSTGRES_URL in the environment"
                )
            default:
                sink.error(
                    key,
                    "unknown node setting '\(name.clipped)'",
                    hint: DidYouMean.hint(for: name, among: nodeFields) ?? "the node settings are \(nodeFields.joined(separator: ", "))"
                )
            }
        }

        func integer(_ v: YNode, _ name: String, _ range: ClosedRange<Int>) -> Int? {
            guard v.isPlainScalar, let text = v.scalar, let n = Int(text), range.contains(n) else {
                sink.error(v.mark, "'\(name)' must be a whole number \(range.lowerBound)...\(range.upperBound), found \(v.foundDescription)")
                return nil
            }
            return n
        }

        /// Non-empty text of at most 256 characters, with no control characters; `what` says what it should be.
        func text(_ v: YNode, _ name: String, _ what: String) -> String? {
            guard let t = v.scalar, !v.isNull, !t.isEmpty, t.count <= 256,
                !t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else {
                sink.error(v.mark, "'\(name)' must be \(what), found \(v.foundDescription)")
                return nil
            }
            return t
        }

        func listen(_ v: YNode) -> String? {
            guard let t = text(v, "listen", "HOST:PORT such as 0.0.0.0:8080") else { return nil }
            guard let colon = t.lastIndex(of: ":"), colon != t.startIndex, let port = Int(t[t.index(after: colon)...]), (0...65535).contains(port)
            else {
                sink.error(v.mark, "'listen' must be HOST:PORT such as 0.0.0.0:8080, found \(v.foundDescription)")
                return nil
            }
            return t
        }

        /// A folder: `~` expanded, relative to `base`.
        func data(_ v: YNode) -> String? {
            guard let t = text(v, "data", "a folder") else { return nil }
            return resolved(t, v)
        }

        /// `t` with `~` expanded, relative to `base`.
        private func resolved(_ t: String, _ v: YNode) -> String? {
            guard t == "~" || t.hasPrefix("~/") else { return t.hasPrefix("/") ? t : base.appendingPathComponent(t).standardizedFileURL.path }
            guard let home = environment["HOME"], !home.isEmpty else {
                sink.error(v.mark, "'\(t.clipped)' starts with ~, but HOME is not set", hint: "write the full path")
                return nil
            }
            return home + t.dropFirst()
        }

        func logLevel(_ v: YNode) -> String? {
            guard let t = text(v, "log_level", "one of \(logLevels.joined(separator: ", "))") else { return nil }
            guard logLevels.contains(t) else {
                sink.error(
                    v.mark,
                    "'log_level' must be one of \(logLevels.joined(separator: ", ")), found \(v.foundDescription)",
                    hint: DidYouMean.hint(for: t, among: logLevels)
                )
                return nil
            }
            return t
        }

        func role(_ v: YNode) -> String? {
            let roles = ConfigFile.nodeRoles
            guard let t = text(v, "role", "one of \(roles.joined(separator: ", "))") else { return nil }
            guard roles.contains(t) else {
                sink.error(
                    v.mark,
                    "'role' must be one of \(roles.joined(separator: ", ")), found \(v.foundDescription)",
                    hint: DidYouMean.hint(for: t, among: roles) ?? "all runs everything in one process; see docs/cluster.md"
                )
                return nil
            }
            return t
        }

        /// One server or a list of them, each `nats://host:port`; the wrong ones are left out.
        func natsServers(_ v: YNode) -> [String]? {
            let items: [YNode]
            switch v.value {
            case .sequence(let list): items = list
            case .scalar where !v.isNull: items = [v]
            default:
                sink.error(v.mark, "'nats_url' must be a list of servers such as nats://10.0.0.5:4222, found \(v.foundDescription)")
                return nil
            }
            let servers = items.compactMap { item -> String? in
                guard let t = text(item, "nats_url", "a server such as nats://10.0.0.5:4222") else { return nil }
                guard ConfigFile.isNATSServer(t) else {
                    sink.error(item.mark, "'\(t.clipped)' is not a NATS server: write nats://host:port, such as nats://10.0.0.5:4222")
                    return nil
                }
                return t
            }
            return servers.isEmpty ? nil : servers
        }

        /// A file path: `~` expanded, relative to `base`.
        func file(_ v: YNode, _ name: String) -> String? {
            guard let t = text(v, name, "a file path") else { return nil }
            return resolved(t, v)
        }

        func logFormat(_ v: YNode) -> String? {
            guard let t = text(v, "log_format", "json or text") else { return nil }
            guard t == "json" || t == "text" else {
                sink.error(v.mark, "'log_format' must be json or text, found \(v.foundDescription)")
                return nil
            }
            return t
        }

        func guests(_ v: YNode) -> Bool? {
            guard let b = v.plainBool else {
                sink.error(v.mark, "'guests' must be true or false, found \(v.foundDescription)")
                return nil
            }
            return b
        }

        /// One proxy address or CIDR block or a list of them; the wrong ones are left out.
        func trustedProxies(_ v: YNode) -> [String]? {
            let items: [YNode]
            switch v.value {
            case .sequence(let list): items = list
            case .scalar where !v.isNull: items = [v]
            default:
                sink.error(v.mark, "'trusted_proxies' must be a list of addresses or CIDR blocks such as 10.0.0.0/8, found \(v.foundDescription)")
                return nil
            }
            return items.compactMap { item in
                guard let t = text(item, "trusted_proxies", "an address or CIDR block such as 10.0.0.0/8") else { return nil }
                guard AddressRange(t) != nil else {
                    sink.error(item.mark, "'\(t.clipped)' is not an IP address or CIDR block: write e.g. 10.0.0.5, 10.0.0.0/8 or fd00::/8")
                    return nil
                }
                return t
            }
        }

        /// One origin or a list of them, each scheme://host[:port]; the wrong ones are left out.
        func allowedOrigins(_ v: YNode) -> [String]? {
            let items: [YNode]
            switch v.value {
            case .sequence(let list): items = list
            case .scalar where !v.isNull: items = [v]
            default:
                sink.error(v.mark, "'allowed_origins' must be a list of origins such as https://brogue.example.org, found \(v.foundDescription)")
                return nil
            }
            return items.compactMap { item in
                guard let t = text(item, "allowed_origins", "an origin such as https://brogue.example.org") else { return nil }
                guard let url = URL(string: t), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()), url.host != nil,
                    url.path.isEmpty || url.path == "/", url.query == nil
                else {
                    sink.error(item.mark, "'\(t.clipped)' is not an origin: write scheme://host[:port], such as https://brogue.example.org")
                    return nil
                }
                return t
            }
        }
    }
}
