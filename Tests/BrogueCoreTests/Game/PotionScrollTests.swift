import Testing

@testable import BrogueCore

/// The potions and scrolls that share their effects with charms, each in a constructed situation.
@Suite struct PotionScrollTests {
    let catalog = ArsenalCatalog.shared

    func give(_ id: String, to game: inout Game) -> Letter {
        game.inventory.add(Item(kind: catalog.itemIndexByID[id]!), catalog: catalog)!
    }

    @Test func fireImmunity_letsThePlayerWadeThroughLava_andTheLavaKillsWhenItEnds() {
        var game = ArsenalCatalog.arena()
        game.level.setTerrain(catalog.terrainIndexByID["lava"]!, layer: .liquid, at: Point(21, 10), catalog: catalog)
        let potion = give("potion-of-fire-immunity", to: &game)
        #expect(!game.knownKinds[game.inventory[potion]!.kind])
        let events = game.apply(.quaff(potion))
        #expect(events.contains(.identified(kind: catalog.itemIndexByID["potion-of-fire-immunity"]!)))
        _ = game.apply(.move(.east))
        #expect(game.outcome == .playing && game.player.position == Point(21, 10))
        for _ in 0..<160 { _ = game.apply(.rest) }
        #expect(game.isOver, "the immunity wore off in the lava")
    }

    @Test func levitation_carriesThePlayerOverAChasm() {
        var game = ArsenalCatalog.arena()
        for x in 21...23 { game.level.setTerrain(catalog.terrainIndexByID["chasm"]!, layer: .liquid, at: Point(x, 10), catalog: catalog) }
        _ = game.apply(.quaff(give("potion-of-levitation", to: &game)))
        for _ in 0..<4 { _ = game.apply(.move(.east)) }
        #expect(game.depth == 1 && game.player.position == Point(24, 10))
    }

    @Test func recharging_fillsStaffsAndReadiesCharms() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        let charm = ArsenalCatalog.give("haste-charm", to: &game)
        game.inventory[staff]!.charges = 0
        game.inventory[staff]!.rechargeIn = 100
        _ = game.apply(.use(charm))
        _ = game.apply(.read(give("scroll-of-recharging", to: &game), target: nil))
        #expect(game.inventory[staff]!.charges == 2)
        #expect(game.inventory[charm]!.charges == 1)
    }

    @Test func negation_stripsHasteFromAMonsterInView_andMakesConjuredOnesVanish() {
        var game = ArsenalCatalog.arena()
        let m = ArsenalCatalog.place("ogre", at: Point(27, 10), in: &game, state: .captive)
        game.monsters[m].status.hasted = 40
        let blade = ArsenalCatalog.place("spectral-blade", at: Point(21, 12), in: &game, state: .ally)
        game.monsters[blade].lifespan = 10
        _ = game.apply(.read(give("scroll-of-negation", to: &game), target: nil))
        #expect(game.monsters.first { $0.kind == catalog.monsterIndexByID["ogre"]! }?.status.hasted == 0)
        #expect(!game.monsters.contains { $0.kind == catalog.monsterIndexByID["spectral-blade"]! && $0.hp > 0 })
    }

    @Test func shattering_crumblesTheWallsWithinFiveCells() {
        var game = ArsenalCatalog.arena()
        game.player.position = Point(20, 7)
        game.scratch.invalidate()
        _ = game.apply(.read(give("scroll-of-shattering", to: &game), target: nil))
        #expect(game.level.isPassable(Point(20, 4)), "the wall 3 cells north")
        #expect(game.level.isPassable(Point(17, 4)))
        #expect(!game.level.isPassable(Point(9, 7)), "11 cells west is beyond 5")
    }

    @Test func discord_setsTheMonstersInViewOnEachOther() {
        var game = ArsenalCatalog.arena()
        let a = ArsenalCatalog.place("ogre", at: Point(30, 10), in: &game, state: .hunting)
        let b = ArsenalCatalog.place("ogre", at: Point(31, 10), in: &game, state: .hunting)
        let ids = [game.monsters[a].id, game.monsters[b].id]
        var events = game.apply(.read(give("scroll-of-discord", to: &game), target: nil))
        #expect(game.monsters[a].status.discordant > 0 && game.monsters[b].status.discordant > 0)
        for _ in 0..<5 { events += game.apply(.rest) }
        #expect(events.contains { if case .attacked(let x, let y, _, _) = $0 { ids.contains(x) && ids.contains(y) } else { false } })
    }
}

/// A scroll of remove curse lets a cursed ring come off; its enchantment stays.
@Suite struct RemoveCurseTests {
    @Test func removeCurse_letsACursedRingBeTakenOff_keepingItsEnchantment() {
        var game = ArsenalCatalog.arena()
        let ring = ArsenalCatalog.give("ring-of-light", to: &game, level: -2)
        _ = game.apply(.equip(ring))
        #expect(game.apply(.remove(ring)).contains { if case .refused = $0 { true } else { false } })
        let scroll = game.inventory.add(Item(kind: game.catalog.itemIndexByID["scroll-of-remove-curse"]!), catalog: game.catalog)!
        _ = game.apply(.read(scroll, target: nil))
        #expect(!game.apply(.remove(ring)).contains { if case .refused = $0 { true } else { false } })
        #expect(game.inventory.rings.isEmpty)
        #expect(game.inventory[ring]!.enchant == -2)
    }
}
