import BrogueCore
import Testing

@Suite struct LevelGeneratorTests {
    let catalog = TestCatalog.shared

    /// Every generated level: stairs on open cells, apart, and joined by a walkable path
    /// that needs no secret door; every open cell reachable; the rim is solid.
    @Test(arguments: 0..<8)
    func everyLevelHasItsStairsConnected(batch: Int) {
        for seed in (batch * 25 + 1)...(batch * 25 + 25) {
            var seeder = SplitMix64(state: UInt64(seed))
            for depth in 1...Dungeon.deepestLevel {
                let level = LevelGenerator.standard.generate(depth: depth, seed: seeder.next(), catalog: catalog)
                let up = level.upStairs
                let down = level.downStairs
                #expect(up != down, "seed \(seed) depth \(depth)")
                #expect(level.has(.stairsUp, at: up) && level.has(.stairsDown, at: down), "seed \(seed) depth \(depth)")
                let reach = LevelGenerator.reachable(from: up, level: level)
                #expect(reach[down], "seed \(seed) depth \(depth): down stairs unreachable from up stairs")
                for i in reach.cells.indices where !level.flags.cells[i].contains(.blocksMovement) {
                    #expect(reach.cells[i], "seed \(seed) depth \(depth): open cell \(reach.point(at: i)) is cut off")
                }
                for x in 0..<Dungeon.width {
                    #expect(level.has(.blocksMovement, at: Point(x, 0)) && level.has(.blocksMovement, at: Point(x, Dungeon.height - 1)))
                }
            }
        }
    }

    @Test func sameSeedSameLevel() {
        let a = LevelGenerator.standard.generate(depth: 4, seed: 99, catalog: catalog)
        let b = LevelGenerator.standard.generate(depth: 4, seed: 99, catalog: catalog)
        let c = LevelGenerator.standard.generate(depth: 4, seed: 100, catalog: catalog)
        #expect(a.layers == b.layers)
        #expect(a.layers != c.layers)
    }

    @Test func firstLevelLeadsOutOfTheDungeon() {
        let level = LevelGenerator.standard.generate(depth: 1, seed: 5, catalog: catalog)
        #expect(level.has(.isDungeonExit, at: level.upStairs))
        let deeper = LevelGenerator.standard.generate(depth: 2, seed: 5, catalog: catalog)
        #expect(!deeper.has(.isDungeonExit, at: deeper.upStairs))
    }

    @Test func secretDoorsAppearDeeper() {
        var secrets = 0
        for seed in UInt64(1)...40 {
            let level = LevelGenerator.standard.generate(depth: 20, seed: seed, catalog: catalog)
            secrets += level.flags.cells.filter { $0.contains(.isSecret) }.count
        }
        #expect(secrets > 0)
    }
}
