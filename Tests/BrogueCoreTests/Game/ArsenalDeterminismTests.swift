import Testing

@testable import BrogueCore

/// Bot games that zap staffs and wands are a pure function of seed and actions: over 200 seeds,
/// replaying each game's action log from its text form gives the same state hash.
@Suite struct ArsenalDeterminismTests {
    @Test func botGamesThatZapReplayToTheSameHashOver200Seeds() {
        let catalog = ArsenalCatalog.armed
        var zaps = 0
        var zapKinds: Set<String> = []
        for seed in UInt64(1)...200 {
            let run = Simulation.run(seed: seed, catalog: catalog, turns: 300, record: true)
            var replay = Game(seed: seed, catalog: catalog)
            for action in run.log {
                guard let decoded = Action(encoded: action.encoded) else {
                    Issue.record("seed \(seed): \(action) does not survive its text form")
                    return
                }
                if case .zap(let l, _) = action, let item = replay.inventory[l] {
                    zaps += 1
                    zapKinds.insert(catalog.items[item.kind].id)
                }
                _ = replay.apply(decoded)
            }
            #expect(replay.stateHash == run.stateHash, "seed \(seed)")
        }
        #expect(zaps >= 200, "the bot zapped \(zaps) times")
        #expect(zapKinds.isSuperset(of: ["staff-of-firebolt", "staff-of-conjuration", "wand-of-slowness"]), "\(zapKinds.sorted())")
    }
}

/// Bot games that wear rings and use charms replay to the same hash: the player starts with a ring
/// and charms, and every ring and charm lies about the dungeon.
@Suite struct JewelleryDeterminismTests {
    @Test func botGamesWithRingsAndCharmsReplayToTheSameHashOver60Seeds() {
        let catalog = ArsenalCatalog.make(kit: ["ring-of-regeneration", "health-charm", "protection-charm", "guardian-charm", "haste-charm"])
        var used: Set<String> = []
        var worn: Set<String> = []
        for seed in UInt64(1)...60 {
            let run = Simulation.run(seed: seed, catalog: catalog, turns: 400, record: true)
            var replay = Game(seed: seed, catalog: catalog)
            for action in run.log {
                guard let decoded = Action(encoded: action.encoded) else {
                    Issue.record("seed \(seed): \(action) does not survive its text form")
                    return
                }
                if case .use(let l) = action, let item = replay.inventory[l] { used.insert(catalog.items[item.kind].id) }
                if case .equip(let l) = action, let item = replay.inventory[l], catalog.items[item.kind].category == .ring {
                    worn.insert(catalog.items[item.kind].id)
                }
                _ = replay.apply(decoded)
            }
            #expect(replay.stateHash == run.stateHash, "seed \(seed)")
        }
        #expect(used.isSuperset(of: ["health-charm", "protection-charm", "guardian-charm", "haste-charm"]), "\(used.sorted())")
        #expect(worn.count >= 4, "rings put on: \(worn.sorted())")
    }
}
