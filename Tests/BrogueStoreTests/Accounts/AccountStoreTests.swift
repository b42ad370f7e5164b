import BrogueStore
import Foundation
import Testing

/// `AccountStore`, run against every backend in `StoreBackend.all`.
@Suite struct AccountStoreTests {
    let created = Date(timeIntervalSince1970: 1_796_461_043)

    @Test(arguments: StoreBackend.all) func createsAndFindsAccountsIgnoringCase(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        try store.createAccount(Account(name: "Alice_1", passwordHash: sampleHash, createdAt: created))
        let expected = Account(name: "Alice_1", passwordHash: sampleHash, createdAt: created)
        #expect(try store.account(named: "Alice_1") == expected)
        #expect(try store.account(named: "ALICE_1") == expected)
        #expect(try store.account(named: "alice_1") == expected)
        #expect(try store.account(named: "alice") == nil)
    }

    @Test(arguments: StoreBackend.all) func refusesADuplicateNameInAnyCase(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        try store.createAccount(Account(name: "Bob", passwordHash: sampleHash, createdAt: created))
        #expect(throws: StoreError.accountNameTaken(name: "BOB")) {
            try store.createAccount(Account(name: "BOB", passwordHash: "$2b$04$other", createdAt: created))
        }
        #expect(try store.account(named: "bob")?.name == "Bob", "the first account is unchanged")
        #expect(try store.account(named: "bob")?.passwordHash == sampleHash)
    }

    @Test(arguments: StoreBackend.all) func refusesAPlainPasswordAndAPlainSessionToken(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        #expect(throws: StoreError.self) { try store.createAccount(Account(name: "Carol", passwordHash: "hunter22", createdAt: created)) }
        #expect(throws: StoreError.self) { try store.createAccount(Account(name: "", passwordHash: sampleHash, createdAt: created)) }
        #expect(try store.account(named: "Carol") == nil)
        try store.createAccount(Account(name: "Carol", passwordHash: sampleHash, createdAt: created))
        // A token is 64 hex digits too, but upper case or any other length is not a SHA-256 hex.
        for bad in ["", "ABCDEF" + String(repeating: "0", count: 58), String(repeating: "a", count: 63), "correct horse"] {
            #expect(throws: StoreError.self) { try store.openSession(AccountSession(tokenHash: bad, accountName: "Carol", expires: created)) }
        }
    }

    @Test(arguments: StoreBackend.all) func opensFindsAndClosesSessionsByHashKeepingTheExpiry(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        try store.createAccount(Account(name: "Dana", passwordHash: sampleHash, createdAt: created))
        let expires = created.addingTimeInterval(30 * 86_400)
        try store.openSession(AccountSession(tokenHash: tokenHash(1), accountName: "dana", expires: expires))
        try store.openSession(AccountSession(tokenHash: tokenHash(2), accountName: "DANA", expires: created.addingTimeInterval(-1)))
        // Read back with the name as registered, and the expiry as given (whole seconds).
        #expect(try store.session(tokenHash: tokenHash(1)) == AccountSession(tokenHash: tokenHash(1), accountName: "Dana", expires: expires))
        // An expired session is returned too: the caller compares with its clock.
        #expect(try store.session(tokenHash: tokenHash(2))?.expires == created.addingTimeInterval(-1))
        #expect(try store.session(tokenHash: tokenHash(3)) == nil)
        try store.closeSession(tokenHash: tokenHash(1))
        try store.closeSession(tokenHash: tokenHash(9))
        #expect(try store.session(tokenHash: tokenHash(1)) == nil)
        #expect(try store.session(tokenHash: tokenHash(2)) != nil, "closing one session leaves the other")
    }

    @Test(arguments: StoreBackend.all) func aSessionNeedsAnAccount(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        #expect(throws: StoreError.accountNotFound(name: "Nobody")) {
            try store.openSession(AccountSession(tokenHash: tokenHash(1), accountName: "Nobody", expires: created))
        }
        #expect(try store.session(tokenHash: tokenHash(1)) == nil)
    }

    @Test(arguments: StoreBackend.all) func ownersAreSetReplacedAndAbsentForGuests(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        try store.createAccount(Account(name: "Eve", passwordHash: sampleHash, createdAt: created))
        try store.setOwner(of: 1, to: "Eve")
        try store.setOwner(of: 2, to: "eve")
        #expect(try store.owner(of: 1) == "eve")
        #expect(try store.owner(of: 2) == "eve")
        #expect(try store.owner(of: 3) == nil, "a guest's game has no owner")
        try store.setOwner(of: 2, to: "Mallory")
        #expect(try store.owner(of: 2) == "mallory")
    }

    @Test(arguments: StoreBackend.all) func accountsAndSessionsOutliveTheStoreValue(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        do {
            let store = try backend.open(folder)
            try store.createAccount(Account(name: "Finn", passwordHash: sampleHash, createdAt: created))
            try store.openSession(AccountSession(tokenHash: tokenHash(4), accountName: "Finn", expires: created))
            try store.setOwner(of: 7, to: "Finn")
        }
        let reopened = try backend.open(folder)
        #expect(try reopened.account(named: "finn")?.name == "Finn")
        #expect(try reopened.session(tokenHash: tokenHash(4))?.accountName == "Finn")
        #expect(try reopened.owner(of: 7) == "finn")
    }
}
