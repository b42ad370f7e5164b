import BrogueContent
import BrogueRecording
import BrogueStore
import BrogueStorePostgres
import BrogueTestServers
import Foundation
import Testing

/// The servers this suite needs; under CI a missing one fails the test instead of skipping it.
enum ClusterServers {
    static let environment = ProcessInfo.processInfo.environment
    static let postgres = environment["BROGUE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let wanted = environment["CI"] == "true" || (NATSServerProcess.executable != nil && postgres != nil)
}

/// The real binary as a cluster: a gateway and two game instances over a real nats-server and a
/// real PostgreSQL, bots playing through the gateway, and one game instance killed or paused
/// while they play.
@Suite(.enabled(if: ClusterServers.wanted, "needs nats-server and BROGUE_TEST_POSTGRES_URL (scripts/test-postgres.sh start)"))
struct ClusterProcessTests {
    static let content = ContentSetParityTests.root.appendingPathComponent("content/core").path

    /// One process of the cluster, its log and its HTTP port.
    struct Member {
        let process: ChildProcess
        let log: BrogueTestServers.LogLines
        let port: Int
        func logged(_ text: String) -> Bool { log.all.contains { $0.contains(text) } }
    }

    /// nats-server, a fresh PostgreSQL database, two game instances and a gateway.
    final class Rig {
        let nats: NATSServerProcess
        let server: PostgresLocation
        let database: String
        let storeURL: String
        var env: [String: String]
        var members: [Member] = []

        init() async throws {
            guard let postgres = ClusterServers.postgres else {
                throw TestFailure("BROGUE_TEST_POSTGRES_URL is not set and CI=true: start one with scripts/test-postgres.sh start")
            }
            nats = try await NATSServerProcess.start()
            server = try PostgresLocation(url: postgres)
            database = "brogue_cluster_\(UInt32.random(in: 0...UInt32.max))"
            try PostgresAdmin.createDatabase(database, on: server)
            var url = try #require(URLComponents(string: postgres))
            url.path = "/\(database)"
            storeURL = try #require(url.string)
            env = ClusterServers.environment
            env["BROGUE_CONFIG"] = nil
            env["NATS_URL"] = nats.url
            env["POSTGRES_URL"] = storeURL
            env["LOG_FORMAT"] = "text"
            env["BROGUE_MAX_CONNECTIONS_PER_ADDRESS"] = "0"
        }

        func start(_ id: String, _ role: String) async throws -> Member {
            let (process, log) = try launch(id, role)
            let line = try await log.line(containing: "listening on 127.0.0.1:", timeout: .seconds(120))
            let member = Member(process: process, log: log, port: try #require(Int(line.split(separator: ":").last ?? "")))
            members.append(member)
            return member
        }

        /// `brogue node --role role` as `id`, not waited for.
        func launch(_ id: String, _ role: String) throws -> (ChildProcess, BrogueTestServers.LogLines) {
            var e = env
            e["INSTANCE_ID"] = id
            let log = BrogueTestServers.LogLines(name: id)
            let process = try ChildProcess(
                executable: RemoteGameTests.binary.path,
                arguments: ["node", "--role", role, "--listen", "127.0.0.1:0", "--content", ClusterProcessTests.content],
                log: log,
                output: true,
                environment: e
            )
            return (process, log)
        }

        /// `brogue loadtest` against `gateway`: bots play for `seconds` of their own.
        func bots(_ count: Int, seconds: Int, through gateway: Member) throws -> (ChildProcess, BrogueTestServers.LogLines) {
            let log = BrogueTestServers.LogLines(name: "loadtest")
            let arguments = [
                "loadtest", "ws://127.0.0.1:\(gateway.port)", "--bots", "\(count)", "--duration", "\(seconds)", "--rate", "10", "--progress", "1",
            ]
            return (try ChildProcess(executable: RemoteGameTests.binary.path, arguments: arguments, log: log, output: true, environment: env), log)
        }

        /// Every stored game replays from its log to its stored hash.
        func checkEveryGameReplays(atLeast count: Int) throws {
            let store = try PostgresGameStore(url: storeURL)
            defer { store.close() }
            let games = try store.listGames(limit: 1_000)
            #expect(games.count >= count)
            let recorded = try RecordedGames(store: store, content: try ContentLoader().load(plugins: [ClusterProcessTests.content]))
            for game in games {
                let stored = try #require(try store.loadGame(id: game.id))
                #expect(throws: Never.self, "game \(game.id)") { _ = try recorded.rebuild(stored) }
            }
        }

        func stop() {
            for m in members {
                m.process.send(SIGCONT)
                m.process.stop(with: SIGTERM)
            }
            nats.stop()
            try? PostgresAdmin.dropDatabase(database, on: server)
        }
    }

    /// The bots' last lines: no errors, no drops.
    static func expectCleanRun(_ bots: BrogueTestServers.LogLines) async throws {
        let errors = try await bots.line(containing: "errors:", timeout: .seconds(180))
        let drops = try await bots.line(containing: "drops:", timeout: .seconds(30))
        #expect(errors.hasSuffix("errors: 0"), "\(bots.all.joined(separator: "\n"))")
        #expect(drops.hasSuffix("drops: 0"), "\(bots.all.joined(separator: "\n"))")
    }

    @Test func killingAGameInstanceUnderLoadLosesNoGame() async throws {
        let rig = try await Rig()
        defer { rig.stop() }
        let g1 = try await rig.start("g1", "game")
        let g2 = try await rig.start("g2", "game")
        let gateway = try await rig.start("gw1", "gateway")
        let (load, bots) = try rig.bots(8, seconds: 8, through: gateway)
        // Once the bots are playing, an instance hosting games dies as a crashed process would.
        _ = try await bots.line(containing: "t=", timeout: .seconds(120))
        let (killed, survivor) = g1.logged("new game") ? (g1, g2) : (g2, g1)
        killed.process.stop(with: SIGKILL)
        try await Self.expectCleanRun(bots)
        load.stop(with: SIGTERM)
        #expect(survivor.logged("took over a game from a gone instance"), "\(survivor.log.all.joined(separator: "\n"))")
        try rig.checkEveryGameReplays(atLeast: 8)
    }

    /// Split brain: an owner paused past its lease, another instance takes its games, and the
    /// first, woken, has its writes refused and lets the games go.
    @Test func aPausedOwnerWakesToFindItsGamesTakenAndWritesNothing() async throws {
        let rig = try await Rig()
        defer { rig.stop() }
        let g1 = try await rig.start("g1", "game")
        let g2 = try await rig.start("g2", "game")
        let gateway = try await rig.start("gw1", "gateway")
        // Long enough for a paused owner's games to be placed again while their bots still play:
        // each try may go to the paused instance first and wait out the placement timeout.
        let (load, bots) = try rig.bots(6, seconds: 60, through: gateway)
        _ = try await bots.line(containing: "t=", timeout: .seconds(120))
        let (paused, other) = g1.logged("new game") ? (g1, g2) : (g2, g1)
        paused.process.send(SIGSTOP)
        // Its leases expire; the bots' gateway places its games again, on the other instance. Only
        // one of the paused instance's own games shows the split brain: the other one may open a
        // game of its own again (released when its bot's connection ended) meanwhile.
        let owned = paused.log.all.filter { $0.hasSuffix("new game") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("game=") }.map { "\($0) [BrogueNode] opened game" }
        }
        try #require(!owned.isEmpty, "\(paused.log.all.joined(separator: "\n"))")
        _ = try await other.log.line(containingAnyOf: owned, timeout: .seconds(120))
        paused.process.send(SIGCONT)
        _ = try await paused.log.line(containing: "lost the lease on a game; letting it go", timeout: .seconds(120))
        try await Self.expectCleanRun(bots)
        load.stop(with: SIGTERM)
        try rig.checkEveryGameReplays(atLeast: 6)
    }
}
