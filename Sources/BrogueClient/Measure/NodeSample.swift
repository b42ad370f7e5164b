import Foundation

/// A node's own figures at one moment, from its `/metrics`: CPU time and memory
/// (`process_*`) and what it hosts (`brogue_*`). Several nodes add up.
public struct NodeSample: Sendable, Equatable {
    public var cpuSeconds = 0.0
    public var residentBytes = 0.0
    public var openFiles = 0.0
    public var actions = 0.0
    public var playersConnected = 0.0
    public var gamesActive = 0.0
    /// Connections closed at accept (`brogue_connections_refused_total`) and for a request
    /// that did not arrive in time (`brogue_request_timeouts_total`).
    public var refusedConnections = 0.0
    public var requestTimeouts = 0.0

    public init() {}

    /// Reads the figures from a Prometheus text; nil when it has no `process_cpu_seconds_total`
    /// (a node that does not export them).
    public init?(metrics text: String) {
        var found = false
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            let name = line[..<space].split(separator: "{", maxSplits: 1).first.map(String.init) ?? ""
            switch name {
            case "process_cpu_seconds_total":
                cpuSeconds += value
                found = true
            case "process_resident_memory_bytes": residentBytes += value
            case "process_open_fds": openFiles += value
            case "brogue_actions_total": actions += value
            case "brogue_players_connected": playersConnected += value
            case "brogue_games_active": gamesActive += value
            case "brogue_connections_refused_total": refusedConnections += value
            case "brogue_request_timeouts_total": requestTimeouts += value
            default: break
            }
        }
        guard found else { return nil }
    }

    static func + (a: NodeSample, b: NodeSample) -> NodeSample {
        var s = a
        s.cpuSeconds += b.cpuSeconds
        s.residentBytes += b.residentBytes
        s.openFiles += b.openFiles
        s.actions += b.actions
        s.playersConnected += b.playersConnected
        s.gamesActive += b.gamesActive
        s.refusedConnections += b.refusedConnections
        s.requestTimeouts += b.requestTimeouts
        return s
    }

    /// The sum over `servers` (`ws://HOST:PORT`), read on a Dispatch thread so no task waits
    /// on a socket.
    /// - Returns: nil when one of them could not be read, with why.
    public static func scrape(_ servers: [String]) async -> Result<NodeSample, PlainHTTP.Failure> {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var total = NodeSample()
                for server in servers {
                    guard let (host, port) = PlainHTTP.endpoint(of: server) else {
                        return continuation.resume(returning: .failure(.init(description: "\(server): only ws:// nodes can be measured")))
                    }
                    do {
                        // A node under load may take a while to answer; a reading late is still right.
                        let (status, body) = try PlainHTTP.get(host: host, port: port, path: "/metrics", timeout: 30)
                        guard status == 200, let sample = NodeSample(metrics: body) else {
                            return continuation.resume(
                                returning: .failure(.init(description: "\(server)/metrics: HTTP \(status) without process_cpu_seconds_total"))
                            )
                        }
                        total = total + sample
                    } catch let error as PlainHTTP.Failure {
                        return continuation.resume(returning: .failure(error))
                    } catch {
                        return continuation.resume(returning: .failure(.init(description: "\(error)")))
                    }
                }
                continuation.resume(returning: .success(total))
            }
        }
    }
}
