public import Foundation

/// One player account: a name shown as registered, unique ignoring case, and a password
/// hash. A store never holds the password itself.
public struct Account: Sendable, Hashable {
    /// The name as registered (`Alice_1`); `Account.key(for:)` gives the key that makes
    /// `alice_1` the same account.
    public var name: String
    /// A password hash in modular crypt format (`$2b$12$...`), made by the caller.
    public var passwordHash: String
    /// When the account was created, in whole seconds.
    public var createdAt: Date

    public init(name: String, passwordHash: String, createdAt: Date) {
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    /// The key under which `name` is stored: lower-cased, so names are unique ignoring case.
    public static func key(for name: String) -> String { name.lowercased() }
}
