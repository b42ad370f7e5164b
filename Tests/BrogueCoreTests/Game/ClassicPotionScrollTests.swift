import Testing

@testable import BrogueCore

/// The potions and scrolls the game had before the arsenal, each in a constructed situation in the
/// bare arena, with the core's numbers.
@Suite struct ClassicPotionScrollTests {
    static let catalog: ContentCatalog = {
        let a = ArsenalCatalog.shared
        let kinds: [(String, ItemCategory, ItemEffect, Int)] = [
            ("potion-of-strength", .potion, .strength, 1), ("potion-of-life", .potion, .life, 10), ("potion-of-descent", .potion, .descent, 0),
            ("potion-of-detect-magic", .potion, .detectMagic, 0), ("potion-of-darkness", .potion, .darkness, 200),
            ("potion-of-incineration", .potion, .incineration, 10), ("potion-of-paralysis", .potion, .paralysis, 10),
            ("potion-of-haste-self", .potion, .haste, 25), ("scroll-of-teleportation", .scroll, .teleport, 0),
            ("scroll-of-aggravate-monsters", .scroll, .aggravateMonsters, 0), ("scroll-of-summon-monsters", .scroll, .summonMonsters, 2),
            ("potion-of-telepathy", .potion, .telepathy, 300), ("scroll-of-magic-mapping", .scroll, .magicMapping, 0),
        ]
        let items = kinds.map {
            ItemKind(id: $0.0, name: $0.0.split(separator: "-").joined(separator: " "), category: $0.1, effect: $0.2.rawValue, power: $0.3)
        }
        let colors = (1...10).map { Appearances.PotionColor(name: "hue-\($0)", color: .white) }
        do {
            return try ContentCatalog(
                terrains: a.terrains,
                monsters: a.monsters,
                items: a.items + items,
                spawns: a.spawns,
                player: a.player,
                appearances: Appearances(potionColors: a.appearances.potionColors + colors, scrollSyllables: a.appearances.scrollSyllables),
                bolts: a.bolts
            )
        } catch {
            fatalError("classic potions catalog is invalid: \(error)")
        }
    }()

    let catalog = ClassicPotionScrollTests.catalog

    func arena() -> Game { ArsenalCatalog.arena(catalog: catalog) }

    func give(_ id: String, to game: inout Game) -> Letter {
        game.inventory.add(Item(kind: catalog.itemIndexByID[id]!), catalog: catalog)!
    }

    @Test func strength_addsAPointOfStrength() {
        var game = arena()
        let before = game.strength
        _ = game.apply(.quaff(give("potion-of-strength", to: &game)))
        #expect(game.strength == before + 1)
    }

    @Test func life_addsTenMaximumHitPointsAndHealsFully() {
        var game = arena()
        let before = game.player.maxHP
        game.player.hp = 1
        _ = game.apply(.quaff(give("potion-of-life", to: &game)))
        #expect(game.player.maxHP == before + 10)
        #expect(game.player.hp == game.player.maxHP)
    }

    @Test func descent_sinksThePlayerToTheNextDepth() {
        var game = arena()
        _ = game.apply(.quaff(give("potion-of-descent", to: &game)))
        #expect(game.depth == 2)
        #expect(game.level.isPassable(game.player.position))
    }

    @Test func detectMagic_marksWhereEveryItemOnTheLevelLies() {
        var game = arena()
        game.level.items = [Point(12, 6), Point(38, 14)].map { FloorItem(item: Item(kind: catalog.itemIndexByID["sword"]!), position: $0) }
        #expect(!game.level.magicMapped[Point(38, 14)])
        _ = game.apply(.quaff(give("potion-of-detect-magic", to: &game)))
        #expect(game.level.magicMapped[Point(12, 6)] && game.level.magicMapped[Point(38, 14)])
        #expect(!game.level.magicMapped[Point(30, 10)], "only where items lie")
    }

    /// The arena split by a wall at x = 30 from y = 5 to 15, with a secret door at (30, 10): the east
    /// half is out of the player's sight.
    func splitArena() -> Game {
        var game = arena()
        for y in 5...15 {
            let wall = catalog.terrainIndexByID[y == 10 ? "secret-door" : "wall"]!
            game.level.setTerrain(wall, layer: .dungeon, at: Point(30, y), catalog: catalog)
        }
        game.scratch.invalidate()
        game.updateVision()
        return game
    }

    @Test func telepathy_showsMonstersOutOfSightForItsTurns_andNotAfter() {
        var game = splitArena()
        let m = ArsenalCatalog.place("ogre", at: Point(35, 10), in: &game)
        let beyond = game.monsters[m]
        #expect(!game.visible[beyond.position] && !game.canSee(beyond), "behind the wall")
        _ = game.apply(.quaff(give("potion-of-telepathy", to: &game)))
        #expect(game.player.status.telepathic >= 299)
        #expect(game.canSee(game.monsters[m]), "sensed through the wall")
        #expect(!game.visible[game.monsters[m].position], "the monster is known, its cell is still unseen")
        var quiet = false
        for _ in 0..<300 where game.player.status.telepathic > 0 {
            quiet = game.apply(.rest).contains { if case .message("Your mind goes quiet.", _) = $0 { true } else { false } }
        }
        #expect(quiet && game.player.status.telepathic == 0)
        #expect(!game.canSee(game.monsters[m]), "out of sight again when it wears off")
    }

    @Test func magicMapping_mapsEveryCellButGranite_andFindsSecretDoors() {
        var game = splitArena()
        let door = Point(30, 10)
        #expect(game.level.has(.isSecret, at: door))
        let before = game.level.magicMapped.cells.filter { $0 }.count
        #expect(before == 0)
        _ = game.apply(.read(give("scroll-of-magic-mapping", to: &game), target: nil))
        #expect(game.level.terrain(.dungeon, at: door) == catalog.terrainIndexByID["door"], "the secret door is found")
        #expect(game.level.discovered[door])
        for i in game.level.flags.cells.indices {
            let granite = game.level.flags.cells[i].contains(.isImpregnable)
            #expect(game.level.magicMapped.cells[i] == !granite, "\(game.level.flags.point(at: i))")
        }
        #expect(!game.level.discovered[Point(35, 12)], "mapped, not seen: the east half stays undiscovered")
    }

    @Test func darkness_halvesTheLightRadiusForItsTurns() {
        var game = arena()
        let radius = game.lightRadius
        _ = game.apply(.quaff(give("potion-of-darkness", to: &game)))
        #expect(game.lightRadius == max(2, radius / 2))
        #expect(game.player.status.darkened >= 199)
    }

    @Test func incineration_burnsTheNeighboursForItsPowerAndTheDrinkerForHalf() {
        var game = arena()
        game.player.maxHP = 100
        game.player.hp = 100
        let near = ArsenalCatalog.place("ogre", at: Point(21, 10), in: &game, state: .captive)
        let far = ArsenalCatalog.place("ogre", at: Point(23, 10), in: &game, state: .captive)
        _ = game.apply(.quaff(give("potion-of-incineration", to: &game)))
        #expect((game.monsters[near].maxHP - 10...game.monsters[near].maxHP - 9).contains(game.monsters[near].hp), "10, less a point regained")
        #expect(game.monsters[far].hp == game.monsters[far].maxHP)
        #expect(game.player.hp <= 96)
    }

    @Test func paralysis_leavesThePlayerUnableToActForItsTurns() {
        var game = arena()
        let turn = game.turn
        _ = game.apply(.quaff(give("potion-of-paralysis", to: &game)))
        #expect(game.turn >= turn + 10, "the paralysed turns pass within the drink")
        #expect(game.player.status.paralyzed == 0)
    }

    @Test func hasteSelf_doublesSpeedForItsTurns() {
        var game = arena()
        _ = game.apply(.quaff(give("potion-of-haste-self", to: &game)))
        #expect(game.player.status.hasted >= 24)
        let turn = game.turn
        for _ in 0..<4 { _ = game.apply(.rest) }
        #expect(game.turn - turn <= 2, "four actions in two turns or less")
    }

    @Test func teleportation_movesThePlayerFarAway() {
        var game = arena()
        _ = game.apply(.read(give("scroll-of-teleportation", to: &game), target: nil))
        #expect(game.player.position.distance(to: Point(20, 10)) > 5)
        #expect(game.level.isPassable(game.player.position))
    }

    @Test func aggravateMonsters_setsEverySleeperOnTheLevelHunting() {
        var game = arena()
        let m = ArsenalCatalog.place("ogre", at: Point(38, 14), in: &game)
        #expect(game.monsters[m].state == .sleeping)
        _ = game.apply(.read(give("scroll-of-aggravate-monsters", to: &game), target: nil))
        #expect(game.monsters[m].state == .hunting)
    }

    @Test func summonMonsters_bringsHuntingMonstersBesideTheReader() {
        var game = arena()
        _ = game.apply(.read(give("scroll-of-summon-monsters", to: &game), target: nil))
        let called = game.monsters.filter { $0.hp > 0 }
        #expect(called.count >= 2)
        #expect(called.allSatisfy { $0.state == .hunting && $0.position.distance(to: game.player.position) <= 5 }, "\(called.map(\.position))")
    }
}
