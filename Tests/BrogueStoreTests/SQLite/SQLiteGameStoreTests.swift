import BrogueCore
import Foundation
import GRDB
import Testing

@testable import BrogueStore

@Suite struct SQLiteGameStoreTests {

    @Test func storesSeedAndHashesAsText() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let store = try SQLiteGameStore(path: path)
        let game = try store.createGame(seed: UInt64.max, contentHash: 0xFF, contentSet: coreSet, start: summary(after: 0))
        let row = try DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT seed, content_hash, state_hash, content_set, status FROM game WHERE id = ?", arguments: [game.id])
        }
        let r = try #require(row)
        #expect(r["seed"] as String == "18446744073709551615")
        #expect(r["content_hash"] as String == "00000000000000ff")
        #expect(r["state_hash"] as String == "0000000000000000")
        #expect(r["content_set"] as String == #"[{"id":"core","version":"1.0.0"}]"#)
        #expect(r["status"] as String == "playing")
    }

    @Test func usesWALNormalSyncAndNamedMigrations() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let store = try SQLiteGameStore(path: path)
        try makeGame(store, actions: 1)
        let (mode, migrations) = try DatabaseQueue(path: path).read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(mode == "wal")
        #expect(migrations == ["v1-games-actions-scores", "v2-accounts-sessions-game-tokens-owners", "v3-game-leases-heartbeats"])
        let (sync, foreignKeys, timeout) = try store.queueSettings()
        #expect(sync == 1, "synchronous should be NORMAL (1)")
        #expect(foreignKeys == 1)
        #expect(timeout == 5000)
    }

    @Test func readOnlyAccessRefusesWrites() throws {
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        let games = try makeThreeGames(try SQLiteGameStore(path: path))
        let store = try SQLiteGameStore(path: path, options: .init(access: .readOnly))
        #expect(try store.listGames(limit: 10).count == 3)
        #expect(throws: StoreError.self) { try store.createGame(seed: 1, contentHash: 1, contentSet: coreSet, start: summary(after: 0)) }
        do {
            try store.appendAction(gameID: games[0].record.id, seq: 5, action: "z", summary: summary(after: 6))
            Issue.record("append should fail on a read-only store")
        } catch {
            guard case .readOnly = error else { throw error }
        }
        #expect(throws: StoreError.cannotOpen(path: folder.file("missing.sqlite"), detail: "no such file")) {
            try SQLiteGameStore(path: folder.file("missing.sqlite"), options: .init(access: .readOnly))
        }
        try expectIntact(path, games)
    }

    @Test func reopensAndResumesCreatingTheFolders() throws {
        let folder = TempFolder()
        let path = folder.file("nested/deeper/brogue.sqlite")
        var store: SQLiteGameStore? = try SQLiteGameStore(path: path)
        let game = try makeGame(store!, actions: 4)
        store = nil
        let reopened = try SQLiteGameStore(path: path)
        let resumed = try #require(try reopened.unfinishedGames().first)
        #expect(resumed.id == game.id)
        try reopened.appendAction(gameID: resumed.id, seq: resumed.nextSeq, action: "z", summary: summary(after: 5))
        #expect(try reopened.actions(gameID: game.id).count == 5)
    }
}

extension SQLiteGameStore {
    /// synchronous, foreign_keys and busy_timeout of the store's own connection.
    func queueSettings() throws -> (Int, Int, Int) {
        try queue.read { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys") ?? -1,
                try Int.fetchOne(db, sql: "PRAGMA busy_timeout") ?? -1
            )
        }
    }
}
