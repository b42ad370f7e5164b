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
    /// there), not the bot's skill at staying alive. Seeds 1 and 6 are two where it gets there
    /// (on others of seeds 1-6 it stalls on an early depth or a deep monster kills it in one blow).
    @Test(arguments: [UInt64(1), 6])
    func aBotGamePlaysThroughToTheAmuletsDepth(seed: UInt64) {
        var game = Game(seed: seed, catalog: Self.catalog)
        var bot = ExploreBot()
        var deepest = 1
        var sawAmulet = false
        for _ in 0..<60_000 where !game.isOver {
            let events = game.apply(bot.nextAction(for: game))
            bot.observe(events, game: game)
            game.player.hp = game.player.maxHP
            game.nutrition = game.catalog.player.stomach
            deepest = max(deepest, game.depth)
            if game.depth == 7 && game.level.items.contains(where: { Self.catalog.items[$0.item.kind].category == .amulet }) {
                sawAmulet = true
                break
            }
        }
        print("Rapid Brogue bot game, seed \(seed): deepest depth \(deepest), turn \(game.turn), outcome \(game.outcome)")
        #expect(deepest >= 7, "the bot reached depth \(deepest)")
        #expect(sawAmulet || game.carriesAmulet || game.outcome == .won)
    }
}
