import BrogueCore
import BrogueStore
import Foundation
import Testing

/// `GameStore`, run against every backend in `StoreBackend.all`.
@Suite struct GameStoreTests {
    @Test(arguments: StoreBackend.all) func createAppendAndLoad(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
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

    @Test(arguments: StoreBackend.all) func refusesDoubleWritesAndGaps(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
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

    @Test(arguments: StoreBackend.all) func refusesBadArguments(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
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

    @Test(arguments: StoreBackend.all) func finishedGamesTakeNoMoreActions(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
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

    @Test(arguments: StoreBackend.all) func listsNewestFirstAndUnfinished(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let store = try backend.open(folder)
        let ids = try (0..<5).map { try makeGame(store, seed: UInt64($0), actions: $0).id }
        try store.finishGame(id: ids[1], status: .abandoned, cause: nil, summary: nil, score: nil)
        try store.finishGame(id: ids[3], status: .died, cause: "starved", summary: nil, score: nil)
        #expect(try store.listGames(limit: 10).map(\.id) == ids.reversed())
        #expect(try store.listGames(limit: 2).map(\.id) == [ids[4], ids[3]])
        #expect(try store.listGames(limit: -1) == [])
        #expect(try store.unfinishedGames().map(\.id) == [ids[4], ids[2], ids[0]])
    }

    @Test(arguments: StoreBackend.all) func highScoresRankWithinContent(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        let times = Clock()
        let store = try backend.open(folder, now: { times.next() })
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

    @Test(arguments: StoreBackend.all) func reopensAndResumes(_ backend: StoreBackend) throws {
        let folder = TempFolder()
        var store: StoreBackend.Store? = try backend.open(folder)
        let game = try makeGame(store!, actions: 4)
        store = nil
        let reopened = try backend.open(folder)
        let resumed = try #require(try reopened.unfinishedGames().first)
        #expect(resumed == game)
        try reopened.appendAction(gameID: resumed.id, seq: resumed.nextSeq, action: "z", summary: summary(after: 5))
        #expect(try reopened.actions(gameID: game.id).count == 5)
    }
}
