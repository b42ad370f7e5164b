import BrogueStore
import Testing

/// Every store backend under test: the account and token tests take one of these as their
/// argument, so a new backend runs the same test functions by being added to `all`.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    typealias Store = any GameStore & AccountStore & GameTokenStore

    let name: String
    /// Opens an empty store whose files live in `folder`.
    let open: @Sendable (TempFolder) throws -> Store

    var testDescription: String { name }

    static let all: [StoreBackend] = [
        StoreBackend(name: "SQLite") { folder in try SQLiteGameStore(path: folder.file("brogue.sqlite")) }
    ]
}

/// A bcrypt-shaped hash: the store keeps it as given.
let sampleHash = "$2b$04$abcdefghijklmnopqrstuuJ5mtdfrKXMmtDkY6ZW3T3g4lJbnBPqa"

/// A SHA-256-shaped token hash made from `n`.
func tokenHash(_ n: Int) -> String {
    let digit = String(n % 16, radix: 16)
    return String(repeating: digit, count: 63) + String((n / 16) % 16, radix: 16)
}
