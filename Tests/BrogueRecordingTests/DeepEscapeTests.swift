import BrogueRecording
import BrogueStore
import Testing

@testable import BrogueCore

/// Going below the Amulet's depth and coming back up: the score table tells the two escapes apart.
@Suite struct DeepEscapeTests {
    let folder = TempFolder()

    func games() throws -> RecordedGames {
        RecordedGames(store: try SQLiteGameStore(path: folder.file("brogue.sqlite")), catalog: CoreContent.catalog, contentSet: CoreContent.set)
    }

    /// `game` standing on the dungeon's exit with the Amulet and `stones` lumenstones, then climbing out.
    func escape(_ game: inout Game, stones: Int) {
        let catalog = game.catalog
        _ = game.inventory.add(Item(kind: catalog.itemIndexByID["amulet-of-yendor"]!), catalog: catalog)
        if stones > 0 { _ = game.inventory.add(Item(kind: catalog.itemIndexByID["lumenstone"]!, quantity: stones), catalog: catalog) }
        game.player.position = game.level.upStairs
        _ = game.apply(.ascend)
    }

    @Test func theStairsOfTheAmuletsDepthLeadFurtherDown() throws {
        var game = Game(seed: 3, catalog: CoreContent.catalog)
        game.visit(depth: 26)
        game.player.position = game.level.downStairs
        _ = game.apply(.descend)
        #expect(game.depth == 27)
    }

    @Test func theScoreTableTellsADeepEscapeFromAnEscape() throws {
        let plain = try games().start(seed: 21)
        var plainGame = plain.game
        escape(&plainGame, stones: 0)
        let deep = try games().start(seed: 22)
        var deepGame = deep.game
        escape(&deepGame, stones: 2)
        #expect(plainGame.outcome == .won && deepGame.outcome == .won)
        #expect(plainGame.escapeNote == nil)
        #expect(deepGame.escapeNote == "deep escape with 2 lumenstones")
        #expect(deepGame.score - plainGame.score == 2 * 500, "each lumenstone carried out adds its value")
        try plain.finish(plainGame)
        try deep.finish(deepGame)
        let scores = try games().store.highScores(contentHash: CoreContent.catalog.contentHash, limit: 5)
        #expect(scores.map(\.outcome) == [.won, .won])
        #expect(scores.map(\.cause) == ["deep escape with 2 lumenstones", nil], "the deep escape first, by its score")
    }
}
