/// The secret per game that a player presents, with the game's id, to resume it: kept with
/// the game so resuming works across restarts.
///
/// ```swift
/// try store.setToken(freshRandomHex, forGame: game.id)
/// guard try store.check(presented, forGame: id) else { throw notFound }
/// ```
///
/// Backends: `SQLiteGameStore` (the same file as the games) and `PostgresGameStore`.
public protocol GameTokenStore: Sendable {
    /// Stores `token` for `game`, replacing an earlier one.
    ///
    /// - Throws: `StoreError.invalidArgument` for an empty token, one over 128 bytes, or one
    ///   with characters outside printable ASCII.
    func setToken(_ token: String, forGame game: Int64) throws(StoreError)

    /// The token stored for `game`, or nil.
    func token(forGame game: Int64) throws(StoreError) -> String?

    /// Every game that has a token (the games a node hosted), in ascending id order.
    func gamesWithTokens() throws(StoreError) -> [Int64]
}

extension GameTokenStore {
    /// Whether `token` is `game`'s, compared in constant time so the answer's timing does not
    /// tell how much of a guess was right.
    public func check(_ token: String, forGame game: Int64) throws(StoreError) -> Bool {
        guard let stored = try self.token(forGame: game) else { return false }
        let a = Array(stored.utf8)
        let b = Array(token.utf8)
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
