import BrogueContent
import Foundation
import Testing

@testable import BrogueCore

/// The Rapid Brogue variant (Plugins/Variants/RapidBrogue): YAML alone, loaded over core.
@Suite("The Rapid Brogue variant")
struct RapidVariantTests {
    static let folder = repositoryRoot + "/Plugins/Variants/RapidBrogue"
    static let catalog: ContentCatalog = {
        do { return try ContentLoader().load(plugins: [corePlugin, folder]).catalog } catch { fatalError("Rapid Brogue does not load: \(error)") }
    }()

    @Test func itIsYAMLAloneAndLoadsCleanlyOverCore() throws {
        let loaded = try ContentLoader().load(plugins: [corePlugin, Self.folder])
        // The one warning is the documented one: the variant's population (with its dungeon) replaces core's.
        #expect(
            loaded.warnings.map(\.message) == [
                "population from plugin 'rapid-brogue' replaces the one from plugin 'core' (\(corePlugin)/spawns.yaml)"
            ]
        )
        #expect(loaded.manifests.map(\.id) == ["core", "rapid-brogue"])
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.folder).filter { !$0.hasPrefix(".") }
        #expect(files.sorted() == ["plugin.yaml", "spawns.yaml"])
        let c = Self.catalog
        #expect(c.deepestLevel == 10 && c.amuletLevel == 7 && c.spawns.dungeon.spawnScale == 4)
        #expect(c.contentHash != DeepDungeonTests.catalog.contentHash)
    }

    @Test func eachDepthDrawsFromFourCoreDepthsFurtherDown() {
        var game = Game(seed: 5, catalog: Self.catalog)
        #expect(game.spawnDepth == 1)
        game.visit(depth: 7)
        #expect(game.spawnDepth == 25)
        #expect(game.level.items.contains { Self.catalog.items[$0.item.kind].category == .amulet })
        game.visit(depth: 10)
        #expect(game.spawnDepth == 37)
        #expect(game.level.items.contains { Self.catalog.items[$0.item.kind].category == .gem })
        #expect(!game.level.flags.cells.contains { $0.contains(.stairsDown) }, "depth 10 is the deepest")
    }

    /// The explore bot plays the variant from depth 1. It is kept fed and healed after every
    /// action, so what the test shows is the dungeon (stairs to the Amulet's depth, the Amulet
    /// there), not the bot's skill at staying alive. The bot is a cautious beginner: on some
    /// seeds it stalls (a guardian beside the only way on, a monster it waits for that never
    /// comes), and which seeds those are moves with every change to the content. So the test
    /// plays seeds 1 to 8 and asks that at least two of them reach the Amulet.
    @Test func botGamesPlayThroughToTheAmuletsDepth() {
        var reached: [UInt64] = []
        for seed in UInt64(1)...8 {
            let (deepest, sawAmulet, turn) = Self.botGame(seed: seed)
            print("Rapid Brogue bot game, seed \(seed): deepest depth \(deepest), turn \(turn), Amulet \(sawAmulet ? "found" : "not found")")
            if sawAmulet { reached.append(seed) }
        }
        #expect(reached.count >= 2, "the bot found the Amulet on seeds \(reached) of 1-8")
    }

    /// One bot game, ended when the bot sees the Amulet on its depth, dies, or spends 8,000
    /// actions without going deeper.
    static func botGame(seed: UInt64) -> (deepest: Int, sawAmulet: Bool, turn: Int) {
        var game = Game(seed: seed, catalog: catalog)
        var bot = ExploreBot()
        var deepest = 1
        var sinceDeeper = 0
        while !game.isOver && sinceDeeper < 8_000 {
            let events = game.apply(bot.nextAction(for: game))
            bot.observe(events, game: game)
            game.player.hp = game.player.maxHP
            game.nutrition = game.catalog.player.stomach
            sinceDeeper += 1
            if game.depth > deepest { (deepest, sinceDeeper) = (game.depth, 0) }
            if game.depth == catalog.amuletLevel && game.level.items.contains(where: { catalog.items[$0.item.kind].category == .amulet }) {
                return (deepest, true, game.turn)
            }
        }
        return (deepest, game.carriesAmulet, game.turn)
    }
}
