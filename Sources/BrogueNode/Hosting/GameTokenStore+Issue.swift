import BrogueStore

extension GameTokenStore {
    /// Stores a new random token (128 bits, hex) for `game` and returns it.
    func issue(for game: Int64) throws(StoreError) -> String {
        var rng = SystemRandomNumberGenerator()
        let token = (0..<2).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(16) }.joined()
        try setToken(token, forGame: game)
        return token
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
