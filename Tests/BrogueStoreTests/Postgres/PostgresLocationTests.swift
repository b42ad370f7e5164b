import BrogueStore
import BrogueStorePostgres
import Testing

/// Connection strings, and a server that is not there: no PostgreSQL needed.
@Suite struct PostgresLocationTests {
    @Test func readsEveryPartOfAConnectionString() throws {
        let location = try PostgresLocation(url: "postgres://brogue:s3cret@db.example:6543/games?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.user == "brogue")
        #expect(location.database == "games")
        #expect(location.sslMode == .verifyFull)
        #expect(location.rootCertificatePath == "/etc/ca.pem")
        #expect(location.description == "postgres://brogue@db.example:6543/games", "never the password")
        let defaults = try PostgresLocation(url: "postgresql://alice@127.0.0.1")
        #expect(defaults.port == 5432 && defaults.database == "alice" && defaults.sslMode == .prefer)
    }

    @Test func refusalsNeverShowThePassword() {
        for bad in [
            "mysql://u:s3cret@h/db", "postgres://u:s3cret@h/db?sslmode=sometimes", "postgres://:s3cret@h/db",
            "postgres://u:s3cret@h/db?password=x",
        ] {
            do {
                _ = try PostgresLocation(url: bad)
                Issue.record("\(bad) was accepted")
            } catch {
                if case .invalidArgument = error {} else { Issue.record("expected .invalidArgument, got \(error)") }
                #expect(!error.description.contains("s3cret"), "\(error)")
            }
        }
    }

    @Test func anUnreachableServerIsNamedWithoutThePassword() throws {
        do {
            _ = try PostgresGameStore(url: "postgres://brogue:s3cret@127.0.0.1:1/games?sslmode=disable", options: .init(connectTimeout: 2))
            Issue.record("connected to port 1")
        } catch {
            guard case .unreachable(let server, _) = error else { throw error }
            #expect(server == "127.0.0.1:1")
            #expect(error.description.contains("127.0.0.1:1"))
            #expect(error.description.contains("Check that PostgreSQL is running"))
            #expect(!error.description.contains("s3cret"))
        }
    }
}
