import Testing

@testable import BrogueCore

/// Captives and allies in constructed situations: freeing over several turns, following down the
/// stairs, fighting, fleeing when badly hurt, and learning from a fallen monster.
@Suite struct AllyTests {
    func messages(_ events: [GameEvent]) -> [String] {
        events.compactMap { if case .message(let text, _) = $0 { text } else { nil } }
    }

    func sturdy(_ game: inout Game) {
        game.player.maxHP = 10_000
        game.player.hp = 10_000
    }

    /// Frees a captive standing east of the player; returns what was said.
    func free(_ game: inout Game, _ i: Int) -> [String] {
        var said: [String] = []
        for _ in 0..<AllyCatalog.shared.player.freeingTurns { said += messages(game.apply(.move(.east))) }
        return said
    }

    @Test func freeingACaptiveTakesSeveralTurnsAndTheWorkIsKept() {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        sturdy(&game)
        let i = BestiaryCatalog.place("goblin", at: Point(21, 10), in: &game, state: .captive)
        var said: [String] = []
        for _ in 0..<3 { said += messages(game.apply(.move(.east))) }
        #expect(game.monsters[i].state == .captive && game.monsters[i].freeing == 3)
        #expect(
            said == [
                "You work at the goblin's shackles (1/5).", "You work at the goblin's shackles (2/5).", "You work at the goblin's shackles (3/5).",
            ]
        )
        // Stopping keeps the work done; two more turns free it.
        _ = game.apply(.rest)
        said = messages(game.apply(.move(.east))) + messages(game.apply(.move(.east)))
        #expect(game.monsters[i].state == .ally && game.monsters[i].freeing == 0)
        #expect(said.last == "You free the goblin from its shackles. It joins you.")
        #expect(game.player.position == Point(20, 10), "working at shackles is no step")
    }

    @Test func aFreedCaptiveFollowsThePlayerDownstairsAndLearnsAnAbilityFromAnAbsorbedMonster() throws {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        sturdy(&game)
        let i = BestiaryCatalog.place("goblin", at: Point(21, 10), in: &game, state: .captive)
        let ally = game.monsters[i].id
        let far = BestiaryCatalog.place("goblin", at: Point(30, 10), in: &game, state: .ally)
        let left = game.monsters[far].id
        _ = free(&game, i)
        #expect(game.monsters[i].state == .ally)
        // On the stairs with the freed ally beside the player and the other one far off.
        let stairs = game.level.downStairs
        game.player.position = stairs
        game.monsters[i].position = game.freeCell(near: stairs)
        let said = messages(game.apply(.descend))
        #expect(game.depth == 2)
        let a = try #require(game.monsters.firstIndex { $0.id == ally }, "the ally stayed behind: \(said)")
        #expect(game.monsters[a].state == .ally && game.monsters[a].position.distance(to: game.player.position) <= 2)
        #expect(game.monsters[a].position != game.player.position, "the ally landed on the player's own cell")
        #expect(said.contains("Your goblin follows you."))
        #expect(!game.monsters.contains { $0.id == left }, "an ally far from the stairs stays on its level")
        #expect(game.frozenMonsters[0].contains { $0.id == left })
        // Depth 2, cleared to the ally: a sleeping conjurer falls to one blow beside the player.
        game.monsters.removeAll { $0.id != ally }
        let p = game.player.position
        let spot = try #require(
            Direction.allCases.first { d in
                game.level.isPassable(p + d.offset) && game.monsterIndex(at: p + d.offset) == nil && game.level.canStep(from: p, d)
            }
        )
        let c = BestiaryCatalog.place("goblin-conjurer", at: p + spot.offset, in: &game, state: .sleeping)
        game.monsters[c].hp = 1
        var heard = messages(game.apply(.move(spot)))
        #expect(!game.monsters.contains { $0.kind == game.catalog.monsterIndexByID["goblin-conjurer"] })
        #expect(game.level.remains.count == 1)
        func learned() -> Bool { game.monsters.first { $0.id == ally }.map { !$0.learnedAbilities.isEmpty } ?? true }
        for _ in 0..<20 where !learned() { heard += messages(game.apply(.rest)) }
        let learner = try #require(game.monsters.first { $0.id == ally })
        #expect(learner.learnedAbilities.map(\.rule) == [.summons], "\(heard)")
        #expect(heard.contains("The goblin begins to absorb the fallen goblin conjurer."))
        #expect(heard.contains("The goblin absorbs the fallen goblin conjurer and learns to summon spectral blades."))
        #expect(game.level.remains.isEmpty, "absorbed remains are used up")
    }

    @Test func anAllyUsesTheAbilityItLearned() {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        sturdy(&game)
        let a = BestiaryCatalog.place("goblin", at: Point(22, 10), in: &game, state: .ally)
        game.monsters[a].learnedAbilities = [MonsterAbility(.summons, monster: "spectral-blade", count: 2...2, chance: 100, turns: 15)]
        let rat = BestiaryCatalog.place("rat", at: Point(28, 10), in: &game, state: .hunting)
        game.monsters[rat].ticksUntilTurn = 1_000
        game.monsters[a].ticksUntilTurn = 0
        let said = messages(game.apply(.rest))
        let blades = game.monsters.filter { $0.summoner == game.monsters[a].id }
        #expect(blades.count == 2 && blades.allSatisfy { $0.state == .ally }, "\(said)")
    }

    @Test func anAllyLearnsATraitThatTheRulesRead() {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        let a = BestiaryCatalog.place("goblin", at: Point(22, 10), in: &game, state: .ally)
        game.level.remains = [Remains(position: Point(23, 10), kind: game.catalog.monsterIndexByID["bat"]!, turnsLeft: 20)]
        for _ in 0..<Game.absorbTurns + 2 { _ = game.apply(.rest) }
        #expect(game.monsters[a].learnedFlags == .flies)
        #expect(game.traits(of: game.monsters[a]).contains(.flies))
    }

    @Test func anAllyAttacksAnAdjacentEnemy() {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        sturdy(&game)
        let a = BestiaryCatalog.place("goblin", at: Point(25, 10), in: &game, state: .ally)
        let r = BestiaryCatalog.place("rat", at: Point(26, 10), in: &game, state: .hunting)
        game.monsters[r].hp = 1_000
        game.monsters[r].maxHP = 1_000
        let ally = game.monsters[a].id
        var attacks = 0
        for _ in 0..<5 {
            for e in game.apply(.rest) {
                if case .attacked(let attacker, let defender, _, _) = e, attacker == ally, defender == game.monsters[r].id { attacks += 1 }
            }
        }
        #expect(attacks == 5, "one blow a turn at the rat beside it")
    }

    @Test func anAllyFleesWhenBadlyHurt() {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        sturdy(&game)
        let a = BestiaryCatalog.place("goblin", at: Point(25, 10), in: &game, state: .ally)
        game.monsters[a].maxHP = 30
        game.monsters[a].hp = 5
        let r = BestiaryCatalog.place("rat", at: Point(26, 10), in: &game, state: .hunting)
        game.monsters[r].ticksUntilTurn = 10_000
        let ally = game.monsters[a].id
        var attacked = false
        for _ in 0..<3 {
            for e in game.apply(.rest) { if case .attacked(let attacker, _, _, _) = e, attacker == ally { attacked = true } }
        }
        #expect(!attacked)
        #expect(game.monsters[a].position.distance(to: game.monsters[r].position) > 3, "at \(game.monsters[a].position)")
        // Healed, it fights again.
        game.monsters[a].hp = 30
        game.monsters[a].position = Point(25, 10)
        for e in game.apply(.rest) { if case .attacked(let attacker, _, _, _) = e, attacker == ally { attacked = true } }
        #expect(attacked)
    }

    @Test func aCaptiveHordeHasItsLeaderInShacklesAndItsCaptorsRoundIt() {
        var captives = 0
        for seed in UInt64(1)...5 {
            let game = Game(seed: seed, catalog: AllyCatalog.captors)
            let goblins = game.monsters.filter { $0.kind == game.catalog.monsterIndexByID["goblin"] }
            let rats = game.monsters.filter { $0.kind == game.catalog.monsterIndexByID["rat"] }
            #expect(goblins.allSatisfy { $0.state == .captive && $0.leadsHorde })
            #expect(rats.allSatisfy { $0.isHostile })
            captives += goblins.count
        }
        #expect(captives >= 5)
    }
}
