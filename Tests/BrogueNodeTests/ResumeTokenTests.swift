import BrogueProtocol
import BrogueStore
import Testing

@testable import BrogueNode

/// `resume` while the store is away (a PostgreSQL restart) is answered `store_failed`, which a
/// reconnecting client retries, never `game_not_found`, which makes it give up for good.
@Suite struct ResumeTokenTests {
    /// Tokens in memory, or a store that cannot be reached.
    final class Tokens: GameTokenStore, @unchecked Sendable {
        var tokens: [Int64: String] = [:]
        var reachable = true
        func setToken(_ token: String, forGame game: Int64) throws(StoreError) { tokens[game] = token }
        func token(forGame game: Int64) throws(StoreError) -> String? {
            guard reachable else { throw .unreachable(server: "127.0.0.1:5432", detail: "connection refused") }
            return tokens[game]
        }
        func gamesWithTokens() throws(StoreError) -> [Int64] { tokens.keys.sorted() }
    }

    @Test func anUnreachableStoreIsStoreFailedAndAWrongTokenIsNotFound() throws {
        let store = Tokens()
        try store.setToken("right", forGame: 7)
        #expect(throws: Never.self) { try store.checkResume(7, token: "right") }
        #expect(throws: ProtocolError.self) { try store.checkResume(7, token: "wrong") }
        do { try store.checkResume(7, token: "wrong") } catch { #expect(error.code == .gameNotFound) }
        do { try store.checkResume(8, token: "right") } catch { #expect(error.code == .gameNotFound) }
        store.reachable = false
        do {
            try store.checkResume(7, token: "right")
            Issue.record("an unreachable store opened the game")
        } catch {
            #expect(error.code == .storeFailed, "\(error)")
            #expect(error.message.contains("try again"), "\(error.message)")
        }
    }
}
