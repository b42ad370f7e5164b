import ArgumentParser
import BrogueClient
import Foundation
import Logging
import UnixSignals

struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Play many bot games on a node over WebSocket and measure round trips (docs/node.md).",
        discussion: """
            Each bot connects, says hello and guest, starts a game and plays it (explore steps, \
            random moves, stairs), starting another when one ends. Bots spread over the node \
            addresses given; when a node goes away (drain, restart, a dropped connection) a bot \
            reconnects to the next with backoff and resumes its game, resending an action only \
            if it was not stored. Prints progress every few seconds, then actions per second, \
            round-trip p50/p95/p99/max, errors by code, drops, reconnects and resent actions; \
            --record FILE keeps every acknowledged action (with the time it arrived) for comparing \
            with the store. SIGINT or SIGTERM ends the run early: each bot finishes the action it \
            waits for, and the summary is printed; a second signal quits at once. \
            --idle N also holds N sessions that only said hello and guest. All connections come \
            from one address: start the node with BROGUE_MAX_CONNECTIONS_PER_ADDRESS=0 (no cap) \
            or a cap above bots + idle, and a node rate limit above --rate. Reads each node's \
            /metrics before and after and prints the node's CPU per action and per idle session \
            and its memory per idle session and per game; --json prints every figure as one \
            JSON object instead (progress lines go to standard error).
            """
    )

    @OptionGroup var nodes: ServerOptions

    @Option(
        help: ArgumentHelp("Write each acknowledged action (bot, game, seq, action, stateHash) to this file, one JSON line each.", valueName: "file")
    )
    var record: String?

    @Option(help: "Connection attempts after a lost connection before a bot gives up.")
    var reconnectAttempts: Int = 8

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

    @Option(help: "Seconds between progress lines (and samples of the node's /metrics).")
    var progress: Double = 5

    @Option(
        help: ArgumentHelp(
            "Leave each game once it has this many actions stored and start another, as players come and go.",
            discussion: """
                A bot's first game is left after a random number of actions up to this one, so the games' ages spread \
                evenly. The games left stay in the store, unfinished. Without it a bot plays one game until it ends \
                or the run does.
                """
        )
    )
    var gameActions: Int?

    @Option(help: "Seed the bots' games and moves from this number, for the same games on every run.")
    var seed: UInt64?

    @Flag(help: "Print the figures as one JSON object on standard output, progress on standard error.")
    var json = false

    @Flag(help: "Do not read the nodes' /metrics.")
    var noNodeMetrics = false

    func validate() throws {
        guard (1...100).contains(reconnectAttempts) else { throw ValidationError("--reconnect-attempts must be 1...100") }
        guard bots >= 0, bots <= 100_000 else { throw ValidationError("--bots must be 0...100000") }
        guard idle >= 0, idle <= 1_000_000 else { throw ValidationError("--idle must be 0...1000000") }
        guard bots > 0 || idle > 0 else { throw ValidationError("give --bots or --idle more than 0") }
        guard duration > 0, duration <= 86_400 else { throw ValidationError("--duration must be more than 0 seconds (at most a day)") }
        guard rate > 0, rate <= 1000 else { throw ValidationError("--rate must be more than 0 and at most 1000") }
        guard ramp >= 0, ramp <= 3600 else { throw ValidationError("--ramp must be 0...3600 seconds") }
        if let gameActions, gameActions < 1 { throw ValidationError("--game-actions must be at least 1") }
        guard progress > 0 else { throw ValidationError("--progress must be more than 0 seconds") }
    }

    func run() async throws {
        var logger = Logger(label: "brogue.loadtest")
        logger.logLevel = .critical
        let files = LoadTest.raiseFileLimit(to: bots + idle + 256)
        if files < bots + idle + 64 {
            Console.error("brogue loadtest: warning: only \(files) open files allowed (ulimit -n); \(bots + idle) connections may not all open")
        }
        var options = LoadTest.Options(
            servers: nodes.servers,
            bots: bots,
            duration: duration,
            rate: rate,
            ramp: ramp,
            idle: idle,
            progressEvery: progress
        )
        options.recordPath = record
        options.reconnectAttempts = reconnectAttempts
        options.seed = seed
        options.gameActions = gameActions
        options.measureNode = !noNodeMetrics
        let progressTo = json ? FileHandle.standardError : FileHandle.standardOutput
        let stop = options.stop
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let watcher = Task {
            for await signal in signals {
                if stop.request() { Foundation.exit(130) }
                Console.error("brogue loadtest: \(signal): stopping after each bot's current action (again to quit at once)")
            }
        }
        let report = await LoadTest.run(options, logger: logger) { line in
            progressTo.write(Data((line + "\n").utf8))
        }
        watcher.cancel()
        print(json ? report.json : report.summary)
        if report.actions + report.refused == 0 && bots > 0 { throw ExitCode(1) }
    }
}
