import BrogueStore
import Foundation
import Testing

/// Every store backend under test: the backend-neutral tests take one of these as their
/// argument, so a new backend runs the same test functions by being added to `all`.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    typealias Store = any GameStore & AccountStore & GameTokenStore & GameLeaseStore
    typealias Now = @Sendable () -> Date

    let name: String
    private let opener: @Sendable (TempFolder, Now?) throws -> Store

    init(name: String, open: @escaping @Sendable (TempFolder, Now?) throws -> Store) {
        self.name = name
        opener = open
    }

    var testDescription: String { name }

    /// Opens the store that belongs to `folder`: empty the first time, the same one again after.
    ///
    /// - Parameter now: the store's clock, when the test needs known times.
    func open(_ folder: TempFolder, now: Now? = nil) throws -> Store { try opener(folder, now) }

    static let sqlite = StoreBackend(name: "SQLite") { folder, now in
        try SQLiteGameStore(path: folder.file("brogue.sqlite"), options: now.map { .init(now: $0) } ?? .init())
    }

    /// SQLite, and PostgreSQL when `BROGUE_TEST_POSTGRES_URL` names a server (see `PostgresTestServer`).
    static let all: [StoreBackend] = [sqlite] + PostgresTestServer.backends
}

/// A bcrypt-shaped hash: the store keeps it as given.
let sampleHash = "$2b$04$abcdefghijklmnopqrstuuJ5mtdfrKXMmtDkY6ZW3T3g4lJbnBPqa"

/// A SHA-256-shaped token hash made from `n`.
func tokenHash(_ n: Int) -> String {
    let digit = String(n % 16, radix: 16)
    return String(repeating: digit, count: 63) + String((n / 16) % 16, radix: 16)
}
