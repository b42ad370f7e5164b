import Testing

@testable import BrogueCore

/// The later kinds where they meet the rest of the rules: what a hallucinating player reads in
/// combat, acid on a thrown weapon, monsters pathing round sacred glyphs, and extra healing.
extension LaterKindsTests {
    func messages(_ events: [GameEvent]) -> [String] {
        events.compactMap { if case .message(let text, _) = $0 { text } else { nil } }
    }

    @Test func hallucination_combatMessagesNameTheKindThePlayerSeems() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        game.player.maxHP = 10_000
        game.player.hp = 10_000
        let m = ArsenalCatalog.place("ogre", at: Point(21, 10), in: &game, state: .hunting)
        game.monsters[m].maxHP = 10_000
        game.monsters[m].hp = 10_000
        _ = game.apply(.quaff(give("potion-of-hallucination", to: &game)))
        var named: [String] = []
        for _ in 0..<12 {
            let seemed = catalog.monsters[game.apparentKind(of: game.monsters[m])].name
            let said = messages(game.apply(.move(.east))).filter { $0.hasPrefix("You hit the") || $0.hasPrefix("You miss the") }
            #expect(said.allSatisfy { $0.contains(seemed) }, "seemed a \(seemed): \(said)")
            named += said
        }
        #expect(named.count == 12)
        #expect(named.contains { !$0.contains("ogre") }, "\(named)")
        game.player.status.hallucinating = 0
        let plain = messages(game.apply(.move(.east))).filter { $0.hasPrefix("You hit the") || $0.hasPrefix("You miss the") }
        #expect(plain.allSatisfy { $0.contains("ogre") } && plain.count == 1, "\(plain)")
    }

    @Test func acid_corrodesAThrownWeaponThatHitsIt() throws {
        var game = ArsenalCatalog.arena(catalog: catalog)
        let darts = try #require(game.inventory.letters.first { catalog.items[game.inventory[$0]!.kind].id == "dart" })
        let m = ArsenalCatalog.place("acid-mound", at: Point(24, 10), in: &game, state: .captive)
        game.monsters[m].maxHP = 1000
        game.monsters[m].hp = 1000
        var hits = 0
        var said: [String] = []
        for _ in 0..<10 where hits == 0 {
            let events = game.apply(.throwItem(darts, at: Point(24, 10)))
            said += messages(events)
            hits += events.filter { if case .attacked(0, _, _, true) = $0 { true } else { false } }.count
        }
        try #require(hits == 1, "no dart hit in 10 throws")
        #expect(said.contains("The dart corrodes!"))
        let landed = game.level.items.filter { catalog.items[$0.item.kind].id == "dart" }
        #expect(landed.filter { $0.item.enchant == -1 }.count == 1, "only the dart that hit corrodes: \(landed.map(\.item.enchant))")
        #expect(landed.allSatisfy { $0.item.enchant == -1 || $0.item.enchant == 0 })
    }

    @Test func sanctity_monstersGoRoundTheGlyphsWhereTheyCan() throws {
        var game = ArsenalCatalog.arena(catalog: catalog)
        game.player.maxHP = 10_000
        game.player.hp = 10_000
        let glyphs = try #require(catalog.terrainIndexByID["sacred-glyphs"])
        // A line of glyphs across the room between the ogre and the player, open only at its foot.
        for y in 5...14 { game.level.setTerrain(glyphs, layer: .surface, at: Point(25, y), catalog: catalog) }
        game.scratch.invalidate()
        game.scratch.waypointDepth = 0
        let m = ArsenalCatalog.place("ogre", at: Point(30, 10), in: &game, state: .hunting)
        var reached = false
        for _ in 0..<30 where !reached {
            _ = game.apply(.search)
            #expect(!game.level.has(.isSacred, at: game.monsters[m].position))
            reached = game.monsters[m].position.distance(to: game.player.position) == 1
        }
        #expect(reached, "the ogre went round by the gap at (25, 15); it stopped at \(game.monsters[m].position)")
    }

    @Test func extraHealing_healsFullyCuresAilmentsAndMendsTheAlliesInView() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        game.player.maxHP = 100
        game.player.hp = 5
        (game.player.status.poisoned, game.player.status.slowed, game.player.status.confused) = (20, 20, 20)
        game.player.status.hallucinating = 20
        let ally = ArsenalCatalog.place("ogre", at: Point(23, 10), in: &game, state: .ally)
        game.monsters[ally].hp = 1
        game.monsters[ally].status.poisoned = 10
        let said = messages(game.apply(.quaff(give("potion-of-extra-healing", to: &game))))
        #expect(said.contains("You and your allies feel much better."), "\(said)")
        #expect(game.player.hp == 100)
        let s = game.player.status
        #expect(s.poisoned == 0 && s.slowed == 0 && s.confused == 0 && s.hallucinating == 0)
        #expect(game.monsters[ally].hp >= game.monsters[ally].maxHP - 1 && game.monsters[ally].status.poisoned == 0)
    }
}
