import ArgumentParser
import BrogueClient
import Foundation
import Logging

struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Play many bot games on a node over WebSocket and measure round trips (docs/node.md).",
        discussion: """
            Each bot connects, says hello and guest, starts a game and plays it (explore steps, \
            random moves, stairs), starting another when one ends. Prints progress every few \
            seconds, then actions per second, round-trip p50/p95/p99/max, errors and drops. \
            --idle N also holds N sessions that only said hello and guest. All connections come \
            from one address: start the node with BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 (no cap) \
            or a cap above bots + idle, and a node rate limit above --rate.
            """
    )

    @Argument(help: ArgumentHelp("The node's address.", valueName: "ws://host:port"))
    var url: String

    @Option(help: "Bots playing at once.")
    var bots: Int = 10

    @Option(help: "How long each bot plays, in seconds, from when its game has started.")
    var duration: Double = 10

    @Option(help: "Actions a second per bot.")
    var rate: Double = 1

    @Option(help: "Start the bots evenly over this many seconds.")
    var ramp: Double = 0

    @Option(help: "Also hold this many idle sessions (hello and guest only).")
    var idle: Int = 0

    @Option(help: "Seconds between progress lines.")
    var progress: Double = 5

    func validate() throws {
        do { _ = try RemoteGame.endpoint(url) } catch { throw ValidationError("\(error)") }
        guard bots >= 0, bots <= 100_000 else { throw ValidationError("--bots must be 0...100000") }
        guard idle >= 0, idle <= 1_000_000 else { throw ValidationError("--idle must be 0...1000000") }
        guard bots > 0 || idle > 0 else { throw ValidationError("give --bots or --idle more than 0") }
        guard duration > 0, duration <= 86_400 else { throw ValidationError("--duration must be more than 0 seconds (at most a day)") }
        guard rate > 0, rate <= 1000 else { throw ValidationError("--rate must be more than 0 and at most 1000") }
        guard ramp >= 0, ramp <= 3600 else { throw ValidationError("--ramp must be 0...3600 seconds") }
        guard progress > 0 else { throw ValidationError("--progress must be more than 0 seconds") }
    }

    func run() async throws {
        var logger = Logger(label: "brogue.loadtest")
        logger.logLevel = .critical
        let files = LoadTest.raiseFileLimit(to: bots + idle + 256)
        if files < bots + idle + 64 {
            Console.error("brogue loadtest: warning: only \(files) open files allowed (ulimit -n); \(bots + idle) connections may not all open")
        }
        let report = await LoadTest.run(
            .init(url: url, bots: bots, duration: duration, rate: rate, ramp: ramp, idle: idle, progressEvery: progress),
            logger: logger
        ) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        print(report.summary)
        if report.actions + report.refused == 0 && bots > 0 { throw ExitCode(1) }
    }
}
