public import BrogueContent
import Foundation

/// What one process does: everything (the default), or one side of a cluster (docs/cluster.md).
public enum NodeRole: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Gateway and games in one process over one store: nothing else to install.
    case all
    /// Holds the players' WebSockets and sends their actions to game instances over NATS.
    case gateway
    /// Hosts games placed on it by gateways, storing every action in the shared PostgreSQL store.
    case game

    public var description: String { rawValue }
    /// Whether this role talks to other processes over NATS and shares a PostgreSQL store.
    public var isClustered: Bool { self != .all }
}

/// A setting that must never reach a log or an error message, such as a connection string with
/// its password: printing it prints a placeholder.
public struct SecretText: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret itself, for the one place that uses it.
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
}

/// How a process joins a cluster: its role, the NATS servers, the shared store.
public struct ClusterSettings: Sendable, Equatable {
    public var role: NodeRole = .all
    /// `nats://host:port` each, tried in order; empty for `all`.
    public var natsServers: [String] = []
    /// The PostgreSQL connection string, from `POSTGRES_URL` or the file `POSTGRES_URL_FILE` names.
    public var postgresURL: SecretText?
    /// Where the connection string came from, for messages that must not show it.
    public var postgresSource = ""
    /// How many seconds `gateway` and `game` retry an unreachable PostgreSQL or NATS at start
    /// (`BROGUE_STARTUP_WAIT`, default 60): parts of a pod or cluster start in any order.
    public var startupWait: Double = 60

    public init() {}
}

extension NodeLaunch {
    /// Role, NATS servers and the PostgreSQL URL from the file, the environment and `--role`.
    ///
    /// - Parameter readFile: reads the file `POSTGRES_URL_FILE` names (a mounted secret).
    /// - Throws: `Problem` naming the setting and what to write; never showing the connection string.
    static func resolveCluster(
        file f: ConfigFile.NodeSettings,
        environment env: [String: String],
        role flag: String?,
        readFile: (String) throws -> String
    ) throws(Problem) -> ClusterSettings {
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        var c = ClusterSettings()
        let (roleText, roleSource) =
            flag.map { ($0, "--role") } ?? nonEmpty("BROGUE_ROLE").map { ($0, "BROGUE_ROLE") } ?? f.role.map { ($0, "node.role") } ?? ("all", "")
        guard let role = NodeRole(rawValue: roleText) else {
            throw Problem(description: "\(roleSource)='\(roleText)' must be one of all, gateway, game (docs/cluster.md)")
        }
        c.role = role
        if let text = nonEmpty("NATS_URL") {
            c.natsServers = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let bad = c.natsServers.first(where: { !ConfigFile.isNATSServer($0) }) {
                throw Problem(description: "NATS_URL: '\(bad)' is not a NATS server; write nats://host:port, comma-separated for several")
            }
        } else {
            c.natsServers = f.natsServers ?? []
        }
        try resolvePostgres(into: &c, file: f, environment: env, readFile: readFile)
        if let text = nonEmpty("BROGUE_STARTUP_WAIT") {
            guard let seconds = Double(text), seconds.isFinite, (0...3600).contains(seconds) else {
                throw Problem(description: "BROGUE_STARTUP_WAIT='\(text)' must be a number of seconds from 0 to 3600 (0: try once)")
            }
            c.startupWait = seconds
        }
        guard role.isClustered else { return c }
        if c.natsServers.isEmpty {
            throw Problem(
                description:
                    "role \(role) needs the NATS servers: set NATS_URL (for example nats://10.0.0.5:4222,nats://10.0.0.6:4222) or node.nats_url"
            )
        }
        if c.postgresURL == nil {
            throw Problem(
                description: "role \(role) needs the shared PostgreSQL store: set POSTGRES_URL, or POSTGRES_URL_FILE naming a file that holds it"
            )
        }
        return c
    }

    private static func resolvePostgres(
        into c: inout ClusterSettings,
        file f: ConfigFile.NodeSettings,
        environment env: [String: String],
        readFile: (String) throws -> String
    ) throws(Problem) {
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        let direct = nonEmpty("POSTGRES_URL")
        let path = nonEmpty("POSTGRES_URL_FILE").map { ($0, "POSTGRES_URL_FILE") } ?? f.postgresURLFile.map { ($0, "node.postgres_url_file") }
        if direct != nil, let (_, source) = path {
            throw Problem(description: "both POSTGRES_URL and \(source) are set; keep one (the file is better for a secret)")
        }
        var url: String
        if let direct {
            url = direct
            c.postgresSource = "POSTGRES_URL"
        } else if let (path, source) = path {
            do { url = try readFile(path) } catch {
                throw Problem(description: "\(source): cannot read '\(path)': \(error.localizedDescription); mount the secret there or fix the path")
            }
            url = url.trimmingCharacters(in: .whitespacesAndNewlines)
            c.postgresSource = "\(source) (\(path))"
        } else {
            return
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil else {
            // The text itself is not shown: it may hold a password.
            throw Problem(
                description: "\(c.postgresSource) is not a PostgreSQL URL; write postgres://user:password@host:5432/database?sslmode=require"
            )
        }
        c.postgresURL = SecretText(url)
    }
}
