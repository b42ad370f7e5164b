import Testing

@testable import BrogueCore

/// Hordes and water dwellers on generated levels, and bot games among summoners, thieves and
/// casters that replay to the same hash.
@Suite struct BestiaryDeterminismTests {
    @Test func waterDwellersSpawnOnlyInDeepWaterAndHordesBringTheirFollowers() {
        let catalog = BestiaryCatalog.haunted
        var eels = 0
        var packs = 0
        for seed in UInt64(1)...30 {
            var game = Game(seed: seed, catalog: catalog)
            for depth in 1...4 {
                if depth > 1 { game.visit(depth: depth) }
                for m in game.monsters where catalog.monsters[m.kind].id == "eel" {
                    eels += 1
                    #expect(game.level.has(.isDeep, at: m.position), "seed \(seed) depth \(depth): an eel on dry land at \(m.position)")
                }
                let (size, _) = SeedCatalog.hordes(game)
                for (i, m) in game.monsters.enumerated() where catalog.monsters[m.kind].id == "goblin-mystic" && m.leadsHorde {
                    #expect(size[i] == 2, "seed \(seed) depth \(depth): a mystic's horde of \(size[i])")
                    packs += 1
                }
            }
        }
        #expect(eels >= 10, "only \(eels) eels over 120 levels")
        #expect(packs >= 5, "only \(packs) mystic packs over 120 levels")
    }

    @Test func aLevelWithoutDeepWaterSpawnsNoWaterDwellers() {
        let only = BestiaryCatalog.make(spawns: [SpawnEntry(kind: "eel", depths: 1...26, weight: 10)])
        var game = BestiaryCatalog.arena(catalog: only)
        #expect(!game.level.flags.cells.contains { $0.contains(.isDeep) }, "the test catalog's levels have no lakes")
        #expect(game.spawnHorde(awayFrom: nil) == 0)
        let water = only.terrainIndexByID["deep-water"]!
        game.level.setTerrain(water, layer: .liquid, at: Point(30, 10), catalog: only)
        #expect(game.spawnHorde(awayFrom: nil) == 1)
        #expect(game.monsters.last!.position == Point(30, 10))
    }

    @Test func botGamesAmongSummonersThievesAndCastersReplayToTheSameHashOver200Seeds() {
        let catalog = BestiaryCatalog.haunted
        var summoned = 0
        var stolen = 0
        for seed in UInt64(1)...200 {
            var sawSummons = false
            var sawTheft = false
            let run = Simulation.run(seed: seed, catalog: catalog, turns: 300, record: true) { (_, game: Game) throws(Never) in
                if !sawSummons && game.monsters.contains(where: { $0.summoner != 0 }) { sawSummons = true }
                if !sawTheft && game.monsters.contains(where: { $0.carried != nil && $0.state == .fleeing }) { sawTheft = true }
            }
            if sawSummons { summoned += 1 }
            if sawTheft { stolen += 1 }
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
        #expect(summoned >= 20, "summons were in play in \(summoned) of 200 games")
        #expect(stolen >= 5, "a thief fled with loot in \(stolen) of 200 games")
    }
}
