import Foundation
import NIOConcurrencyHelpers

/// A real `nats-server` child process on a free loopback port, killed when the test ends.
///
/// Ports are chosen by the server (`-p -1`) and read from its log, so two tests never race for one.
/// Ready means the server logged "Server is ready" (and, in a cluster, that it listens for routes).
public final class NATSServerProcess: Sendable {
    public let process: ChildProcess
    public let log: LogLines
    /// The client port, `nats://127.0.0.1:PORT`.
    public let port: Int
    /// The route port when clustered.
    public let clusterPort: Int?

    public var url: String { "nats://127.0.0.1:\(port)" }

    /// Where `nats-server` is: `BROGUE_NATS_SERVER` if set (a path; one that does not exist
    /// means "not installed"), else on PATH, else the Debian package's /usr/sbin (not on every PATH).
    public static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["BROGUE_NATS_SERVER"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let path = environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        return folders.map { "\($0)/nats-server" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Run the server tests when the server is installed, and always on CI, where a missing server must fail.
    public static let enabled = executable != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    public static let skipReason = "nats-server is not installed (apt-get install nats-server); the NATS server tests are skipped"

    /// Starts a server and waits until it is ready.
    /// - Parameters:
    ///   - arguments: more flags: `--user`/`--pass`, `--auth`, `--routes`.
    ///   - cluster: the cluster's name, to listen for routes on a free port.
    ///   - port: a fixed client port, to start a server again where one was killed.
    ///   - config: configuration file text, for settings with no flag (`max_payload`).
    public static func start(
        _ arguments: [String] = [],
        cluster: String? = nil,
        port: Int? = nil,
        config: String? = nil
    ) async throws -> NATSServerProcess {
        guard let executable else {
            throw TestFailure(
                "nats-server is not on PATH (nor at BROGUE_NATS_SERVER) and CI=true: install it (apt-get install nats-server; .ci/run does)"
            )
        }
        var all = ["-a", "127.0.0.1", "-p", port.map(String.init) ?? "-1"]
        if let cluster { all += ["--cluster", "nats://127.0.0.1:-1", "--cluster_name", cluster] }
        if let config {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("nats-\(UUID().uuidString).conf")
            try config.write(to: file, atomically: true, encoding: .utf8)
            all += ["-c", file.path]
        }
        let log = LogLines(name: "nats-server \((all + arguments).joined(separator: " "))")
        let process = try ChildProcess(executable: executable, arguments: all + arguments, log: log)
        do {
            let listening = try await log.line(containing: "Listening for client connections on")
            _ = try await log.line(containing: "Server is ready")
            let routes = cluster == nil ? nil : try await log.line(containing: "Listening for route connections on")
            return NATSServerProcess(process: process, log: log, port: try Self.port(listening), clusterPort: try routes.map(Self.port))
        } catch {
            process.stop(with: SIGKILL)
            throw error
        }
    }

    /// Three servers routed into one cluster: the second and third solicit routes to the first.
    public static func startCluster(name: String = "brogue-test") async throws -> [NATSServerProcess] {
        let first = try await start(cluster: name)
        var servers = [first]
        do {
            for _ in 0..<2 {
                servers.append(try await start(["--routes", "nats://127.0.0.1:\(first.clusterPort!)"], cluster: name))
            }
        } catch {
            for server in servers { server.stop() }
            throw error
        }
        return servers
    }

    private init(process: ChildProcess, log: LogLines, port: Int, clusterPort: Int?) {
        self.process = process
        self.log = log
        self.port = port
        self.clusterPort = clusterPort
    }

    private static func port(_ line: String) throws -> Int {
        guard let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)) else {
            throw TestFailure("no port in nats-server's line '\(line)'")
        }
        return port
    }

    /// SIGKILL: the server dies without closing its connections politely, as a crashed node would.
    public func kill() { process.stop(with: SIGKILL) }

    /// SIGTERM, and wait until it has exited.
    public func stop() { process.stop(with: SIGTERM) }
}
