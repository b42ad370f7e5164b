import Testing

@testable import BrogueCore

/// The later potions, scrolls and weapons, each in a constructed situation in the bare arena.
@Suite struct LaterKindsTests {
    static let catalog: ContentCatalog = {
        let a = ArsenalCatalog.shared
        var glyphs = TestCatalog.terrain("sacred-glyphs", ":", .surface, [.isSacred])
        glyphs.drawPriority = 30
        let lichen = MonsterKind(
            id: "lichen",
            name: "lichen",
            glyph: "\"",
            color: .white,
            hp: 18,
            defense: 0,
            accuracy: 100,
            damage: DamageRange(min: 3, max: 3),
            regenTurns: 0,
            xp: 3,
            flags: [.immobile, .neverSleeps]
        )
        var acid = a.monsters[a.monsterIndexByID["goblin"]!]
        acid.id = "acid-mound"
        acid.name = "acid mound"
        acid.flags = [.acidic]
        var whip = ItemKind(id: "whip", name: "whip", category: .weapon, damage: DamageRange(min: 3, max: 5), strength: 10)
        whip.attack = .lash
        var flail = ItemKind(id: "flail", name: "flail", category: .weapon, damage: DamageRange(min: 2, max: 3), strength: 10)
        flail.attack = .flail
        var darts = ItemKind(
            id: "incendiary-darts",
            name: "incendiary dart",
            category: .weapon,
            damage: DamageRange(min: 1, max: 2),
            throwable: true,
            quantity: 3...3
        )
        darts.burstsInto = "burning-grass"
        let effects: [(String, ItemCategory, ItemEffect, Int)] = [
            ("potion-of-hallucination", .potion, .hallucination, 30), ("potion-of-creeping-death", .potion, .creepingDeath, 5),
            ("scroll-of-protect-armor", .scroll, .protectArmor, 0), ("scroll-of-protect-weapon", .scroll, .protectWeapon, 0),
            ("scroll-of-sanctity", .scroll, .sanctity, 2),
        ]
        let items = effects.map { ItemKind(id: $0.0, name: $0.0, category: $0.1, effect: $0.2.rawValue, power: $0.3) }
        do {
            return try ContentCatalog(
                terrains: a.terrains + [glyphs],
                monsters: a.monsters + [lichen, acid],
                items: a.items + [whip, flail, darts] + items,
                spawns: a.spawns,
                player: a.player,
                appearances: Appearances(
                    potionColors: a.appearances.potionColors + ["teal", "puce"].map { Appearances.PotionColor(name: $0, color: .white) },
                    scrollSyllables: a.appearances.scrollSyllables
                ),
                bolts: a.bolts
            )
        } catch {
            fatalError("later-kinds catalog is invalid: \(error)")
        }
    }()

    let catalog = LaterKindsTests.catalog

    func give(_ id: String, to game: inout Game, quantity: Int = 1) -> Letter {
        game.inventory.add(Item(kind: catalog.itemIndexByID[id]!, quantity: quantity), catalog: catalog)!
    }

    @Test func hallucination_showsMonstersAsRandomKindsForItsTurnsAndChangesNoRule() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        let m = ArsenalCatalog.place("ogre", at: Point(30, 10), in: &game, state: .captive)
        _ = game.apply(.quaff(give("potion-of-hallucination", to: &game)))
        #expect(game.player.status.hallucinating >= 29)
        var seen: Set<Int> = []
        for _ in 0..<10 {
            seen.insert(game.apparentKind(of: game.monsters[m]))
            _ = game.apply(.search)
        }
        #expect(seen.count >= 3, "the ogre looked like \(seen.map { catalog.monsters[$0].id })")
        #expect(game.monsters[m].kind == catalog.monsterIndexByID["ogre"]!)
        for _ in 0..<25 { _ = game.apply(.search) }
        #expect(game.player.status.hallucinating == 0)
        #expect(game.apparentKind(of: game.monsters[m]) == game.monsters[m].kind)
    }

    @Test func creepingDeath_lichenSproutsAroundTheDrinkerButNotBesideIt() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        _ = game.apply(.quaff(give("potion-of-creeping-death", to: &game)))
        let lichen = game.monsters.filter { $0.kind == catalog.monsterIndexByID["lichen"]! }
        #expect(lichen.count == 5)
        #expect(lichen.allSatisfy { (2...4).contains($0.position.distance(to: game.player.position)) && $0.isHostile }, "\(lichen.map(\.position))")
        let where0 = lichen.map(\.position)
        for _ in 0..<5 { _ = game.apply(.search) }
        #expect(game.monsters.filter { $0.kind == catalog.monsterIndexByID["lichen"]! }.map(\.position) == where0, "lichen never moves")
    }

    @Test func protectArmor_acidNoLongerCorrodesTheArmor() {
        for protected in [false, true] {
            var game = ArsenalCatalog.arena(catalog: catalog)
            let armor = game.inventory.armor!
            if protected { _ = game.apply(.read(give("scroll-of-protect-armor", to: &game), target: nil)) }
            #expect(game.inventory[armor]!.acidProof == protected)
            let m = ArsenalCatalog.place("acid-mound", at: Point(21, 10), in: &game, state: .hunting)
            var landed = false
            for _ in 0..<50 where !landed {
                var events: [GameEvent] = []
                game.player.hp = game.player.maxHP
                game.monsterAttack(m, &events)
                landed = events.contains { if case .attacked(_, 0, _, true) = $0 { true } else { false } }
            }
            #expect(landed)
            #expect(game.inventory[armor]!.enchant == (protected ? 0 : -1), "protected: \(protected)")
        }
    }

    @Test func protectWeapon_acidNoLongerCorrodesTheWeapon() {
        for protected in [false, true] {
            var game = ArsenalCatalog.arena(catalog: catalog)
            let weapon = game.inventory.weapon!
            if protected { _ = game.apply(.read(give("scroll-of-protect-weapon", to: &game), target: nil)) }
            let m = ArsenalCatalog.place("acid-mound", at: Point(21, 10), in: &game)
            _ = game.apply(.move(.east))
            #expect(game.monsters[m].hp < game.monsters[m].maxHP, "a sneak attack lands")
            #expect(game.inventory[weapon]!.enchant == (protected ? 0 : -1), "protected: \(protected)")
        }
    }

    @Test func sanctity_monstersCannotEnterTheGlyphs() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        _ = game.apply(.read(give("scroll-of-sanctity", to: &game), target: nil))
        for dx in -2...2 { #expect(game.level.has(.isSacred, at: Point(20 + dx, 12)), "\(dx)") }
        let m = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game, state: .hunting)
        for _ in 0..<15 {
            _ = game.apply(.search)
            #expect(!game.level.has(.isSacred, at: game.monsters[m].position))
        }
        #expect(game.player.hp == game.player.maxHP, "the ogre never reached the player")
        #expect(game.monsters[m].position.distance(to: game.player.position) == 3, "it waits at the edge")
    }

    @Test func whip_lashesAMonsterUpToFiveCellsAwayInsteadOfStepping() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        game.inventory.weapon = give("whip", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(25, 10), in: &game)
        let events = game.apply(.move(.east))
        #expect(game.player.position == Point(20, 10))
        #expect(events.contains { if case .attacked(0, game.monsters[m].id, _, true) = $0 { true } else { false } })
        var far = ArsenalCatalog.arena(catalog: catalog)
        far.inventory.weapon = give("whip", to: &far)
        _ = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &far)
        _ = far.apply(.move(.east))
        #expect(far.player.position == Point(21, 10), "6 cells is out of reach: the player steps")
    }

    @Test func flail_strikesEveryFoeBesideTheCellSteppedTo() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        game.inventory.weapon = give("flail", to: &game)
        let a = ArsenalCatalog.place("ogre", at: Point(22, 9), in: &game)
        let b = ArsenalCatalog.place("ogre", at: Point(22, 11), in: &game)
        let c = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game)
        let events = game.apply(.move(.east))
        #expect(game.player.position == Point(21, 10))
        let struck = events.compactMap { if case .attacked(0, let d, _, _) = $0 { d } else { nil } }
        #expect(struck == [game.monsters[a].id, game.monsters[b].id])
        #expect(!struck.contains(game.monsters[c].id))
    }

    @Test func incendiaryDarts_burstIntoFireWhereTheyLand() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        let darts = give("incendiary-darts", to: &game, quantity: 3)
        _ = game.apply(.throwItem(darts, at: Point(25, 10)))
        #expect(game.level.terrain(.surface, at: Point(25, 10)) == catalog.terrainIndexByID["burning-grass"])
        #expect(game.level.items.isEmpty, "the dart is spent")
        #expect(game.inventory[darts]!.quantity == 2)
        let m = ArsenalCatalog.place("ogre", at: Point(20, 7), in: &game, state: .captive)
        _ = game.apply(.throwItem(darts, at: Point(20, 7)))
        #expect(game.level.terrain(.surface, at: Point(20, 7)) == catalog.terrainIndexByID["burning-grass"], "on the ogre it hit or missed")
        _ = game.apply(.search)
        #expect(game.monsters[m].hp < game.monsters[m].maxHP, "the fire burns it")
    }
}
