import Testing

@testable import BrogueCore

/// Each monster ability and habit in a constructed situation: a room of floor (and a pond of
/// deep water where it matters), the player and the monsters placed by hand.
@Suite struct MonsterAbilityTests {
    func messages(_ events: [GameEvent]) -> [String] {
        events.compactMap { if case .message(let text, _) = $0 { text } else { nil } }
    }

    /// A sturdy player, so a test about a monster is never cut short by the player's death.
    func sturdy(_ game: inout Game) {
        game.player.maxHP = 10_000
        game.player.hp = 10_000
    }

    @Test func aGoblinConjurerSummonsBladesThatVanishAfterTheirTime() {
        var game = BestiaryCatalog.arena()
        sturdy(&game)
        let c = BestiaryCatalog.place("goblin-conjurer", at: Point(26, 10), in: &game)
        let conjurer = game.monsters[c].id
        game.monsters[c].ticksUntilTurn = 0
        var said: [String] = []
        said += messages(game.apply(.rest))
        let blades = game.monsters.filter { $0.summoner == conjurer }
        #expect(blades.count == 3, "\(said)")
        #expect(blades.allSatisfy { $0.lifespan > 0 && $0.lifespan <= 15 && $0.isHostile })
        #expect(said.contains("The goblin conjurer calls up 3 spectral blades!"), "\(said)")
        let first = Set(blades.map(\.id))
        // While its blades last it calls up no more.
        for _ in 0..<10 { said += messages(game.apply(.rest)) }
        #expect(game.monsters.filter { $0.summoner == conjurer && !first.contains($0.id) }.isEmpty)
        for _ in 0..<6 { said += messages(game.apply(.rest)) }
        #expect(!game.monsters.contains { first.contains($0.id) }, "the first blades are gone after 15 turns")
        #expect(said.contains("The spectral blade fades away."))
    }

    @Test func aGoblinMysticShieldsAnAllyInView() {
        var game = BestiaryCatalog.arena()
        sturdy(&game)
        let g = BestiaryCatalog.place("goblin", at: Point(23, 10), in: &game)
        let m = BestiaryCatalog.place("goblin-mystic", at: Point(26, 10), in: &game)
        game.monsters[m].ticksUntilTurn = 0
        game.monsters[g].ticksUntilTurn = 500
        let said = messages(game.apply(.rest))
        #expect(game.monsters[g].status.shield > 0, "\(said)")
        #expect(said.contains("The goblin mystic casts protection."))
    }

    @Test func aCasterFiresAHarmfulBoltAtThePlayer() {
        var game = BestiaryCatalog.arena()
        sturdy(&game)
        let f = BestiaryCatalog.place("fire-caller", at: Point(25, 10), in: &game)
        game.monsters[f].ticksUntilTurn = 0
        let events = game.apply(.rest)
        #expect(game.player.hp < 10_000)
        #expect(messages(events).contains("The firebolt hits you."))
        #expect(events.contains { if case .bolt = $0 { true } else { false } })
    }

    @Test func aMonkeyStealsAnItemAndFleesAndKillingItDropsTheItem() throws {
        var game = BestiaryCatalog.arena()
        sturdy(&game)
        let before = game.inventory.letters.count
        let k = BestiaryCatalog.place("monkey", at: Point(21, 10), in: &game)
        let monkey = game.monsters[k].id
        var said: [String] = []
        for _ in 0..<40 where game.monsters.first(where: { $0.id == monkey })?.carried == nil { said += messages(game.apply(.rest)) }
        let thief = try #require(game.monsters.first { $0.id == monkey })
        let loot = try #require(thief.carried, "the monkey never stole: \(said)")
        #expect(game.inventory.letters.count == before - 1)
        #expect(thief.state == .fleeing)
        #expect(said.contains { $0.hasPrefix("The monkey snatches") })
        // It keeps fleeing at full health.
        for _ in 0..<5 { _ = game.apply(.rest) }
        let i = game.monsters.firstIndex { $0.id == monkey }!
        game.monsters[i].hp = game.monsters[i].maxHP
        _ = game.apply(.rest)
        #expect(game.monsters[i].state == .fleeing)
        let at = game.monsters[i].position
        var events: [GameEvent] = []
        game.killMonster(i, &events)
        #expect(game.level.items.contains { $0.item == loot && $0.position.distance(to: at) <= 1 })
    }

    @Test func anEelSubmergesKeepsToTheWaterAndCannotBeStruckUnderwater() {
        let pond = (21...30).flatMap { x in (8...12).map { Point(x, $0) } }
        var game = BestiaryCatalog.arena(pond: pond)
        sturdy(&game)
        let e = BestiaryCatalog.place("eel", at: Point(27, 10), in: &game)
        let eel = game.monsters[e].id
        game.monsters[e].ticksUntilTurn = 0
        _ = game.apply(.rest)
        #expect(game.monsters[e].submerged)
        #expect(!game.canSee(game.monsters[e]))
        for _ in 0..<30 {
            _ = game.apply(.rest)
            let now = game.monsters.first { $0.id == eel }!
            #expect(game.level.has(.isDeep, at: now.position), "the eel left the water at \(now.position)")
        }
        // Right beside the player, under water: a blow finds nothing to strike.
        let i = game.monsters.firstIndex { $0.id == eel }!
        game.monsters[i].position = Point(21, 10)
        game.monsters[i].submerged = true
        game.monsters[i].ticksUntilTurn = 1_000
        let hp = game.monsters[i].hp
        for _ in 0..<5 {
            let said = messages(game.apply(.move(.east)))
            #expect(said.contains("Something slips away beneath the water."))
        }
        #expect(game.monsters[i].hp == hp)
        // Once it surfaces to bite, it can be struck.
        game.monsters[i].submerged = false
        for _ in 0..<20 where game.monsters[i].hp == hp { _ = game.apply(.move(.east)) }
        #expect(game.monsters[i].hp < hp)
    }

    @Test func aJellySplitsWhenHit() {
        var game = BestiaryCatalog.arena()
        sturdy(&game)
        let j = BestiaryCatalog.place("jelly", at: Point(21, 10), in: &game)
        game.monsters[j].ticksUntilTurn = 10_000
        for _ in 0..<20 where game.monsters.count == 1 { _ = game.apply(.move(.east)) }
        let jellies = game.monsters.filter { game.catalog.monsters[$0.kind].id == "jelly" }
        #expect(jellies.count == 2)
        #expect(jellies[0].hp == jellies[1].hp)
    }

    @Test func weaponImmuneMonstersShrugOffBlows() {
        var game = BestiaryCatalog.arena()
        let w = BestiaryCatalog.place("wisp", at: Point(21, 10), in: &game)
        game.monsters[w].ticksUntilTurn = 10_000
        var said: [String] = []
        for _ in 0..<10 { said += messages(game.apply(.move(.east))) }
        #expect(game.monsters[w].hp == game.monsters[w].maxHP)
        #expect(said.contains("Your blow glances off the wisp harmlessly."))
    }

    @Test func aReflectingMonsterTurnsAsideHarmfulBolts() {
        var game = BestiaryCatalog.arena()
        let t = BestiaryCatalog.place("mirror-totem", at: Point(24, 10), in: &game)
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        let said = messages(game.apply(.zap(staff, at: Point(24, 10))))
        #expect(game.monsters[t].hp == game.monsters[t].maxHP)
        #expect(said.contains("The firebolt glances off the mirror totem!"), "\(said)")
    }

    @Test func aWhirlerStrikesEveryFoeAroundIt() {
        var game = BestiaryCatalog.arena()
        sturdy(&game)
        let w = BestiaryCatalog.place("whirler", at: Point(21, 10), in: &game)
        let a = BestiaryCatalog.place("goblin", at: Point(22, 10), in: &game, state: .ally)
        var events: [GameEvent] = []
        _ = game.carryOut(.attack(at: game.player.position), by: w, &events)
        let defenders = events.compactMap { if case .attacked(_, let d, _, _) = $0 { d } else { nil } }
        #expect(defenders == [game.player.id, game.monsters[a].id])
    }

    @Test func aBloatDiesIntoWhatItsKindNames() {
        var game = BestiaryCatalog.arena()
        let b = BestiaryCatalog.place("bloat", at: Point(25, 10), in: &game)
        var events: [GameEvent] = []
        game.killMonster(b, &events)
        let rats = game.monsters.filter { $0.hp > 0 && game.catalog.monsters[$0.kind].id == "rat" }
        #expect(rats.count == 2)
        #expect(rats.allSatisfy { $0.position.distance(to: Point(25, 10)) <= 2 })
    }

    @Test func aCarrierStartsWithAnItemAndDropsItWhereItDies() throws {
        var game = BestiaryCatalog.arena()
        var m = Creature(id: 99, kind: game.catalog.monsterIndexByID["pack-rat"]!, position: Point(25, 10), hp: 10, state: .sleeping)
        game.equipCarrier(&m)
        let item = try #require(m.carried)
        game.monsters.append(m)
        var events: [GameEvent] = []
        game.killMonster(game.monsters.count - 1, &events)
        #expect(game.level.items.contains { $0.item == item && $0.position == Point(25, 10) })
    }
}
