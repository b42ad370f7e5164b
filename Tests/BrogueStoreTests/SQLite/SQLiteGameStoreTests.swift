import BrogueCore
import Foundation
import GRDB
import Testing

@testable import BrogueStore

@Suite struct SQLiteGameStoreTests {
    @Test func createAppendAndLoad() throws {
        let folder = TempFolder()
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let game = try store.createGame(seed: UInt64.max, contentHash: 0x0123_4567_89AB_CDEF, contentSet: coreSet, start: summary(after: 0))
        #expect(game.id > 0)
        #expect(game.status == .playing)
        #expect(game.nextSeq == 0)
        for seq in 0..<3 {
            try store.appendAction(gameID: game.id, seq: seq, action: sampleActions[seq], summary: summary(after: seq + 1, depth: 2))
        }
        let loaded = try #require(try store.loadGame(id: game.id))
        #expect(loaded.actions == ["m0", "m1", "z"])
        #expect(try store.actions(gameID: game.id) == ["m0", "m1", "z"])
        #expect(loaded.record.seed == UInt64.max)
        #expect(loaded.record.contentHash == 0x0123_4567_89AB_CDEF)
        #expect(loaded.record.contentSet == coreSet)
        #expect(loaded.record.actionCount == 3)
        #expect(loaded.record.summary == summary(after: 3, depth: 2))
        #expect(try loaded.decodedActions() == [.move(.north), .move(.east), .rest])
        #expect(try store.game(id: 999) == nil)
        #expect(try store.loadGame(id: 999) == nil)
        #expect(try store.actions(gameID: 999) == [])
    }

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
        #expect(migrations == ["v1-games-actions-scores", "v2-accounts-sessions-game-tokens-owners"])
        let (sync, foreignKeys, timeout) = try store.queueSettings()
        #expect(sync == 1, "synchronous should be NORMAL (1)")
        #expect(foreignKeys == 1)
        #expect(timeout == 5000)
    }

    @Test func refusesDoubleWritesAndGaps() throws {
        let folder = TempFolder()
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let game = try makeGame(store, actions: 3)
        #expect(throws: StoreError.outOfSequence(gameID: game.id, expected: 3, got: 2)) {
            try store.appendAction(gameID: game.id, seq: 2, action: "z", summary: summary(after: 99))
        }
        #expect(throws: StoreError.outOfSequence(gameID: game.id, expected: 3, got: 5)) {
            try store.appendAction(gameID: game.id, seq: 5, action: "z", summary: summary(after: 99))
        }
        let error = StoreError.outOfSequence(gameID: game.id, expected: 3, got: 2)
        #expect(error.description.contains("double write"))
        #expect(StoreError.outOfSequence(gameID: 1, expected: 3, got: 5).description.contains("gap"))
        let after = try #require(try store.loadGame(id: game.id))
        #expect(after.actions.count == 3)
        #expect(after.record.summary == summary(after: 3), "a refused append must not touch the summary")
    }

    @Test func refusesBadArguments() throws {
        let folder = TempFolder()
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let game = try makeGame(store, actions: 1)
        for bad in ["", "m9", "hello", "T999,999", String(repeating: "z", count: 100)] {
            #expect(throws: StoreError.self, "'\(bad)' should be refused") {
                try store.appendAction(gameID: game.id, seq: 1, action: bad, summary: summary(after: 2))
            }
        }
        #expect(throws: StoreError.gameNotFound(id: 4242)) {
            try store.appendAction(gameID: 4242, seq: 0, action: "z", summary: summary(after: 1))
        }
        var negative = summary(after: 2)
        negative.gold = -1
        #expect(throws: StoreError.self) { try store.appendAction(gameID: game.id, seq: 1, action: "z", summary: negative) }
        #expect(throws: StoreError.self) { try store.finishGame(id: game.id, status: .playing, cause: nil, summary: nil, score: nil) }
        #expect(try store.actions(gameID: game.id) == ["m0"])
    }

    @Test func finishedGamesTakeNoMoreActions() throws {
        let folder = TempFolder()
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let game = try makeGame(store, actions: 2)
        let finished = try store.finishGame(
            id: game.id,
            status: .won,
            cause: "escaped with the Amulet",
            summary: summary(after: 2, depth: 26),
            score: nil
        )
        #expect(finished.status == .won)
        #expect(finished.cause == "escaped with the Amulet")
        #expect(finished.summary.depth == 26)
        #expect(throws: StoreError.gameFinished(id: game.id, status: .won)) {
            try store.appendAction(gameID: game.id, seq: 2, action: "z", summary: summary(after: 3))
        }
        #expect(throws: StoreError.gameFinished(id: game.id, status: .won)) {
            try store.finishGame(id: game.id, status: .died, cause: nil, summary: nil, score: nil)
        }
        #expect(throws: StoreError.gameNotFound(id: 77)) {
            try store.finishGame(id: 77, status: .died, cause: nil, summary: nil, score: nil)
        }
    }

    @Test func listsNewestFirstAndUnfinished() throws {
        let folder = TempFolder()
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"))
        let ids = try (0..<5).map { try makeGame(store, seed: UInt64($0), actions: $0).id }
        try store.finishGame(id: ids[1], status: .abandoned, cause: nil, summary: nil, score: nil)
        try store.finishGame(id: ids[3], status: .died, cause: "starved", summary: nil, score: nil)
        #expect(try store.listGames(limit: 10).map(\.id) == ids.reversed())
        #expect(try store.listGames(limit: 2).map(\.id) == [ids[4], ids[3]])
        #expect(try store.listGames(limit: -1) == [])
        #expect(try store.unfinishedGames().map(\.id) == [ids[4], ids[2], ids[0]])
    }

    @Test func highScoresRankWithinContent() throws {
        let folder = TempFolder()
        let times = Clock()
        let store = try SQLiteGameStore(path: folder.file("brogue.sqlite"), options: .init(now: { times.next() }))
        func finish(_ points: Int, content: UInt64, name: String?) throws -> Int64 {
            let game = try makeGame(store, contentHash: content, actions: 1)
            try store.finishGame(
                id: game.id,
                status: .died,
                cause: "killed by a rat",
                summary: nil,
                score: ScoreEntry(points: points, playerName: name)
            )
            return game.id
        }
        let low = try finish(10, content: 1, name: "a")
        let firstTie = try finish(50, content: 1, name: "b")
        let secondTie = try finish(50, content: 1, name: nil)
        _ = try finish(1000, content: 2, name: "other content")
        let best = try finish(70, content: 1, name: "c")
        let scores = try store.highScores(contentHash: 1, limit: 10)
        #expect(scores.map(\.gameID) == [best, firstTie, secondTie, low])
        #expect(scores.map(\.points) == [70, 50, 50, 10])
        #expect(scores[0].playerName == "c")
        #expect(scores[2].playerName == nil)
        #expect(scores[0].outcome == .died)
        #expect(scores[0].cause == "killed by a rat")
        #expect(scores[0].contentHash == 1)
        #expect(try store.highScores(contentHash: 1, limit: 2).count == 2)
        #expect(try store.highScores(contentHash: 3, limit: 10) == [])
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

    @Test func reopensAndResumes() throws {
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
