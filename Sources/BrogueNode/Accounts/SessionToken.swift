import Crypto
import Foundation

/// Session tokens: random 256-bit values handed to the client, of which the store keeps only
/// the SHA-256 (a fast hash is enough for a random value; bcrypt is for passwords).
enum SessionToken {
    /// A new token: 32 random bytes as 64 hex digits.
    static func make() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(rng.next() as UInt64, radix: 16).leftPadded(16) }.joined()
    }

    /// What the store keeps for `token`: its SHA-256 as 64 lowercase hex digits.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}
