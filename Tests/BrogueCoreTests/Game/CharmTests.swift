import Testing

@testable import BrogueCore

/// Each charm in a constructed situation, and the recharge that follows a use.
@Suite struct CharmTests {
    let catalog = ArsenalCatalog.shared

    func refused(_ events: [GameEvent]) -> Bool { events.contains { if case .refused = $0 { true } else { false } } }

    @Test func aCharmRechargesAfterItsTime_shorterAtAHigherLevel() {
        for (level, turns) in [(1, 1000), (2, 500), (4, 250)] {
            var game = ArsenalCatalog.arena()
            let charm = ArsenalCatalog.give("protection-charm", to: &game, level: level)
            let start = game.turn
            #expect(!refused(game.apply(.use(charm))))
            #expect(game.inventory[charm]!.charges == 0)
            #expect(refused(game.apply(.use(charm))), "still recharging: refused, and no time passes")
            var recharged: [GameEvent] = []
            while game.inventory[charm]!.charges == 0 && game.turn - start < 2000 { recharged = game.apply(.rest) }
            #expect(game.turn - start == turns, "level \(level)")
            #expect(recharged.contains { if case .message(let m, _) = $0 { m.contains("recharged") } else { false } })
            #expect(!refused(game.apply(.use(charm))))
        }
    }

    @Test func health_healsThirtyPercentALevel() {
        var game = ArsenalCatalog.arena()
        game.player.maxHP = 100
        game.player.hp = 10
        _ = game.apply(.use(ArsenalCatalog.give("health-charm", to: &game, level: 2)))
        #expect(game.player.hp == 70)
    }

    @Test func protection_absorbsBlowsUpToItsShield() {
        var game = ArsenalCatalog.arena()
        _ = game.apply(.use(ArsenalCatalog.give("protection-charm", to: &game, level: 3)))
        #expect(game.player.status.shield == 30)
        let m = ArsenalCatalog.place("ogre", at: Point(21, 10), in: &game, state: .hunting)
        let hp = game.player.hp
        for _ in 0..<15 {
            _ = game.apply(.rest)
            guard game.player.status.shield > 0 else { break }
            #expect(game.player.hp == hp, "no blow gets through while the shield stands")
        }
        #expect(game.player.status.shield < 30, "the ogre's blows wore the shield down")
        _ = m
    }

    @Test func haste_telepathy_invisibility_levitation_lastTheirTurnsALevel() {
        var game = ArsenalCatalog.arena()
        for (id, level) in [("haste", 2), ("telepathy", 1), ("invisibility", 3), ("levitation", 2)] {
            _ = game.apply(.use(ArsenalCatalog.give("\(id)-charm", to: &game, level: level)))
        }
        #expect(game.player.status.hasted >= 18)
        #expect(game.player.status.telepathic >= 22)
        #expect(game.player.status.invisible >= 12)
        #expect(game.player.status.levitating >= 18)
    }

    @Test func invisibility_hidesThePlayerFromMonstersMoreThanTwoStepsAway() {
        var game = ArsenalCatalog.arena()
        let far = ArsenalCatalog.place("ogre", at: Point(25, 10), in: &game, state: .hunting)
        let near = ArsenalCatalog.place("ogre", at: Point(22, 10), in: &game, state: .hunting)
        #expect(game.monsterSeesPlayer(far))
        _ = game.apply(.use(ArsenalCatalog.give("invisibility-charm", to: &game, level: 2)))
        game.monsters[far].position = Point(25, 10)
        game.monsters[near].position = Point(22, 10)
        #expect(!game.monsterSeesPlayer(far))
        #expect(game.monsterSeesPlayer(near))
    }

    @Test func levitation_floatsOverAChasm_andThePlayerFallsWhenItEnds() {
        var game = ArsenalCatalog.arena()
        let chasm = catalog.terrainIndexByID["chasm"]!
        game.level.setTerrain(chasm, layer: .liquid, at: Point(21, 10), catalog: catalog)
        _ = game.apply(.use(ArsenalCatalog.give("levitation-charm", to: &game, level: 1)))
        _ = game.apply(.move(.east))
        #expect(game.depth == 1 && game.player.position == Point(21, 10))
        for _ in 0..<12 where game.depth == 1 { _ = game.apply(.rest) }
        #expect(game.depth == 2, "the levitation wore off over the chasm")
    }

    @Test func shattering_turnsTheWallsWithinTwoCellsALevelToFloor() {
        var game = ArsenalCatalog.arena()
        game.player.position = Point(12, 10)
        game.scratch.invalidate()
        _ = game.apply(.use(ArsenalCatalog.give("shattering-charm", to: &game, level: 2)))
        #expect(game.level.isPassable(Point(9, 10)), "the wall 3 cells west")
        #expect(game.level.isPassable(Point(9, 8)), "3 west and 2 north: within 4")
        #expect(!game.level.isPassable(Point(12, 4)), "6 cells north is beyond a level-2 charm")
    }

    @Test func guardian_callsUpAnAllyThatFadesAfterItsTurns() {
        var game = ArsenalCatalog.arena()
        _ = game.apply(.use(ArsenalCatalog.give("guardian-charm", to: &game, level: 1)))
        let allies = game.monsters.filter { $0.state == .ally }
        #expect(allies.count == 1)
        #expect(allies.first?.lifespan ?? 0 > 0)
        for _ in 0..<20 { _ = game.apply(.rest) }
        #expect(game.monsters.filter { $0.state == .ally }.isEmpty)
    }

    @Test func teleportation_movesThePlayerFarAway() {
        var game = ArsenalCatalog.arena()
        let from = game.player.position
        _ = game.apply(.use(ArsenalCatalog.give("teleportation-charm", to: &game, level: 1)))
        #expect(game.player.position.distance(to: from) >= 8)
    }

    @Test func recharging_fillsEveryStaff() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        game.inventory[staff]!.charges = 0
        game.inventory[staff]!.rechargeIn = 200
        _ = game.apply(.use(ArsenalCatalog.give("recharging-charm", to: &game, level: 1)))
        #expect(game.inventory[staff]!.charges == 2)
        #expect(game.inventory[staff]!.rechargeIn == 0)
    }

    @Test func negation_stripsTheMonstersInViewOfTheirMagic() {
        var game = ArsenalCatalog.arena()
        let m = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game, state: .captive)
        game.monsters[m].status.hasted = 50
        game.monsters[m].status.shield = 10
        game.monsters[m].status.shielded = 10
        _ = game.apply(.use(ArsenalCatalog.give("negation-charm", to: &game, level: 1)))
        #expect(game.monsters[m].status.hasted == 0)
        #expect(game.monsters[m].status.shield == 0)
    }

    @Test func aCharmIsAlwaysKnownAndShowsWhetherItIsReady() {
        var game = ArsenalCatalog.arena()
        let charm = ArsenalCatalog.give("haste-charm", to: &game, level: 2)
        #expect(game.displayName(game.inventory[charm]!) == "a +2 haste charm [ready]")
        _ = game.apply(.use(charm))
        #expect(game.displayName(game.inventory[charm]!).hasPrefix("a +2 haste charm ["))
        #expect(!game.displayName(game.inventory[charm]!).contains("ready"))
    }

    @Test func useEncodesAsUAndBack() {
        let action = Action.use(Letter("f")!)
        #expect(action.encoded == "uf")
        #expect(Action(encoded: "uf") == action)
    }
}
