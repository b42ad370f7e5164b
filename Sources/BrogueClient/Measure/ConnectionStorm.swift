import Foundation
public import Logging
import NIOConcurrencyHelpers
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `brogue flood`: a storm of TCP connections from one address that send nothing, while
/// `/health` is timed from another address and a player plays there: what a flood costs
/// everyone else.
public enum ConnectionStorm {
    public struct Options: Sendable {
        /// The node, `ws://HOST:PORT`.
        public var url: String
        /// Connections the storm holds open at once; past that it closes its oldest.
        public var connections: Int
        public var seconds: Double
        /// The address the storm connects from (a loopback alias such as `127.0.0.2`).
        public var from: String
        /// Threads opening connections.
        public var threads = 2
        /// Seconds between `/health` probes.
        public var probeEvery = 0.02

        public init(url: String, connections: Int, seconds: Double, from: String) {
            self.url = url
            self.connections = connections
            self.seconds = seconds
            self.from = from
        }
    }

    public struct Report: Sendable {
        /// `/health` from another address (connect to answer), before and during the storm, ms, sorted.
        public var healthBefore: [Double] = []
        public var healthDuring: [Double] = []
        public var healthFailed = 0
        /// Round trips of a player's actions during the storm, ms, sorted.
        public var playerDuring: [Double] = []
        public var playerError: String?
        public var attempted = 0
        public var connectFailed = 0
        /// From the node's `/metrics`, over the storm; nil when it could not be read.
        public var refusedByNode: Double?
        public var timedOutByNode: Double?

        /// The lines `brogue flood` prints.
        public func summary(_ options: Options) -> String {
            func line(_ v: [Double]) -> String {
                func q(_ p: Double) -> String { String(format: "%.2f", Percentile.of(v, p) ?? 0) }
                return "p50 \(q(50)) p99 \(q(99)) max \(String(format: "%.2f", v.last ?? 0)) ms (\(v.count))"
            }
            var lines = [
                "flood: up to \(options.connections) connections at once from \(options.from) for \(options.seconds) s: \(attempted) opened, \(connectFailed) could not connect",
                "node: \(refusedByNode.map { String(Int($0)) } ?? "-") refused at accept, \(timedOutByNode.map { String(Int($0)) } ?? "-") closed by the request timeout",
                "/health from another address before: \(line(healthBefore))",
                "/health from another address during: \(line(healthDuring)), \(healthFailed) failed",
                "a player's round trip during: \(line(playerDuring))",
            ]
            if let playerError { lines.append("player: \(playerError)") }
            return lines.joined(separator: "\n")
        }
    }

    public static func run(_ options: Options, logger: Logger = Logger(label: "brogue.flood")) async throws -> Report {
        guard let (host, port) = PlainHTTP.endpoint(of: options.url) else {
            throw PlainHTTP.Failure(description: "\(options.url): give the node as ws://HOST:PORT")
        }
        LoadTest.raiseFileLimit(to: options.connections + 256)
        var report = Report()
        report.healthBefore = await probe(host: host, port: port, seconds: 100 * options.probeEvery, every: options.probeEvery).times
        let before = await NodeSample.scrape([options.url])
        let state = State()
        // Threads of their own: blocking connects must not hold the tasks' threads.
        let storm = (0..<options.threads).map { _ in
            let done = AsyncStream.makeStream(of: Void.self)
            Thread.detachNewThread {
                hold(host: host, port: port, options: options, state: state)
                done.continuation.finish()
            }
            return done.stream
        }
        let player = Task { await play(url: options.url, state: state, logger: logger) }
        let during = await probe(host: host, port: port, seconds: options.seconds, every: options.probeEvery)
        state.stop.store(true, ordering: .relaxed)
        for done in storm { for await _ in done {} }
        let played = await player.value
        let after = await NodeSample.scrape([options.url])
        report.healthDuring = during.times
        report.healthFailed = during.failed
        report.playerDuring = played.times.sorted()
        report.playerError = played.error
        (report.attempted, report.connectFailed) = state.tally.withLockedValue { ($0.attempted, $0.failed) }
        if case .success(let b) = before, case .success(let a) = after {
            report.refusedByNode = a.refusedConnections - b.refusedConnections
            report.timedOutByNode = a.requestTimeouts - b.requestTimeouts
        }
        return report
    }

    private final class State: Sendable {
        let stop = Atomic(false)
        let tally = NIOLockedValueBox((attempted: 0, failed: 0))
    }

    /// One storm thread: connects again and again, holding its share of connections.
    private static func hold(host: String, port: Int, options: Options, state: State) {
        let share = max(1, options.connections / options.threads)
        var held: [Int32] = []
        held.reserveCapacity(share)
        var next = 0
        while !state.stop.load(ordering: .relaxed) {
            do {
                let fd = try PlainHTTP.connect(host: host, port: port, source: options.from, timeout: 2)
                state.tally.withLockedValue { $0.attempted += 1 }
                if held.count < share {
                    held.append(fd)
                } else {
                    close(held[next])
                    held[next] = fd
                    next = (next + 1) % share
                }
            } catch {
                state.tally.withLockedValue { $0.failed += 1 }
            }
        }
        for fd in held { close(fd) }
    }

    /// `/health` every `every` seconds for `seconds`, each on a new connection.
    private static func probe(host: String, port: Int, seconds: Double, every: Double) async -> (times: [Double], failed: Int) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let clock = ContinuousClock()
                let end = clock.now + .seconds(seconds)
                var times: [Double] = []
                var failed = 0
                while clock.now < end {
                    let start = clock.now
                    if (try? PlainHTTP.get(host: host, port: port, path: "/health", timeout: 10))?.status == 200 {
                        times.append((clock.now - start) / .milliseconds(1))
                    } else {
                        failed += 1
                    }
                    let rest = every - (clock.now - start) / .seconds(1)
                    if rest > 0 { Thread.sleep(forTimeInterval: rest) }
                }
                continuation.resume(returning: (times.sorted(), failed))
            }
        }
    }

    /// A player on the node from the usual address, 20 actions a second, until `stop`.
    private static func play(url: String, state: State, logger: Logger) async -> (times: [Double], error: String?) {
        let clock = ContinuousClock()
        var times: [Double] = []
        do {
            let remote = try await RemoteGame.connect(url: url, logger: logger)
            try await remote.sayHello(client: "brogue-flood/0.1.0")
            _ = try await remote.identify(.guest("flood-probe"))
            _ = try await remote.newGame(seed: 1)
            var i = 0
            while !state.stop.load(ordering: .relaxed) {
                let start = clock.now
                _ = try await remote.perform(i % 4 == 0 ? "x" : "m\(i % 8)")
                times.append((clock.now - start) / .milliseconds(1))
                i += 1
                try? await Task.sleep(for: .milliseconds(50))
            }
            await remote.close()
            return (times, nil)
        } catch {
            return (times, "\(error)")
        }
    }
}
