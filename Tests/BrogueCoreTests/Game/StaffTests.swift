import Testing

@testable import BrogueCore

/// Each staff in a constructed situation: the player in a bare room, a monster placed by hand.
@Suite struct StaffTests {
    let catalog = ArsenalCatalog.shared
    let me = Point(20, 10)

    func terrain(_ id: String) -> Int { catalog.terrainIndexByID[id]! }

    func setGrass(_ game: inout Game, at p: Point) {
        game.level.setTerrain(terrain("grass"), layer: .surface, at: p, catalog: catalog)
    }

    @Test func firebolt_setsAGrassCellAlightAndDamagesTheTarget() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        let target = Point(25, 10)
        for x in 21...25 { setGrass(&game, at: Point(x, 10)) }
        let m = ArsenalCatalog.place("ogre", at: target, in: &game, state: .captive)
        let events = game.apply(.zap(staff, at: target))
        #expect(events.contains(.bolt(kind: catalog.boltIndexByID["firebolt"]!, path: (21...25).map { Point($0, 10) })))
        #expect(events.contains { if case .attacked(0, game.monsters[m].id, let d, true) = $0 { d > 0 } else { false } })
        #expect(game.monsters[m].hp < catalog.monsters[game.monsters[m].kind].hp)
        #expect(game.level.terrain(.surface, at: Point(22, 10)) == terrain("burning-grass"))
        #expect(game.level.has(.causesDamage, at: target), "the grass under the ogre burns too")
        #expect(game.inventory[staff]!.charges == 1)
        // It burns out into ashes.
        for _ in 0..<8 { _ = game.apply(.search) }
        #expect(game.level.terrain(.surface, at: Point(22, 10)) == terrain("ashes"))
    }

    @Test func lightning_passesThroughCreaturesAndHitsEach() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-lightning", to: &game)
        let a = ArsenalCatalog.place("ogre", at: Point(23, 10), in: &game)
        let b = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game)
        let ids = [game.monsters[a].id, game.monsters[b].id]
        let events = game.apply(.zap(staff, at: Point(23, 10)))
        let hit = events.compactMap { if case .attacked(0, let d, _, true) = $0 { d } else { nil } }
        #expect(hit == ids)
    }

    @Test func aFireboltStopsAtTheFirstCreature() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        _ = ArsenalCatalog.place("ogre", at: Point(23, 10), in: &game)
        let far = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game)
        _ = game.apply(.zap(staff, at: Point(23, 10)))
        #expect(game.monsters[far].hp == game.monsters[far].maxHP)
    }

    @Test func poison_sickensTheTargetAndItLosesHitPoints() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-poison", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        _ = game.apply(.zap(staff, at: Point(24, 10)))
        #expect(game.monsters[m].status.poisoned >= 8)
        let hp = game.monsters[m].hp
        for _ in 0..<3 { _ = game.apply(.search) }
        #expect(game.monsters[m].hp <= hp - 3)
    }

    @Test func tunneling_boresThroughWalls() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-tunneling", to: &game)
        game.player.position = Point(38, 10)
        // Wall from x = 41 on; the bolt bores 3 x 2 cells of it.
        #expect(!game.level.isPassable(Point(41, 10)))
        _ = game.apply(.zap(staff, at: Point(45, 10)))
        for x in 41...46 { #expect(game.level.isPassable(Point(x, 10)), "\(x)") }
    }

    @Test func blinking_carriesThePlayerAlongThePath() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-blinking", to: &game)
        _ = game.apply(.zap(staff, at: Point(35, 10)))
        #expect(game.player.position == Point(26, 10), "3 x level 2 = 6 cells")
    }

    @Test func blinkingStopsBeforeACreature() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-blinking", to: &game)
        _ = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        _ = game.apply(.zap(staff, at: Point(35, 10)))
        #expect(game.player.position == Point(23, 10))
    }

    @Test func entrancement_makesTheMonsterCopyThePlayersSteps() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-entrancement", to: &game)
        let m = ArsenalCatalog.place("goblin", at: Point(25, 10), in: &game, state: .hunting)
        _ = game.apply(.zap(staff, at: Point(25, 10)))
        #expect(game.monsters[m].status.entranced > 0)
        let before = game.monsters[m].position
        _ = game.apply(.move(.north))
        #expect(game.monsters[m].position == before + Direction.north.offset)
        _ = game.apply(.move(.west))
        #expect(game.monsters[m].position == before + Direction.north.offset + Direction.west.offset)
    }

    @Test func obstruction_fillsTheWayWithCrystalThatFades() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-obstruction", to: &game)
        _ = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game, state: .captive)
        _ = game.apply(.zap(staff, at: Point(26, 10)))
        let crystal = game.level.flags.cells.indices.filter {
            game.level.terrain(.surface, at: game.level.flags.point(at: $0)) == terrain("forcefield")
        }
        #expect(crystal.count == 10)
        #expect(game.level.terrain(.surface, at: Point(25, 10)) == terrain("forcefield"), "it stops before the ogre")
        #expect(!game.level.isPassable(Point(25, 10)))
        for _ in 0..<21 { _ = game.apply(.search) }
        #expect(game.level.isPassable(Point(25, 10)))
    }

    @Test func discord_turnsAMonsterOnItsCompanions() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-discord", to: &game)
        let a = ArsenalCatalog.place("ogre", at: Point(30, 10), in: &game, state: .hunting)
        let b = ArsenalCatalog.place("ogre", at: Point(31, 10), in: &game, state: .hunting)
        let ids = Set([game.monsters[a].id, game.monsters[b].id])
        var events = game.apply(.zap(staff, at: Point(30, 10)))
        #expect(game.monsters[a].status.discordant > 0)
        for _ in 0..<3 { events += game.apply(.search) }
        let fights = events.filter { if case .attacked(let x, let y, _, _) = $0 { ids.contains(x) && ids.contains(y) } else { false } }
        #expect(!fights.isEmpty)
    }

    @Test func conjuration_callsUpSpectralBladesThatFightForThePlayerThenFade() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-conjuration", to: &game)
        _ = game.apply(.zap(staff, at: game.player.position))
        let blades = game.monsters.filter { catalog.monsters[$0.kind].id == "spectral-blade" }
        #expect(blades.count == 3)
        #expect(blades.allSatisfy { $0.state == .ally && $0.lifespan > 0 && $0.position.distance(to: me) <= 2 })
        for _ in 0..<16 { _ = game.apply(.search) }
        #expect(!game.monsters.contains { catalog.monsters[$0.kind].id == "spectral-blade" })
    }

    @Test func healing_healsTheCreatureHit() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-healing", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        game.monsters[m].hp = 10
        _ = game.apply(.zap(staff, at: Point(24, 10)))
        #expect(game.monsters[m].hp == 10 + 55 * 30 / 100)
    }

    @Test func hasteOther_speedsTheCreatureHit() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-haste-other", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        _ = game.apply(.zap(staff, at: Point(24, 10)))
        #expect(game.monsters[m].status.hasted >= 7)
    }

    @Test func protection_shieldsTheCreatureHitFromDamage() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-protection", to: &game)
        let fire = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        _ = game.apply(.zap(staff, at: Point(24, 10)))
        #expect(game.monsters[m].status.shield == 14)
        let events = game.apply(.zap(fire, at: Point(24, 10)))
        let through = events.compactMap { if case .attacked(0, _, let d, true) = $0 { d } else { nil } }
        #expect(through.count == 1 && through[0] < 9, "the shield soaks what it can")
        #expect(game.monsters[m].status.shield < 14)
        #expect(game.monsters[m].hp == game.monsters[m].maxHP - through[0])
    }

    @Test func slowness_makesTheMonsterActHalfAsOften() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-slowness", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(30, 10), in: &game, state: .hunting)
        _ = game.apply(.zap(staff, at: Point(30, 10)))
        #expect(game.monsters[m].status.slowed >= 9)
        let start = game.monsters[m].position.distance(to: me)
        for _ in 0..<6 { _ = game.apply(.search) }
        let walked = start - game.monsters[m].position.distance(to: me)
        #expect(walked >= 2 && walked <= 4, "about three steps in six turns, not six (walked \(walked))")
    }

    @Test func aStaffRunsOutFizzlesAndRechargesOverTurns() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-slowness", to: &game)
        _ = game.apply(.zap(staff, at: Point(30, 10)))
        _ = game.apply(.zap(staff, at: Point(30, 10)))
        #expect(game.inventory[staff]!.charges == 0)
        let fizzle = game.apply(.zap(staff, at: Point(30, 10)))
        #expect(fizzle.contains(.message("Your staff of slowness fizzles.", .info)))
        #expect(game.displayName(game.inventory[staff]!) == "a staff of slowness [0/2]")
        // 500 turns at level 1, so 250 a charge at level 2; the first zap started the clock.
        for _ in 0..<250 { _ = game.apply(.search) }
        #expect(game.inventory[staff]!.charges == 1)
        for _ in 0..<250 { _ = game.apply(.search) }
        #expect(game.inventory[staff]!.charges == 2)
        #expect(game.inventory[staff]!.rechargeIn == 0)
    }

    @Test func zappingSomethingThatIsNoStaffOrWandIsRefusedAndChangesNothing() {
        var game = ArsenalCatalog.arena()
        let before = game.stateHash
        let events = game.apply(.zap(Letter("a")!, at: Point(25, 10)))
        #expect(events.contains { if case .refused = $0 { true } else { false } })
        #expect(game.stateHash == before)
    }
}
