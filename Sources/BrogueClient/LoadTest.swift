import BrogueProtocol
import Foundation
public import Logging
import NIOConcurrencyHelpers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `brogue loadtest`: bots that play real games on a node over the protocol, and idle sessions
/// that only say hello; measures round trips.
///
/// ```swift
/// let report = await LoadTest.run(.init(url: "ws://127.0.0.1:8080", bots: 10, duration: 5)) { print($0) }
/// print(report.summary)
/// ```
public enum LoadTest {
    public struct Options: Sendable {
        /// Node addresses; bot `i` starts on the `i % count`-th and moves on along the list when
        /// a node goes away.
        public var servers: [String]
        /// The first address (idle sessions connect there).
        public var url: String { servers[0] }
        /// Bots playing at once.
        public var bots: Int
        /// How long each bot plays, in seconds, from when its first game has started.
        public var duration: Double
        /// Actions a second per bot.
        public var rate: Double
        /// Bots start evenly over this many seconds.
        public var ramp: Double
        /// Sessions that say hello and guest, then only hold the connection open.
        public var idle: Int
        /// Seconds between progress lines; one more comes at the end.
        public var progressEvery: Double
        /// When set, each bot stops once it has stored this many actions (`duration` still
        /// bounds it): a run whose size does not depend on the machine's speed.
        public var actionsPerBot: Int?
        /// When set, a bot leaves its game once that game has this many actions stored, as a
        /// player who quits, and starts another (a bot's first game is left after a random number
        /// up to this one). The node then hosts games of every age up to this one, as it would
        /// with players coming and going, rather than games that all age together for the whole
        /// run: the soak's steady state. The games left stay in the store, unfinished.
        public var gameActions: Int?
        /// A file to write each acknowledged action to, one JSON line each (`AckRecord`).
        public var recordPath: String?
        /// How bots reconnect after a node goes away.
        public var reconnectAttempts = 8
        public var backoff = Backoff()
        /// Ends the run early once requested: each bot finishes the action it is waiting for
        /// (so its record stays whole) and stops, and the report covers what was done.
        public var stop = StopRequest()
        /// When set, bot `i`'s `k`-th game has seed `seed + i * 1_000_003 + k` and its moves come
        /// from a generator seeded from `seed` and `i`: the same games on every run.
        public var seed: UInt64?
        /// Whether to read the nodes' `/metrics` before, during and after the run (`Report.node`).
        public var measureNode = true

        public init(
            url: String,
            bots: Int,
            duration: Double,
            rate: Double = 1,
            ramp: Double = 0,
            idle: Int = 0,
            progressEvery: Double = 5,
            actionsPerBot: Int? = nil
        ) {
            self.init(
                servers: [url],
                bots: bots,
                duration: duration,
                rate: rate,
                ramp: ramp,
                idle: idle,
                progressEvery: progressEvery,
                actionsPerBot: actionsPerBot
            )
        }

        public init(
            servers: [String],
            bots: Int,
            duration: Double,
            rate: Double = 1,
            ramp: Double = 0,
            idle: Int = 0,
            progressEvery: Double = 5,
            actionsPerBot: Int? = nil
        ) {
            self.servers = servers
            self.bots = bots
            self.duration = duration
            self.rate = rate
            self.ramp = ramp
            self.idle = idle
            self.progressEvery = progressEvery
            self.actionsPerBot = actionsPerBot
        }
    }

    /// What a run measured.
    public struct Report: Sendable {
        public var options: Options
        /// Actions acknowledged (stored).
        public var actions = 0
        /// Actions the rules refused (a move into a wall): a round trip, not an error.
        public var refused = 0
        /// Connect failures, rate limits and anything unexpected.
        public var errors = 0
        /// Bots the node ended (bye or close) before the end of the run, for good: after a close
        /// not worth reconnecting after, or when reconnecting failed.
        public var drops = 0
        /// Connections lost that the bots did not ask to end, each followed by reconnecting.
        public var reconnects = 0
        /// The same, per bot (index: bot number).
        public var reconnectsByBot: [Int] = []
        /// Actions in flight at a loss and sent again (the resumed game showed them not stored).
        public var resent = 0
        /// Actions in flight at a loss that the resumed game showed stored (acknowledged from it).
        public var storedUnacknowledged = 0
        /// Errors by code: protocol error codes, and `connect`, `reconnect_failed`, `ended_<bye reason>`, `closed`.
        public var errorCodes: [String: Int] = [:]
        public var gamesStarted = 0
        public var gamesOver = 0
        /// Games the bots left unfinished after `Options.gameActions` actions.
        public var gamesLeft = 0
        /// Round trips (request sent to ack and frame received), in milliseconds, sorted.
        public var roundTrips: [Double] = []
        /// Idle sessions that completed hello and guest, and of those, how many were still open at the end.
        public var idleOpened = 0
        public var idleHeld = 0
        public var seconds = 0.0
        /// The first few error descriptions, for people.
        public var errorSamples: [String] = []
        /// The CPU this process (the load tool: bots, idle sessions, sampling) spent while the
        /// bots played, user and system, in seconds: on one machine with the node, what the
        /// node's figures share the cores with.
        public var toolCpuSeconds = 0.0
        /// `toolCpuSeconds` per action answered (stored or refused), in microseconds.
        public var toolCpuMicrosecondsPerAction: Double? {
            actions + refused > 0 ? toolCpuSeconds * 1e6 / Double(actions + refused) : nil
        }
        /// What the nodes spent, from their `/metrics`; nil when not measured.
        public var node: NodeFigures?
        /// Why the nodes could not be measured, when they could not.
        public var nodeMeasureFailure: String?

        /// The `q` quantile (0...1) of the round trips, in ms; 0 when there are none.
        public func percentile(_ q: Double) -> Double { Percentile.of(roundTrips, q * 100) ?? 0 }

        public var actionsPerSecond: Double { seconds > 0 ? Double(actions + refused) / seconds : 0 }

        /// The lines `brogue loadtest` prints at the end.
        public var summary: String {
            func ms(_ v: Double) -> String { String(format: "%.2f", v) }
            var lines = [
                "loadtest: \(options.bots) bots for \(String(format: "%.1f", seconds)) s at \(options.rate) actions/s/bot",
                "actions: \(actions) stored, \(refused) refused, \(String(format: "%.1f", actionsPerSecond)) per second",
                "games: \(gamesStarted) started, \(gamesOver) over\(options.gameActions == nil ? "" : ", \(gamesLeft) left after \(options.gameActions ?? 0) actions")",
                "round trip ms: p50 \(ms(percentile(0.5))) p95 \(ms(percentile(0.95))) p99 \(ms(percentile(0.99))) max \(ms(roundTrips.last ?? 0))",
                "errors: \(errors)\(errorCodes.isEmpty ? "" : " (" + errorCodes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")",
                "drops: \(drops)",
                "reconnects: \(reconnects) (at most \(reconnectsByBot.max() ?? 0) by one bot), actions resent: \(resent), stored but unacknowledged: \(storedUnacknowledged)",
            ]
            if options.idle > 0 { lines.append("idle sessions: \(options.idle) requested, \(idleOpened) opened, \(idleHeld) held") }
            if let perAction = toolCpuMicrosecondsPerAction {
                lines.append(
                    "load tool cpu: \(String(format: "%.0f", perAction)) us per action (\(String(format: "%.2f", toolCpuSeconds)) s while the bots played)"
                )
            }
            if let node { lines += node.lines }
            if let nodeMeasureFailure { lines.append("node not measured: \(nodeMeasureFailure)") }
            for e in errorSamples { lines.append("  error: \(e)") }
            return lines.joined(separator: "\n")
        }
    }

    final class Tally: Sendable {
        let report: NIOLockedValueBox<Report>
        init(_ options: Options) {
            var report = Report(options: options)
            report.reconnectsByBot = Array(repeating: 0, count: options.bots)
            self.report = NIOLockedValueBox(report)
        }
        func error(_ text: String, code: String) {
            report.withLockedValue {
                $0.errors += 1
                $0.errorCodes[code, default: 0] += 1
                if $0.errorSamples.count < 5 { $0.errorSamples.append(text) }
            }
        }
    }

    /// Raises this process's open-file limit to at least `files` (up to the hard limit).
    /// - Returns: the soft limit now.
    @discardableResult
    public static func raiseFileLimit(to files: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        let wanted = rlim_t(files)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = min(wanted, limit.rlim_max)
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(limit.rlim_cur)
    }

    /// Runs the bots and idle sessions; `progress` gets a line every `progressEvery` seconds.
    public static func run(
        _ options: Options,
        logger: Logger = Logger(label: "brogue.loadtest"),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async -> Report {
        raiseFileLimit(to: options.bots + options.idle + 256)
        let tally = Tally(options)
        let recorder: AckRecorder?
        do { recorder = try options.recordPath.map { try AckRecorder(path: $0) } } catch {
            tally.error("\(error)", code: "record")
            return tally.report.withLockedValue { $0 }
        }
        defer { recorder?.close() }
        let clock = ContinuousClock()
        let sampler = NodeSampler(options)
        await sampler.sample { $0.start = $1 }

        // Idle sessions first, a few at a time, so they are open while the bots play.
        var idle: [RemoteGame] = []
        if options.idle > 0 {
            idle = await openIdle(options, tally: tally, logger: logger)
            progress("idle: \(idle.count) of \(options.idle) sessions open")
        }
        await sampler.sample { $0.idle = $1 }

        let playStart = clock.now
        let toolCpuAtStart = Self.processCpuSeconds()
        // Progress lines until every bot is done.
        let reporter = Task {
            var last = (actions: 0, at: clock.now)
            func report() {
                let r = tally.report.withLockedValue { $0 }
                let now = clock.now
                let elapsed = (now - last.at) / .seconds(1)
                let rate = elapsed > 0 ? Double(r.actions + r.refused - last.actions) / elapsed : 0
                last = (r.actions + r.refused, now)
                progress(
                    "t=\(Int(((now - playStart) / .seconds(1)).rounded()))s actions \(r.actions + r.refused) (\(String(format: "%.1f", rate))/s) errors \(r.errors) drops \(r.drops)"
                )
            }
            while !Task.isCancelled {
                do { try await Task.sleep(for: .seconds(options.progressEvery)) } catch { break }
                report()
                let at = (clock.now - playStart) / .seconds(1)
                await sampler.sample(required: false) {
                    $0.keepPeak($1)
                    $0.keepSteady($1, at: at, ramp: options.ramp, duration: options.duration)
                }
            }
            // The last numbers, however short the run was.
            report()
        }
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<options.bots {
                let startAt = playStart + .seconds(options.bots > 1 ? options.ramp * Double(i) / Double(options.bots) : 0)
                group.addTask { await bot(i, options: options, startAt: startAt, tally: tally, recorder: recorder, logger: logger) }
            }
        }
        reporter.cancel()
        await reporter.value
        await sampler.sample {
            $0.end = $1
            $0.keepPeak($1)
        }
        var held = 0
        for session in idle where session.endedByNode == nil { held += 1 }
        tally.report.withLockedValue {
            $0.idleHeld = held
            $0.seconds = (clock.now - playStart) / .seconds(1)
            $0.toolCpuSeconds = Self.processCpuSeconds() - toolCpuAtStart
            $0.roundTrips.sort()
            let taken = sampler.samples.withLockedValue { $0 }
            $0.node = taken.figures(answered: $0.actions + $0.refused, idleOpened: $0.idleOpened)
            $0.nodeMeasureFailure = taken.failure
        }
        await withTaskGroup(of: Void.self) { group in
            for session in idle { group.addTask { await session.drop() } }
        }
        return tally.report.withLockedValue { $0 }
    }

    /// This process's CPU time so far, user and system, in seconds.
    static func processCpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = RUSAGE_SELF.rawValue
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private static func openIdle(_ options: Options, tally: Tally, logger: Logger) async -> [RemoteGame] {
        var open: [RemoteGame] = []
        let batch = 64
        var next = 0
        while next < options.idle {
            let count = min(batch, options.idle - next)
            let base = next
            next += count
            let opened = await withTaskGroup(of: RemoteGame?.self) { group in
                for i in 0..<count {
                    group.addTask {
                        do {
                            let remote = try await RemoteGame.connect(url: options.servers[(base + i) % options.servers.count], logger: logger)
                            do {
                                try await remote.start(name: "idle\(base + i)", client: "brogue-loadtest/0.1.0")
                                return remote
                            } catch {
                                tally.error("idle session: \(error)", code: "connect")
                                await remote.drop()
                                return nil
                            }
                        } catch {
                            tally.error("idle session: \(error)", code: "connect")
                            return nil
                        }
                    }
                }
                var list: [RemoteGame] = []
                for await r in group { if let r { list.append(r) } }
                return list
            }
            open += opened
        }
        tally.report.withLockedValue { $0.idleOpened = open.count }
        return open
    }
}
