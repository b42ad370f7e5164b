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
