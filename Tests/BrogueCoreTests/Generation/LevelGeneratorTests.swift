import BrogueCore
import Testing

@Suite struct LevelGeneratorTests {
    let catalog = TestCatalog.shared

    /// Cave-heavy levels full of lakes and secret doors: the hardest case for connectivity.
    static let stress: ContentCatalog = TestCatalog.withLakes(generators: [
        GeneratorProfile(
            id: "caves",
            depths: 1...13,
            entrance: RoomSpec(design: .cave, width: 20...40, height: 10...20),
            rooms: [RoomSpec(design: .cave, weight: 30, width: 8...30, height: 6...14), RoomSpec(design: .chunky), RoomSpec(design: .circular)],
            roomAttempts: 60,
            loops: 40,
            loopMinDistance: 10,
            lakes: [LakeSpec(deep: "deep-water", shallow: "shallow-water", chance: DepthCurve(start: 100, end: 100), attempts: 6, wreath: 2)],
            secretDoors: DepthCurve(start: 100, end: 100),
            decorations: [DecorationSpec(terrain: "fungus", count: DepthCurve(start: 5, end: 5), size: 3...10)]
        ),
        GeneratorProfile(
            id: "rooms",
            depths: 14...26,
            entrance: RoomSpec(design: .symmetricalCross),
            rooms: RoomDesign.allCases.map { RoomSpec(design: $0) },
            corridorChance: 50,
            lakes: [
                LakeSpec(deep: "deep-water", shallow: nil, chance: DepthCurve(start: 100, end: 100), attempts: 5, width: 10...40, height: 5...20)
            ],
            doorChance: 100,
            secretDoors: DepthCurve(start: 0, end: 100, fromDepth: 14, toDepth: 26),
            decorations: [DecorationSpec(terrain: "torch-wall", placement: .wall, count: DepthCurve(start: 3, end: 3))]
        ),
    ])

    func check(_ catalog: ContentCatalog, seeds: ClosedRange<Int>) {
        for seed in seeds {
            var seeder = SplitMix64(state: UInt64(seed))
            for depth in 1...catalog.deepestLevel {
                let level = LevelGenerator.standard.generate(depth: depth, seed: seeder.next(), catalog: catalog)
                let problems = LevelInvariants.problems(level)
                #expect(problems.isEmpty, "seed \(seed) depth \(depth): \(problems)")
            }
        }
    }

    /// Every level of 200 seeds x 26 depths keeps `LevelInvariants` (stairs apart and joined,
    /// every dry cell reachable without swimming or secrets, secrets findable, solid rim).
    /// `brogue map --verify 1000` runs the same check over 1,000 seeds with the core content.
    @Test(arguments: 0..<8)
    func builtInProfileKeepsItsPromises(batch: Int) {
        check(catalog, seeds: (batch * 25 + 1)...(batch * 25 + 25))
    }

    @Test(arguments: 0..<2)
    func lakesAndSecretsNeverCutALevel(batch: Int) {
        check(Self.stress, seeds: (batch * 20 + 1)...(batch * 20 + 20))
    }

    @Test func stressProfilesReallyMakeLakesCavesAndSecrets() {
        var deep = 0
        var secrets = 0
        for seed in UInt64(1)...10 {
            for depth in [5, 20] {
                let level = LevelGenerator.standard.generate(depth: depth, seed: seed, catalog: Self.stress)
                deep += level.flags.cells.filter { $0.contains(.isDeep) }.count
                secrets += level.flags.cells.filter { $0.contains(.isSecret) }.count
            }
        }
        #expect(deep > 200)
        #expect(secrets > 10)
    }

    @Test func sameSeedSameLevel() {
        for c in [catalog, Self.stress] {
            let a = LevelGenerator.standard.generate(depth: 4, seed: 99, catalog: c)
            let b = LevelGenerator.standard.generate(depth: 4, seed: 99, catalog: c)
            let d = LevelGenerator.standard.generate(depth: 4, seed: 100, catalog: c)
            #expect(a.layers == b.layers)
            #expect(a.upStairs == b.upStairs && a.downStairs == b.downStairs && a.waypoints == b.waypoints)
            #expect(a.layers != d.layers)
        }
    }

    @Test func firstLevelLeadsOutOfTheDungeon() {
        let level = LevelGenerator.standard.generate(depth: 1, seed: 5, catalog: catalog)
        #expect(level.has(.isDungeonExit, at: level.upStairs))
        let deeper = LevelGenerator.standard.generate(depth: 2, seed: 5, catalog: catalog)
        #expect(!deeper.has(.isDungeonExit, at: deeper.upStairs))
    }

    @Test func secretDoorsFollowTheDepthCurve() {
        func secrets(_ depth: Int) -> Int {
            (UInt64(1)...40).reduce(0) { sum, seed in
                sum + LevelGenerator.standard.generate(depth: depth, seed: seed, catalog: catalog).flags.cells.filter { $0.contains(.isSecret) }.count
            }
        }
        #expect(secrets(1) == 0)
        #expect(secrets(20) > 0)
    }

    @Test func depthCurveInterpolates() {
        let c = DepthCurve(start: 0, end: 67, fromDepth: 1, toDepth: 26)
        #expect(c.value(at: 1) == 0)
        #expect(c.value(at: 13) == 32)
        #expect(c.value(at: 26) == 67)
        #expect(c.value(at: 30) == 67)
        #expect(DepthCurve(start: 10, end: 10, fromDepth: 5, toDepth: 5).value(at: 3) == 10)
    }

    /// A stage is any type: a plugin or a test can run its own after the standard ones.
    @Test func stagesArePluggable() {
        struct MarkCenter: GenerationStage {
            func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
                builder.level.waypoints = [builder.level.upStairs]
            }
        }
        let generator = LevelGenerator(stages: LevelGenerator.standard.stages + [MarkCenter()])
        let level = generator.generate(depth: 3, seed: 8, catalog: catalog)
        #expect(level.waypoints == [level.upStairs])
    }
}
