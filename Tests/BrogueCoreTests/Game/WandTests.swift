import Testing

@testable import BrogueCore

/// Each wand in a constructed situation, and that wands never regain charges.
@Suite struct WandTests {
    let catalog = ArsenalCatalog.shared
    let me = Point(20, 10)

    @Test func teleportOther_sendsTheMonsterFarAway() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-teleport-other", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(22, 10), in: &game, state: .hunting)
        _ = game.apply(.zap(wand, at: Point(22, 10)))
        #expect(game.monsters[m].position.distance(to: me) >= 7)
    }

    @Test func slowness_slowsAndTheWandNeverRecharges() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-slowness", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        _ = game.apply(.zap(wand, at: Point(24, 10)))
        #expect(game.monsters[m].status.slowed >= 9)
        #expect(game.inventory[wand]!.charges == 4)
        #expect(game.displayName(game.inventory[wand]!) == "a wand of slowness [4]")
        for _ in 0..<600 { _ = game.apply(.search) }
        #expect(game.inventory[wand]!.charges == 4)
    }

    @Test func polymorph_turnsTheMonsterIntoAnotherKindKeepingItsShareOfHitPoints() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-polymorph", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        game.monsters[m].hp = 55 / 2
        _ = game.apply(.zap(wand, at: Point(24, 10)))
        let kind = catalog.monsters[game.monsters[m].kind]
        #expect(kind.id != "ogre")
        #expect(game.monsters[m].maxHP == kind.hp)
        #expect(game.monsters[m].hp == max(1, kind.hp * 49 / 100))
    }

    @Test func negation_stripsMagicAndMakesConjuredCreaturesVanish() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-negation", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(24, 10), in: &game, state: .captive)
        game.monsters[m].status.hasted = 20
        game.monsters[m].status.invisible = 20
        game.monsters[m].status.shield = 10
        game.monsters[m].status.shielded = 10
        _ = game.apply(.zap(wand, at: Point(24, 10)))
        let s = game.monsters[m].status
        #expect(s.hasted == 0 && s.invisible == 0 && s.shield == 0)

        let blade = ArsenalCatalog.place("spectral-blade", at: Point(20, 13), in: &game, state: .ally)
        game.monsters[blade].lifespan = 10
        let id = game.monsters[blade].id
        let events = game.apply(.zap(wand, at: Point(20, 13)))
        #expect(events.contains { if case .died(id, _) = $0 { true } else { false } })
        #expect(!game.monsters.contains { $0.id == id })
    }

    @Test func domination_turnsAMonsterIntoAnAllyThatThenFollows() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-domination", to: &game)
        let m = ArsenalCatalog.place("goblin", at: Point(23, 10), in: &game, state: .hunting)
        game.monsters[m].hp = 2  // below a fifth: always succeeds
        let events = game.apply(.zap(wand, at: Point(23, 10)))
        #expect(events.contains(.message("The goblin is bound to your will.", .good)))
        #expect(game.monsters[m].state == .ally)
        for _ in 0..<8 { _ = game.apply(.move(.west)) }
        #expect(game.player.position == Point(12, 10))
        #expect(game.monsters[m].position.distance(to: game.player.position) <= 3, "the ally follows")
    }

    @Test func dominationOfAHealthyMonsterMostlyFails() {
        var resisted = 0
        for seed in UInt64(1)...20 {
            var game = ArsenalCatalog.arena(seed: seed)
            let wand = ArsenalCatalog.give("wand-of-domination", to: &game)
            let m = ArsenalCatalog.place("goblin", at: Point(23, 10), in: &game, state: .captive)
            game.monsters[m].hp = game.monsters[m].maxHP * 9 / 10
            _ = game.apply(.zap(wand, at: Point(23, 10)))
            if game.monsters[m].state != .ally { resisted += 1 }
        }
        #expect(resisted >= 12, "a 10% chance should rarely succeed (resisted \(resisted) of 20)")
    }

    @Test func beckoning_pullsTheMonsterToThePlayersSide() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-beckoning", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(28, 10), in: &game, state: .captive)
        _ = game.apply(.zap(wand, at: Point(28, 10)))
        #expect(game.monsters[m].position == Point(21, 10))
    }

    @Test func plenty_splitsTheMonsterInTwo() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-plenty", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game, state: .captive)
        _ = game.apply(.zap(wand, at: Point(26, 10)))
        let ogres = game.monsters.filter { catalog.monsters[$0.kind].id == "ogre" }
        #expect(ogres.count == 2)
        #expect(ogres.allSatisfy { $0.hp == 27 })
        #expect(ogres[1].position.distance(to: game.monsters[m].position) == 1)
    }

    @Test func invisibility_hidesTheMonsterUnlessItIsBesideThePlayer() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-invisibility", to: &game)
        let m = ArsenalCatalog.place("ogre", at: Point(26, 10), in: &game, state: .captive)
        #expect(game.canSee(game.monsters[m]))
        _ = game.apply(.zap(wand, at: Point(26, 10)))
        #expect(game.monsters[m].status.invisible > 0)
        #expect(!game.canSee(game.monsters[m]))
        game.monsters[m].position = Point(21, 10)
        #expect(game.canSee(game.monsters[m]))
    }

    @Test func empowerment_makesAnAllyStrongerForGood() {
        var game = ArsenalCatalog.arena()
        let wand = ArsenalCatalog.give("wand-of-empowerment", to: &game)
        let m = ArsenalCatalog.place("goblin", at: Point(24, 10), in: &game, state: .captive)
        _ = game.apply(.zap(wand, at: Point(24, 10)))
        #expect(game.monsters[m].empowerment == 1)
        #expect(game.monsters[m].maxHP == 15 + 1)
        #expect(game.accuracy(of: game.monsters[m]) == 80 && game.defense(of: game.monsters[m]) == 20)
        let events = game.apply(.zap(wand, at: Point(24, 10)))
        #expect(events.contains(.message("Your wand of empowerment fizzles.", .info)))
    }

    @Test func gamesThatZapReplayToTheSameHashFromTheirEncodedActions() {
        var game = ArsenalCatalog.arena()
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        let wand = ArsenalCatalog.give("wand-of-slowness", to: &game)
        _ = ArsenalCatalog.place("goblin", at: Point(26, 10), in: &game, state: .hunting)
        let start = game
        let actions: [Action] = [.zap(staff, at: Point(26, 10)), .zap(wand, at: Point(26, 11)), .search, .zap(staff, at: Point(30, 12)), .rest]
        for a in actions { _ = game.apply(a) }
        var replay = start
        for a in actions { _ = replay.apply(Action(encoded: a.encoded)!) }
        #expect(replay.stateHash == game.stateHash)
        #expect(Action(encoded: "Zb12,7") == .zap(Letter("b")!, at: Point(12, 7)))
        #expect(Action.zap(Letter("c")!, at: Point(3, 4)).encoded == "Zc3,4")
    }
}
