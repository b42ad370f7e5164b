import BrogueContent
import BrogueCore
import BrogueStore
import Foundation
import Testing

/// The store's purpose end to end: play a real game with the core content, storing each
/// action as it is made, then rebuild the game from the store (and from an export) by
/// replaying the log from the seed, and arrive at the same `stateHash`.
@Suite struct ReplayTests {
    static let corePlugin: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("content/core").path
    }()

    @Test(arguments: StoreBackend.all) func storedLogReplaysToTheStoredStateHash(_ backend: StoreBackend) throws {
        let content = try ContentLoader().load(plugins: [Self.corePlugin])
        let contentSet = content.manifests.map { ContentRef(id: $0.id, version: $0.version) }
        let folder = TempFolder()
        let store = try backend.open(folder)

        var game = Game(seed: 20_260_501, catalog: content.catalog)
        let record = try store.createGame(for: game, contentSet: contentSet)
        #expect(record.summary.stateHash == game.stateHash)
        var bot = ExploreBot()
        var seq = record.nextSeq
        while !game.isOver && seq < 400 {
            let action = bot.nextAction(for: game)
            let events = game.apply(action)
            try store.appendAction(gameID: record.id, seq: seq, action: action, game: game)
            seq += 1
            bot.observe(events, game: game)
        }
        let saved = try #require(try store.loadGame(id: record.id))
        #expect(saved.record.summary == GameSummary(game))
        #expect(saved.record.summary.turns == game.turn)
        #expect(saved.record.contentHash == content.catalog.contentHash)

        func replay(_ stored: StoredGame) throws -> UInt64 {
            #expect(stored.record.contentHash == content.catalog.contentHash)
            var again = Game(seed: stored.record.seed, catalog: content.catalog)
            for action in try stored.decodedActions() { _ = again.apply(action) }
            return again.stateHash
        }
        #expect(try replay(saved) == game.stateHash)
        #expect(try replay(saved) == saved.record.summary.stateHash)

        let imported = try store.importGame(try store.exportGame(id: record.id))
        let copy = try #require(try store.loadGame(id: imported.id))
        #expect(try replay(copy) == game.stateHash)
    }
}
