import BrogueCore
import Testing

/// Lava, chasm and brimstone lakes, bridges and traps: present when a profile asks for them,
/// never cutting a level, never where they must not be.
@Suite struct HazardGenerationTests {
    static let stress = HazardCatalog.make(generators: HazardCatalog.stressProfiles())

    func levels(_ catalog: ContentCatalog, seeds: ClosedRange<Int>, depths: ClosedRange<Int>? = nil) -> [Level] {
        let depths = depths ?? 1...catalog.deepestLevel
        var out: [Level] = []
        for seed in seeds {
            var seeder = SplitMix64(state: UInt64(seed))
            for depth in 1...catalog.deepestLevel {
                let s = seeder.next()
                if depths.contains(depth) { out.append(LevelGenerator.standard.generate(depth: depth, seed: s, catalog: catalog)) }
            }
        }
        return out
    }

    func count(_ levels: [Level], _ flag: TerrainFlags) -> Int {
        levels.reduce(0) { sum, l in sum + l.flags.cells.filter { $0.contains(flag) }.count }
    }

    /// Every hazard at full chance still keeps every promise of `LevelInvariants`: every cell of
    /// dry ground reachable without crossing one, bridges joining dry ground, no chasm on 26.
    @Test(arguments: 0..<4)
    func hazardsNeverCutALevel(batch: Int) {
        for level in levels(Self.stress, seeds: (batch * 6 + 1)...(batch * 6 + 6)) {
            let problems = LevelInvariants.problems(level)
            #expect(problems.isEmpty, "seed batch \(batch) depth \(level.depth): \(problems)")
        }
    }

    @Test func everyHazardReallyAppears() {
        let all = levels(Self.stress, seeds: 1...6, depths: 5...8)
        #expect(count(all, .lethalFire) > 100)
        #expect(count(all, .autoDescent) > 100)
        #expect(count(all, .promotesOnStep) > 20)
        #expect(count(all, .isBridge) > 0)
        // Every trap kind asked for is laid somewhere.
        #expect(count(all, [.isTrap, .isSecret]) >= 6 * 8)
        #expect(count(all, .isTrap) > count(all, [.isTrap, .isSecret]))
    }

    /// A chasm or trap door on the deepest level would drop the player below the dungeon.
    @Test func nothingFallsFromTheDeepestLevel() {
        for level in levels(Self.stress, seeds: 1...12, depths: Self.stress.deepestLevel...Self.stress.deepestLevel) {
            #expect(!level.flags.cells.contains { $0.contains(.autoDescent) })
        }
        #expect(count(levels(Self.stress, seeds: 1...5, depths: 25...25), .autoDescent) > 0)
    }

    /// Lava appears from the lake's `min-depth` down and never above it.
    @Test func lavaStartsAtItsMinimumDepth() {
        let catalog = HazardCatalog.make(generators: HazardCatalog.stressProfiles(lavaFrom: 6))
        #expect(count(levels(catalog, seeds: 1...10, depths: 1...5), .lethalFire) == 0)
        #expect(count(levels(catalog, seeds: 1...10, depths: 6...8), .lethalFire) > 0)
    }

    /// A bridge is a straight run that spans chasm or deep water, with dry ground at both ends.
    @Test func bridgesCrossLiquidBetweenDryEnds() {
        var bridges = 0
        for level in levels(Self.stress, seeds: 1...12, depths: 3...10) {
            for i in level.flags.cells.indices where level.flags.cells[i].contains(.isBridge) {
                let p = level.flags.point(at: i)
                for (step, side) in [(Point(1, 0), Point(0, 1)), (Point(0, 1), Point(1, 0))] {
                    // Start of a run along `step`.
                    guard !level.has(.isBridge, at: p - step), level.has(.isBridge, at: p + step) else { continue }
                    bridges += 1
                    var c = p
                    var spansLiquid = false
                    while level.has(.isBridge, at: c) {
                        #expect(!level.has(.isLiquid, at: c), "bridge \(c) still has liquid under it")
                        for s in [c + side, c - side] where !level.flags[s].isDisjoint(with: [.isDeep, .autoDescent]) { spansLiquid = true }
                        c = c + step
                    }
                    let ends = [p - step, c]
                    for e in ends {
                        #expect(level.isPassable(e) && level.flags[e].isDisjoint(with: TerrainFlags.hazards.union(.isDeep)), "bridge end \(e)")
                    }
                    #expect(spansLiquid, "bridge from \(p) spans no chasm or deep water")
                }
            }
        }
        #expect(bridges > 5, "bridges should be laid on some seeds")
    }

    /// Traps lie on plain floor, never on or beside stairs, doors or bridges.
    @Test func trapsStayOffStairsDoorsAndBridges() {
        for level in levels(Self.stress, seeds: 1...6, depths: 2...14) {
            for i in level.flags.cells.indices where level.flags.cells[i].contains(.isTrap) {
                let p = level.flags.point(at: i)
                for d in Direction.allCases {
                    #expect(
                        level.flags[p + d.offset].isDisjoint(with: [.stairsUp, .stairsDown, .isDoor, .isBridge]),
                        "trap \(p) on depth \(level.depth)"
                    )
                }
                #expect(!level.waypoints.contains(p))
            }
        }
    }

    @Test func sameSeedSameHazards() {
        let a = LevelGenerator.standard.generate(depth: 9, seed: 77, catalog: Self.stress)
        let b = LevelGenerator.standard.generate(depth: 9, seed: 77, catalog: Self.stress)
        #expect(a.layers == b.layers)
    }
}
