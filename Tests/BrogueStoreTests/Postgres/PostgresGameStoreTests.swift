import BrogueStore
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import BrogueStorePostgres

/// What only the PostgreSQL backend has: its migrations, pool, connections and TLS.
@Suite(.enabled(if: PostgresTestServer.isWanted, "BROGUE_TEST_POSTGRES_URL is not set"))
struct PostgresGameStoreTests {
    @Test func migrationsAreNamedAndConcurrentStartsAreSafe() throws {
        let folder = TempFolder()
        let location = try PostgresTestServer.database(for: folder)
        let failures = Failures()
        let group = DispatchGroup()
        for _ in 0..<4 {
            DispatchQueue.global().async(group: group) {
                do { _ = try PostgresGameStore(location: location) } catch { failures.add(error) }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        let store = try PostgresGameStore(location: location)
        #expect(
            try PostgresSchema.applied(store) == ["v1-games-actions-scores", "v2-accounts-sessions-game-tokens-owners", "v3-game-leases-heartbeats"]
        )
    }

    @Test func eachCallIsTimedAsAReadOrAWrite() throws {
        let folder = TempFolder()
        let calls = Mutex<[(String, Duration)]>([])
        let store = try PostgresGameStore(
            location: try PostgresTestServer.database(for: folder),
            options: .init(onTransaction: { access, elapsed in calls.withLock { $0.append((access, elapsed)) } })
        )
        calls.withLock { $0 = [] }
        try makeGame(store, actions: 2)
        let made = calls.withLock { $0 }
        // The game's row and its two actions are writes (making it may also read).
        #expect(made.filter { $0.0 == "write" }.count >= 3 && made.allSatisfy { $0.1 > .zero }, "\(made)")
        calls.withLock { $0 = [] }
        _ = try store.listGames(limit: 5)
        let reads = calls.withLock { $0 }
        #expect(reads.count == 1 && reads.first?.0 == "read", "\(reads)")
    }

    @Test func refusesADatabaseOfANewerBuild() throws {
        let folder = TempFolder()
        let location = try PostgresTestServer.database(for: folder)
        let store = try PostgresGameStore(location: location)
        try makeGame(store, actions: 2)
        try PostgresAdmin.execute("INSERT INTO brogue_migrations (identifier) VALUES ('v9-from-the-future')", on: location)
        #expect(throws: StoreError.newerSchema(path: location.description, unknownMigrations: ["v9-from-the-future"])) {
            try PostgresGameStore(location: location)
        }
        #expect(try store.listGames(limit: 10).count == 1, "nothing was changed")
    }

    @Test func aBusyPoolMakesCallersWaitThenThrows() throws {
        let folder = TempFolder()
        let store = try PostgresGameStore(location: try PostgresTestServer.database(for: folder), options: .init(maxConnections: 1, waitTimeout: 0.2))
        let held = try store.pool.take()
        do {
            _ = try store.listGames(limit: 1)
            Issue.record("the pool's only connection was in use")
        } catch {
            guard case .poolExhausted(_, 1, 0.2) = error else { throw error }
            #expect(error.description.contains("all 1 connections"))
        }
        store.pool.giveBack(held.connection)
        #expect(try store.listGames(limit: 1) == [])
    }

    @Test func aStoreThatOpensAllAtStartHasEveryConnectionBeforeTheFirstCall() throws {
        let folder = TempFolder()
        let location = try PostgresTestServer.database(for: folder)
        let lazy = try PostgresGameStore(location: location, options: .init(maxConnections: 3))
        #expect(lazy.pool.openCount == 1, "migrating needs one connection")
        let eager = try PostgresGameStore(location: location, options: .init(maxConnections: 3, openAllAtStart: true))
        #expect(eager.pool.openCount == 3)
        // They are idle: three callers at once each get one without another being made.
        let taken = try (0..<3).map { _ in try eager.pool.take() }
        #expect(taken.allSatisfy(\.reused) && eager.pool.openCount == 3)
        for t in taken { eager.pool.giveBack(t.connection) }
    }

    @Test func aDeadConnectionIsReplaced() throws {
        let folder = TempFolder()
        let location = try PostgresTestServer.database(for: folder)
        let store = try PostgresGameStore(location: location, options: .init(maxConnections: 1))
        let game = try makeGame(store, actions: 1)
        try PostgresAdmin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(location.database)' AND pid <> pg_backend_pid()",
            on: location
        )
        #expect(try store.game(id: game.id) == game)
        try store.appendAction(gameID: game.id, seq: 1, action: "z", summary: summary(after: 2))
        #expect(try store.actions(gameID: game.id) == ["m0", "z"])
    }

    @Test func aStatementWithoutAnAnswerFailsTheCallAndTheStoreGoesOn() throws {
        let folder = TempFolder()
        let store = try PostgresGameStore(
            location: try PostgresTestServer.database(for: folder),
            options: .init(maxConnections: 1, queryTimeout: 0.5)
        )
        let game = try makeGame(store, actions: 1)
        do {
            try store.transaction(.statement) { try $0.query("SELECT pg_sleep(5)") }
            Issue.record("a statement ran past the query timeout")
        } catch {
            guard case .unreachable(_, let detail) = error else { throw error }
            #expect(detail.contains("no answer to a statement within 0.5 s"), "\(detail)")
        }
        #expect(try store.game(id: game.id) == game, "the closed connection was replaced")
    }

    /// postgres-nio drops a query written to a connection whose channel has closed (the server
    /// ended the session, say in a fast shutdown, just before the store picked the connection),
    /// so its answer never comes and closing the connection does not end the wait; the
    /// statement's own deadline must.
    @Test func aStatementOnAConnectionThatJustClosedFailsAtItsDeadline() throws {
        let folder = TempFolder()
        let store = try PostgresGameStore(location: try PostgresTestServer.database(for: folder), options: .init(maxConnections: 1))
        let (connection, _) = try store.pool.take()
        try connection.close().wait()
        let transaction = Transaction(connection: connection, logger: Logger(label: "test"), timeout: 0.5)
        #expect(throws: StatementTimedOut.self) { try transaction.query("SELECT 1") }
        store.pool.discard(connection)
        #expect(try store.listGames(limit: 1) == [], "the store goes on with a new connection")
    }

    @Test func sslModesAreHonoured() throws {
        let folder = TempFolder()
        var location = try PostgresTestServer.database(for: folder)
        location.sslMode = .disable
        let plain = try PostgresGameStore(location: location)
        #expect(try Self.encrypted(plain) == false)
        let serverHasTLS = try plain.transaction(.read) { try $0.query("SHOW ssl")[0].decode(String.self) } == "on"
        location.sslMode = .require
        if serverHasTLS {
            #expect(try Self.encrypted(try PostgresGameStore(location: location)) == true)
        } else {
            do {
                _ = try PostgresGameStore(location: location)
                Issue.record("sslmode=require connected without TLS")
            } catch {
                guard case .unreachable(_, let detail) = error else { throw error }
                #expect(detail.contains("does not offer TLS"))
            }
        }
    }

    @Test(.enabled(if: PostgresTestServer.certificate != nil, "BROGUE_TEST_POSTGRES_CA is not set"))
    func verifyFullChecksTheCertificate() throws {
        let folder = TempFolder()
        var location = try PostgresTestServer.database(for: folder)
        location.host = "localhost"
        location.sslMode = .verifyFull
        location.rootCertificatePath = PostgresTestServer.certificate
        #expect(try Self.encrypted(try PostgresGameStore(location: location)) == true)
        location.rootCertificatePath = nil
        do {
            _ = try PostgresGameStore(location: location)
            Issue.record("a self-signed certificate passed the system's trust roots")
        } catch {
            guard case .unreachable(let server, _) = error else { throw error }
            #expect(server == "localhost:\(location.port)")
        }
    }

    private static func encrypted(_ store: PostgresGameStore) throws -> Bool {
        try store.transaction(.read) { try $0.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self) }
    }
}

/// Errors gathered from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []

    func add(_ error: any Error) {
        lock.lock()
        errors.append("\(error)")
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return errors
    }
}
