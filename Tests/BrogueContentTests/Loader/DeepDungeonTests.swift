import BrogueContent
import BrogueCore
import Testing

/// The core dungeon past the Amulet: depths 27 to 40, their stairs and their lumenstones.
@Suite("The depths below the Amulet")
struct DeepDungeonTests {
    static let catalog: ContentCatalog = {
        do { return try ContentLoader().load(plugins: [corePlugin]).catalog } catch { fatalError("content/core does not load: \(error)") }
    }()

    @Test func theCoreDungeonIsFortyDeepWithTheAmuletOnTwentySix() {
        #expect(Self.catalog.deepestLevel == 40)
        #expect(Self.catalog.amuletLevel == 26)
        #expect(Self.catalog.items.filter { $0.category == .gem }.map(\.id) == ["lumenstone"])
    }

    @Test func stairsGoOnDownBelowTheAmuletsDepthAndStopAtForty() {
        let catalog = Self.catalog
        let amulet = catalog.itemIndexByID["amulet-of-yendor"]!
        for seed in UInt64(1)...4 {
            var game = Game(seed: seed, catalog: catalog)
            for depth in 26...40 {
                game.visit(depth: depth)
                let level = game.level
                #expect(LevelInvariants.problems(level).isEmpty, "seed \(seed) depth \(depth): \(LevelInvariants.problems(level))")
                if depth < 40 {
                    #expect(level.has(.stairsDown, at: level.downStairs), "seed \(seed) depth \(depth) has no stairs down")
                } else {
                    #expect(!level.flags.cells.contains { $0.contains(.stairsDown) }, "seed \(seed): depth 40 has stairs down")
                }
                #expect(level.items.contains { $0.item.kind == amulet } == (depth == 26), "seed \(seed) depth \(depth)")
            }
        }
    }

    @Test func aLumenstoneLiesOnDepthFortyAndOnEveryDepthBelowTheAmulet() {
        let catalog = Self.catalog
        let stone = catalog.itemIndexByID["lumenstone"]!
        for seed in UInt64(1)...6 {
            var game = Game(seed: seed, catalog: catalog)
            game.visit(depth: 40)
            let deepest = game.level
            #expect(deepest.items.filter { $0.item.kind == stone }.map(\.position) == [deepest.downStairs], "seed \(seed)")
            for depth in [26, 27, 33, 39] {
                game.visit(depth: depth)
                #expect(game.level.items.filter { $0.item.kind == stone }.count == (depth > 26 ? 1 : 0), "seed \(seed) depth \(depth)")
            }
        }
    }
}
