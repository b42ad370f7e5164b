public import Foundation

/// A logged-in session, known to the store only by its token's hash.
public struct AccountSession: Sendable, Hashable {
    /// SHA-256 of the session token, 64 lowercase hex digits. The token itself never reaches
    /// the store, so reading the store does not let anyone log in.
    public var tokenHash: String
    /// The account, in any case when opening; as registered when read back.
    public var accountName: String
    /// When the session stops being accepted, in whole seconds. The store keeps it; the caller
    /// compares it with its own clock.
    public var expires: Date

    public init(tokenHash: String, accountName: String, expires: Date) {
        self.tokenHash = tokenHash
        self.accountName = accountName
        self.expires = expires
    }
}
