import Testing

@testable import BrogueCore

/// Behaviours, effects, hooks and stages as plain Swift values: what a plugin bridge plugs in.
private struct HoldStill: MonsterBehaviour {
    func intent(monster: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        game.say("held still", .info, &events)
        return .wait
    }
}

private struct Spark: ItemExtensionEffect {
    func apply(target: Point, power: Int, game: inout Game, events: inout [GameEvent]) -> Bool {
        game.damage(at: target, amount: power + game.rng.below(2), cause: "sparked", &events)
    }
}

private struct Bell: EventHook {
    func fire(_ event: RuleEvent, at cell: Point, game: inout Game, events: inout [GameEvent]) {
        game.say("bell", .info, &events)
    }
}

/// Lays grass on every open cell of column 10.
private struct GrassColumn: GenerationStage {
    func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let grass = builder.catalog.terrainIndexByID["grass"]!
        for y in 1..<(Dungeon.height - 1) where !builder.level.flags[Point(10, y)].contains(.blocksMovement) {
            builder.level.setTerrain(grass, layer: .surface, at: Point(10, y), catalog: builder.catalog)
        }
    }
}

@Suite struct RuleExtensionsTests {
    static func catalog() throws -> ContentCatalog {
        let base = TestCatalog.shared
        var player = base.player
        player.startingItems.append(StartingItem(kind: "spark", quantity: 2))
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters.map { m in
                var m = m
                m.behaviour = "test.hold-still"
                return m
            },
            items: base.items + [ItemKind(id: "spark", name: "potion of sparks", category: .potion, effect: "test.spark", power: 3)],
            spawns: base.spawns,
            player: player,
            appearances: base.appearances
        )
        var ext = RuleExtensions()
        try ext.add(behaviour: HoldStill(), named: "test.hold-still")
        try ext.add(itemEffect: Spark(), named: "test.spark")
        try ext.add(hook: Bell(), for: .turn, named: "test.bell")
        try ext.add(stage: GrassColumn(), named: "test.grass-column")
        return try plain.adding(ext)
    }

    @Test func aCatalogNamingAMissingExtensionIsRefused() throws {
        let base = TestCatalog.shared
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters.map { m in
                var m = m
                m.behaviour = "test.nowhere"
                return m
            },
            items: base.items,
            spawns: base.spawns,
            player: base.player,
            appearances: base.appearances
        )
        let error = #expect(throws: CatalogError.self) { try plain.adding(RuleExtensions()) }
        #expect(error?.problems.first == "monster 'rat' names behaviour 'test.nowhere', which no loaded plugin registers")
        var ext = RuleExtensions()
        #expect(throws: ExtensionError.self) { try ext.add(hook: Bell(), for: .turn, named: "NoPlugin") }
    }

    @Test func behavioursEffectsHooksAndStagesRunInAGame() throws {
        let catalog = try Self.catalog()
        #expect(catalog.contentHash != TestCatalog.shared.contentHash)
        var game = Game(seed: 11, catalog: catalog)
        let grass = catalog.terrainIndexByID["grass"]!
        #expect((1..<(Dungeon.height - 1)).contains { game.level.terrain(.surface, at: Point(10, $0)) == grass })
        for i in game.monsters.indices { game.monsters[i].state = .hunting }
        let start = game.monsters.map(\.position)
        var events: [GameEvent] = []
        for _ in 0..<10 { events += game.apply(.rest) }
        #expect(game.monsters.map(\.position) == start, "every monster held still")
        #expect(events.contains(.message("held still", .info)))
        #expect(events.filter { $0 == .message("bell", .info) }.count == 10, "one bell a turn")

        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == catalog.itemIndexByID["spark"]! })
        let hp = game.player.hp
        _ = game.apply(.quaff(letter))
        #expect(game.player.hp <= hp - 3)
    }

    @Test func theSameSeedWithExtensionsGivesTheSameStateHash() throws {
        let catalog = try Self.catalog()
        let first = Simulation.run(seed: 5, catalog: catalog, turns: 300)
        let second = Simulation.run(seed: 5, catalog: catalog, turns: 300)
        #expect(first.turns > 50)
        #expect(first.stateHash == second.stateHash)
    }
}

/// Lays grass on every open cell of column 12.
private struct GrassColumn12: GenerationStage {
    func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let grass = builder.catalog.terrainIndexByID["grass"]!
        for y in 1..<(Dungeon.height - 1) where !builder.level.flags[Point(12, y)].contains(.blocksMovement) {
            builder.level.setTerrain(grass, layer: .surface, at: Point(12, y), catalog: builder.catalog)
        }
    }
}

/// A profile's `stages` places plugin stages on its depths; unnamed stages run everywhere.
@Suite struct ProfileStageTests {
    static func catalog(upperStages: [String]) throws -> ContentCatalog {
        func profile(_ id: String, _ depths: ClosedRange<Int>, _ stages: [String]) -> GeneratorProfile {
            GeneratorProfile(
                id: id,
                depths: depths,
                entrance: GeneratorProfile.builtIn.entrance,
                rooms: GeneratorProfile.builtIn.rooms,
                stages: stages
            )
        }
        let plain = TestCatalog.withLakes(generators: [profile("upper", 1...3, upperStages), profile("lower", 4...26, [])])
        var ext = RuleExtensions()
        try ext.add(stage: GrassColumn(), named: "test.grass-column")
        try ext.add(stage: GrassColumn12(), named: "test.grass-twelve")
        return try plain.adding(ext)
    }

    static func grassy(_ level: Level, column x: Int, _ catalog: ContentCatalog) -> Bool {
        let grass = catalog.terrainIndexByID["grass"]!
        return (1..<(Dungeon.height - 1)).contains { y in Int(level.layers[TerrainLayer.surface.rawValue][Point(x, y)]) == grass }
    }

    @Test func aNamedStageRunsOnlyOnItsProfilesLevelsAndAnUnnamedOneEverywhere() throws {
        let catalog = try Self.catalog(upperStages: ["test.grass-column"])
        for depth in [1, 3, 4, 20] {
            let level = LevelGenerator.standard.generate(depth: depth, seed: 77, catalog: catalog)
            #expect(Self.grassy(level, column: 10, catalog) == (depth <= 3), "depth \(depth): named by 'upper' only")
            #expect(Self.grassy(level, column: 12, catalog), "depth \(depth): named by no profile, so everywhere")
        }
        #expect(try Self.catalog(upperStages: []).contentHash != catalog.contentHash)
    }

    @Test func aProfileNamingAStageNoPluginRegistersIsRefused() throws {
        let error = #expect(throws: CatalogError.self) { try Self.catalog(upperStages: ["test.nowhere"]) }
        #expect(error?.problems == ["generator 'upper' runs stage 'test.nowhere', which no loaded plugin registers"])
    }
}
