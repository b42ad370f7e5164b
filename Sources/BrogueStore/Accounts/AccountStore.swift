/// Accounts, their sessions and the games they own: what a node needs to know who plays.
///
/// Plain values in and out; the caller hashes passwords and session tokens and reads the
/// clock, so a backend stores and compares, nothing more. Every method either does all of its
/// work or none of it and throws only `StoreError`.
///
/// ```swift
/// try store.createAccount(Account(name: "Alice_1", passwordHash: bcrypt, createdAt: now))
/// try store.openSession(AccountSession(tokenHash: sha256Hex(token), accountName: "alice_1", expires: now + 30 * 86_400))
/// if let session = try store.session(tokenHash: sha256Hex(token)), session.expires > now { play(as: session.accountName) }
/// try store.setOwner(of: game.id, to: "Alice_1")
/// ```
///
/// Backends: `SQLiteGameStore` (the same file as the games) and `PostgresGameStore`.
public protocol AccountStore: Sendable {
    /// Creates an account.
    ///
    /// - Parameter account: its name (1-64 bytes, no control characters), password hash and
    ///   creation time.
    /// - Throws: `StoreError.accountNameTaken` when an account has this name ignoring case,
    ///   `.invalidArgument` for an unusable name or a hash that is not in modular crypt format.
    func createAccount(_ account: Account) throws(StoreError)

    /// The account named `name` in any case, or nil.
    func account(named name: String) throws(StoreError) -> Account?

    /// Stores a new session.
    ///
    /// - Throws: `StoreError.accountNotFound` when no account has the session's name,
    ///   `.invalidArgument` when `tokenHash` is not 64 lowercase hex digits.
    func openSession(_ session: AccountSession) throws(StoreError)

    /// The session whose token hashes to `tokenHash`, with the account's name as registered;
    /// nil when there is none. Expired sessions are returned too: the caller decides.
    func session(tokenHash: String) throws(StoreError) -> AccountSession?

    /// Forgets a session; nothing happens for an unknown hash.
    func closeSession(tokenHash: String) throws(StoreError)

    /// Records that the account `accountName` (any case) owns `game`, replacing an earlier owner.
    func setOwner(of game: Int64, to accountName: String) throws(StoreError)

    /// The key (`Account.key(for:)`) of the account that owns `game`; nil for a guest's game.
    func owner(of game: Int64) throws(StoreError) -> String?
}
