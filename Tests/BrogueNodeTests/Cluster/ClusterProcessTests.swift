import BrogueContent
import BrogueRecording
import BrogueStore
import BrogueStorePostgres
import BrogueTestServers
import Foundation
import Testing

/// The real binary as a cluster: a gateway and two game instances over a real nats-server and a
/// real PostgreSQL, bots playing through the gateway, and one game instance killed with SIGKILL
/// while they play.
/// The servers this suite needs; under CI a missing one fails the test instead of skipping it.
enum ClusterServers {
    static let environment = ProcessInfo.processInfo.environment
    static let postgres = environment["BROGUE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let wanted = environment["CI"] == "true" || (NATSServerProcess.executable != nil && postgres != nil)
}

@Suite(.enabled(if: ClusterServers.wanted, "needs nats-server and BROGUE_TEST_POSTGRES_URL (scripts/test-postgres.sh start)"))
struct ClusterProcessTests {
    static let content = ContentSetParityTests.root.appendingPathComponent("content/core").path

    @Test func killingAGameInstanceUnderLoadLosesNoGame() async throws {
        guard let postgres = ClusterServers.postgres else {
            throw TestFailure("BROGUE_TEST_POSTGRES_URL is not set and CI=true: start one with scripts/test-postgres.sh start")
        }
        let nats = try await NATSServerProcess.start()
        defer { nats.stop() }
        let server = try PostgresLocation(url: postgres)
        let database = "brogue_cluster_\(UInt32.random(in: 0...UInt32.max))"
        try PostgresAdmin.createDatabase(database, on: server)
        defer { try? PostgresAdmin.dropDatabase(database, on: server) }
        var url = try #require(URLComponents(string: postgres))
        url.path = "/\(database)"
        let storeURL = try #require(url.string)

        var env = ClusterServers.environment
        env["BROGUE_CONFIG"] = nil
        env["NATS_URL"] = nats.url
        env["POSTGRES_URL"] = storeURL
        env["LOG_FORMAT"] = "text"
        env["BROGUE_MAX_CONNECTIONS_PER_ADDRESS"] = "0"
        func node(_ id: String, _ role: String) async throws -> (ChildProcess, BrogueTestServers.LogLines, Int) {
            var e = env
            e["INSTANCE_ID"] = id
            let log = BrogueTestServers.LogLines(name: id)
            let process = try ChildProcess(
                executable: RemoteGameTests.binary.path,
                arguments: ["node", "--role", role, "--listen", "127.0.0.1:0", "--content", Self.content],
                log: log,
                output: true,
                environment: e
            )
            let line = try await log.line(containing: "listening on 127.0.0.1:", timeout: .seconds(120))
            let port = try #require(Int(line.split(separator: ":").last ?? ""))
            return (process, log, port)
        }
        let g1 = try await node("g1", "game")
        let g2 = try await node("g2", "game")
        let gateway = try await node("gw1", "gateway")

        let bots = BrogueTestServers.LogLines(name: "loadtest")
        let load = try ChildProcess(
            executable: RemoteGameTests.binary.path,
            arguments: ["loadtest", "ws://127.0.0.1:\(gateway.2)", "--bots", "8", "--duration", "8", "--rate", "10", "--progress", "1"],
            log: bots,
            output: true,
            environment: env
        )
        // Once the bots are playing, an instance hosting games dies as a crashed process would.
        _ = try await bots.line(containing: "t=", timeout: .seconds(120))
        let (killed, survivor) = g1.1.all.contains { $0.contains("new game") } ? (g1, g2) : (g2, g1)
        killed.0.stop(with: SIGKILL)
        let errors = try await bots.line(containing: "errors:", timeout: .seconds(120))
        let drops = try await bots.line(containing: "drops:", timeout: .seconds(30))
        load.stop(with: SIGTERM)
        #expect(errors.hasSuffix("errors: 0"), "\(bots.all.joined(separator: "\n"))")
        #expect(drops.hasSuffix("drops: 0"), "\(bots.all.joined(separator: "\n"))")
        #expect(survivor.1.all.contains { $0.contains("took over a game from a gone instance") }, "\(survivor.1.all.joined(separator: "\n"))")
        gateway.0.stop(with: SIGTERM)
        survivor.0.stop(with: SIGTERM)

        // Every game, those g1 held included, replays from its log to the stored hash.
        let store = try PostgresGameStore(url: storeURL)
        let games = try store.listGames(limit: 1_000)
        #expect(games.count >= 8)
        let loaded = try ContentLoader().load(plugins: [Self.content])
        let recorded = try RecordedGames(store: store, content: loaded)
        for game in games {
            let stored = try #require(try store.loadGame(id: game.id))
            #expect(throws: Never.self, "game \(game.id)") { _ = try recorded.rebuild(stored) }
        }
        store.close()
    }
}
