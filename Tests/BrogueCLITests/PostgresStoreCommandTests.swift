import BrogueStore
import BrogueStorePostgres
import Foundation
import Testing

/// `brogue import`, `games`, `replay --verify` and `export` with `--store postgres://...`, on
/// the server `BROGUE_TEST_POSTGRES_URL` names (skipped without it, failed under CI=true).
@Suite struct PostgresStoreCommandTests {
    static let url: String? = ProcessInfo.processInfo.environment["BROGUE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let wanted: Bool = {
        if url != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        print("BrogueCLITests: PostgreSQL cases skipped: BROGUE_TEST_POSTGRES_URL is not set (run `scripts/test-postgres.sh start`)")
        return false
    }()

    @Test(.enabled(if: wanted, "BROGUE_TEST_POSTGRES_URL is not set"))
    func aGamePlayedIntoSQLiteMovesToPostgresAndVerifiesThere() throws {
        let url = try #require(
            Self.url,
            "BROGUE_TEST_POSTGRES_URL is not set, and CI=true requires the PostgreSQL cases: run `scripts/test-postgres.sh start`"
        )
        let server = try PostgresLocation(url: url)
        let database = "brogue_test_cli_" + UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(16)
        try PostgresAdmin.createDatabase(database, on: server)
        defer { try? PostgresAdmin.dropDatabase(database, on: server) }
        let store = server.with(database: database).description

        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sim = try BrogueProcess.run(["sim", "--seed", "11", "--turns", "200", "--save", "--data", dir.path])
        #expect(sim.status == 0, "\(sim.stderr)")
        let fromSQLite = dir.appendingPathComponent("sqlite.json").path
        #expect(try BrogueProcess.run(["export", "1", fromSQLite, "--data", dir.path]).status == 0)

        let imported = try BrogueProcess.run(["import", fromSQLite, "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("as game 1"), "\(imported.stdout)")
        let games = try BrogueProcess.run(["games", "--store", store])
        #expect(games.status == 0, "\(games.stderr)")
        #expect(games.stdout.split(separator: "\n").contains { $0.hasPrefix("1 ") && $0.contains(" 11 ") }, "\(games.stdout)")
        let verify = try BrogueProcess.run(["replay", "1", "--verify", "--store", store])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("matches the saved game"), "\(verify.stdout)")
        let fromPostgres = dir.appendingPathComponent("postgres.json").path
        #expect(try BrogueProcess.run(["export", "1", fromPostgres, "--store", store]).status == 0)
        #expect(FileManager.default.contents(atPath: fromPostgres) == FileManager.default.contents(atPath: fromSQLite), "the same document")

        let missing = try BrogueProcess.run(["replay", "2", "--verify", "--store", store])
        #expect(missing.status == 1 && missing.stderr.contains("no game 2 in \(store)"), "\(missing.stderr)")
        let both = try BrogueProcess.run(["games", "--store", store, "--data", dir.path])
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")
    }

    @Test func anUnreachableStoreSaysWhereWithoutThePassword() throws {
        let out = try BrogueProcess.run(["games", "--store", "postgres://brogue:s3cret@127.0.0.1:1/games?sslmode=disable"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("127.0.0.1:1") && out.stderr.contains("cannot reach the database server"), "\(out.stderr)")
        #expect(!out.stderr.contains("s3cret"))
    }
}
