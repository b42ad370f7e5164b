import ArgumentParser
import BrogueClient
import Logging

struct FloodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flood",
        abstract: "Storm a node with connections from one address and time /health and a player from another (docs/node.md).",
        discussion: """
            Opens TCP connections from --from (a loopback alias such as 127.0.0.2 when the node is \
            on this machine) as fast as it can for --duration seconds, holding up to --connections \
            at once and sending nothing on them, while /health is fetched from the usual address \
            every 20 ms (a new connection each time) and a guest plays 20 actions a second there. \
            Prints /health's latency before and during the storm, the player's round trips, and \
            how many connections the node refused at accept or closed by its request timeout.
            """
    )

    @Argument(help: ArgumentHelp("The node's address.", valueName: "ws://host:port"))
    var url: String

    @Option(help: "Connections held open at once.")
    var connections: Int = 5000

    @Option(help: "Seconds the storm lasts.")
    var duration: Double = 10

    @Option(help: ArgumentHelp("The IPv4 address the storm connects from.", valueName: "address"))
    var from: String = "127.0.0.2"

    @Option(help: "Threads opening connections.")
    var threads: Int = 2

    func validate() throws {
        guard PlainHTTP.endpoint(of: url) != nil else { throw ValidationError("give the node as ws://HOST:PORT") }
        guard (1...1_000_000).contains(connections) else { throw ValidationError("--connections must be 1...1000000") }
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be more than 0 seconds (at most an hour)") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1...64") }
    }

    func run() async throws {
        var options = ConnectionStorm.Options(url: url, connections: connections, seconds: duration, from: from)
        options.threads = threads
        var logger = Logger(label: "brogue.flood")
        logger.logLevel = .critical
        let report = try await ConnectionStorm.run(options, logger: logger)
        print(report.summary(options))
    }
}
