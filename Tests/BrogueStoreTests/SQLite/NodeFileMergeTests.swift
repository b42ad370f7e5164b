import BrogueStore
import Foundation
import GRDB
import Testing

/// `mergeNodeFile(at:)` on copies of a data folder written by the node before the merge.
@Suite struct NodeFileMergeTests {
    @Test func movesEveryAccountSessionTokenAndOwnerAndSetsTheFileAside() throws {
        let folder = TempFolder()
        try DataBeforeMerge.copy(to: folder)
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let merge = try #require(try store.mergeNodeFile(at: folder.file("node.sqlite")))
        #expect(merge.copied == ["account": 1, "session": 2, "game_token": 3, "game_owner": 2])
        #expect(merge.skipped == ["account": 0, "session": 0, "game_token": 0, "game_owner": 0])
        #expect(merge.setAsideAt == folder.file("node.sqlite.migrated"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("node.sqlite")))
        #expect(FileManager.default.fileExists(atPath: folder.file("node.sqlite.migrated")))

        let alice = try #require(try store.account(named: "FIXTURE_ALICE"))
        #expect(alice.name == "Fixture_Alice" && alice.passwordHash.hasPrefix("$2b$12$"))
        #expect(alice.createdAt == Date(timeIntervalSince1970: 1_796_461_043))
        #expect(try store.session(tokenHash: DataBeforeMerge.sessionHashes[0])?.expires == Date(timeIntervalSince1970: 1_799_053_043))
        #expect(try store.session(tokenHash: DataBeforeMerge.sessionHashes[1])?.accountName == "Fixture_Alice")
        #expect(try store.gamesWithTokens() == [1, 2, 3])
        for (game, token) in DataBeforeMerge.gameTokens { #expect(try store.check(token, forGame: game)) }
        #expect(try store.owner(of: 1) == "fixture_alice" && store.owner(of: 2) == "fixture_alice" && store.owner(of: 3) == nil)
        #expect(try store.listGames(limit: 10).map(\.id) == [4, 3, 2, 1], "the games are untouched")
    }

    @Test func aSecondOpenDoesNothing() throws {
        let folder = TempFolder()
        try DataBeforeMerge.copy(to: folder)
        _ = try SQLiteGameStore(path: folder.file("brogue.sqlite")).mergeNodeFile(at: folder.file("node.sqlite"))
        let before = try Data(contentsOf: folder.url.appendingPathComponent("node.sqlite.migrated"))
        let again = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        #expect(try again.mergeNodeFile(at: folder.file("node.sqlite")) == nil)
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("node.sqlite.migrated")) == before)
        #expect(try again.gamesWithTokens() == [1, 2, 3])
    }

    /// A crash after the copy's commit and before the rename leaves both files: the next start
    /// copies again, keeps what is there, and sets the file aside.
    @Test func aMergeCutOffBeforeTheRenameIsFinishedByTheNext() throws {
        let folder = TempFolder()
        try DataBeforeMerge.copy(to: folder)
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        _ = try store.mergeNodeFile(at: folder.file("node.sqlite"))
        try FileManager.default.copyItem(
            at: DataBeforeMerge.folder.appendingPathComponent("node.sqlite"),
            to: folder.url.appendingPathComponent("node.sqlite")
        )
        let again = try #require(try SQLiteGameStore(path: folder.file("brogue.sqlite")).mergeNodeFile(at: folder.file("node.sqlite")))
        #expect(again.copied == ["account": 0, "session": 0, "game_token": 0, "game_owner": 0])
        #expect(again.skipped == ["account": 1, "session": 2, "game_token": 3, "game_owner": 2])
        #expect(again.setAsideAt == folder.file("node.sqlite.migrated-2"), "the first copy set aside is kept too")
        #expect(try store.gamesWithTokens() == [1, 2, 3] && store.account(named: "fixture_alice") != nil)
    }

    /// A copy that fails part way (here: at the last table, after the others were copied)
    /// copies nothing and leaves `node.sqlite` in place, so the next start tries again.
    @Test func aFailedCopyLeavesEverythingAsItWas() throws {
        let folder = TempFolder()
        try DataBeforeMerge.copy(to: folder)
        let original = try Data(contentsOf: folder.url.appendingPathComponent("node.sqlite"))
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let sabotage = try DatabaseQueue(path: folder.file("brogue.sqlite"))
        try sabotage.write { db in
            try db.execute(sql: "CREATE TRIGGER fail_owner BEFORE INSERT ON game_owner BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
        }
        #expect(throws: StoreError.self) { try store.mergeNodeFile(at: folder.file("node.sqlite")) }
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("node.sqlite")) == original)
        #expect(!FileManager.default.fileExists(atPath: folder.file("node.sqlite.migrated")))
        #expect(
            try store.gamesWithTokens() == [] && store.account(named: "fixture_alice") == nil,
            "the tables copied before the failure were rolled back"
        )

        try sabotage.write { db in try db.execute(sql: "DROP TRIGGER fail_owner") }
        #expect(try store.mergeNodeFile(at: folder.file("node.sqlite"))?.copied == ["account": 1, "session": 2, "game_token": 3, "game_owner": 2])
    }

    @Test func anUnreadableNodeFileIsNamedAndLeftInPlace() throws {
        let folder = TempFolder()
        try DataBeforeMerge.copy(to: folder)
        let junk = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        try junk.write(to: folder.url.appendingPathComponent("node.sqlite"))
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        do {
            _ = try store.mergeNodeFile(at: folder.file("node.sqlite"))
            Issue.record("a file that is not a database was merged")
        } catch {
            guard case .corrupt(let path, _) = error else { throw error }
            #expect(path == folder.file("node.sqlite"))
        }
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("node.sqlite")) == junk)
        #expect(try store.gamesWithTokens() == [])
    }

    @Test func theMigrationsAreNamed() throws {
        let folder = TempFolder()
        try DataBeforeMerge.copy(to: folder)
        _ = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let applied = try DatabaseQueue(path: folder.file("brogue.sqlite")).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(applied == ["v1-games-actions-scores", "v2-accounts-sessions-game-tokens-owners", "v3-game-leases-heartbeats"])
    }
}
