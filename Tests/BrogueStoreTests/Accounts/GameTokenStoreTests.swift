import BrogueStore
import Foundation
import Testing

/// `GameTokenStore`, run against every backend in `StoreBackend.all`.
@Suite struct GameTokenStoreTests {
    @Test(arguments: StoreBackend.all) func setsChecksReplacesAndListsTokens(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        #expect(try store.gamesWithTokens() == [])
        try store.setToken("a192e4329e4eb0d1cc70b74b99df652d", forGame: 12)
        try store.setToken("c129d5cd8e8ec0010e85eab3e29f0a96", forGame: 3)
        #expect(try store.token(forGame: 12) == "a192e4329e4eb0d1cc70b74b99df652d")
        #expect(try store.token(forGame: 4) == nil)
        #expect(try store.gamesWithTokens() == [3, 12])
        #expect(try store.check("a192e4329e4eb0d1cc70b74b99df652d", forGame: 12))
        #expect(try !store.check("a192e4329e4eb0d1cc70b74b99df652e", forGame: 12))
        #expect(try !store.check("a192e4329e4eb0d1cc70b74b99df652", forGame: 12))
        #expect(try !store.check("a192e4329e4eb0d1cc70b74b99df652d", forGame: 3), "another game's token")
        #expect(try !store.check("a192e4329e4eb0d1cc70b74b99df652d", forGame: 4), "a game without a token")
        try store.setToken("00000000000000000000000000000001", forGame: 12)
        #expect(try !store.check("a192e4329e4eb0d1cc70b74b99df652d", forGame: 12), "a new token replaces the old one")
        #expect(try store.check("00000000000000000000000000000001", forGame: 12))
        #expect(try store.gamesWithTokens() == [3, 12])
    }

    @Test(arguments: StoreBackend.all) func refusesUnusableTokens(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        for bad in ["", "has space", "tab\there", String(repeating: "a", count: 129), "é"] {
            #expect(throws: StoreError.self, "\(bad)") { try store.setToken(bad, forGame: 1) }
        }
        #expect(try store.gamesWithTokens() == [])
    }
}
