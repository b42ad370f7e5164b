import Testing

@testable import BrogueCore

/// Bot games with captives to free, allies that follow, fight and absorb, and summons, that
/// replay to the same hash.
@Suite struct AllyDeterminismTests {
    @Test func theBotFreesACaptiveItSeesWhenNothingHostileIsInSight() {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        let c = BestiaryCatalog.place("goblin", at: Point(25, 12), in: &game, state: .captive)
        var bot = ExploreBot()
        var actions: [Action] = []
        for _ in 0..<12 where game.monsters[c].state == .captive {
            let action = bot.nextAction(for: game)
            actions.append(action)
            bot.observe(game.apply(action), game: game)
        }
        #expect(game.monsters[c].state == .ally, "\(actions)")
        #expect(actions.filter { if case .move = $0 { true } else { false } }.count == 5, "five turns of work at the shackles: \(actions)")
    }

    @Test func botGamesWithAlliesInPlayReplayToTheSameHashOver200Seeds() {
        let catalog = AllyCatalog.haunted
        var withAllies = 0
        var downstairs = 0
        var learned = 0
        for seed in UInt64(1)...200 {
            var sawAlly = false
            var allyBelow = false
            var sawLearning = false
            let run = Simulation.run(seed: seed, catalog: catalog, turns: 300, record: true) { (_, game: Game) throws(Never) in
                let allies = game.monsters.filter { $0.state == .ally && $0.summoner == 0 }
                if !allies.isEmpty { sawAlly = true }
                if game.depth > 1 && !allies.isEmpty { allyBelow = true }
                if allies.contains(where: { !$0.learnedAbilities.isEmpty || !$0.learnedFlags.isEmpty }) { sawLearning = true }
            }
            if sawAlly { withAllies += 1 }
            if allyBelow { downstairs += 1 }
            if sawLearning { learned += 1 }
            var replay = Game(seed: seed, catalog: catalog)
            for action in run.log {
                guard let decoded = Action(encoded: action.encoded) else {
                    Issue.record("seed \(seed): \(action) does not survive its text form")
                    return
                }
                _ = replay.apply(decoded)
            }
            #expect(replay.stateHash == run.stateHash, "seed \(seed)")
        }
        print("allies: freed in \(withAllies) of 200 bot games, taken below depth 1 in \(downstairs), learned in \(learned)")
        #expect(withAllies >= 40, "allies were in play in \(withAllies) of 200 games")
    }
}
