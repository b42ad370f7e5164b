import BrogueStore
import BrogueStorePostgres
import Foundation
import Testing

/// The PostgreSQL server the tests use: `BROGUE_TEST_POSTGRES_URL`, e.g. the line
/// `scripts/test-postgres.sh start` prints. Each test gets a database of its own, created
/// for its `TempFolder` and dropped with it, so no test sees another's rows.
///
/// Unset, the PostgreSQL cases are skipped with a printed reason, except under `CI=true`,
/// where they fail: CI must test both backends.
enum PostgresTestServer {
    static let variable = "BROGUE_TEST_POSTGRES_URL"

    /// The server, or why there is none.
    static let server: Result<PostgresLocation, SetupError> = {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment[variable], !url.isEmpty else {
            if environment["CI"] == "true" {
                return .failure(
                    SetupError(
                        message:
                            "\(variable) is not set, and CI=true requires the PostgreSQL cases: start a server with `scripts/test-postgres.sh start` and export the line it prints"
                    )
                )
            }
            print(
                "BrogueStoreTests: PostgreSQL cases skipped: \(variable) is not set (run `scripts/test-postgres.sh start` and export the line it prints)"
            )
            return .failure(SetupError(message: "skipped"))
        }
        do {
            return .success(try PostgresLocation(url: url))
        } catch {
            return .failure(SetupError(message: "\(variable): \(error)"))
        }
    }()

    /// The server certificate's PEM file when the server has TLS (`BROGUE_TEST_POSTGRES_CA`).
    static var certificate: String? {
        ProcessInfo.processInfo.environment["BROGUE_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether PostgreSQL cases run (or, under CI without a server, fail).
    static var isWanted: Bool {
        if case .failure(let error) = server, error.message == "skipped" { return false }
        return true
    }

    /// The PostgreSQL backend when it is wanted.
    static var backends: [StoreBackend] {
        guard isWanted else { return [] }
        return [
            StoreBackend(name: "PostgreSQL") { folder, now in
                try PostgresGameStore(location: try database(for: folder), options: now.map { .init(now: $0) } ?? .init())
            }
        ]
    }

    /// The database that belongs to `folder`, created the first time and dropped with the folder.
    static func database(for folder: TempFolder) throws -> PostgresLocation {
        let location = try server.get()
        let name =
            "brogue_test_"
            + folder.url.lastPathComponent.replacingOccurrences(of: "brogue-store-", with: "").lowercased().filter { $0.isHexDigit }.prefix(24)
        if !FileManager.default.fileExists(atPath: folder.file(".postgres-database")) {
            try PostgresAdmin.createDatabase(name, on: location)
            FileManager.default.createFile(atPath: folder.file(".postgres-database"), contents: Data(name.utf8))
            folder.onRemove { try? PostgresAdmin.dropDatabase(name, on: location) }
        }
        return location.with(database: name)
    }

    struct SetupError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
