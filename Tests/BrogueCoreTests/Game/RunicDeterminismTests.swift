import Testing

@testable import BrogueCore

/// Bot games where weapons and armors with runics, whips, flails, incendiary darts and the later
/// potions and scrolls lie about the dungeon replay to the same hash from their action logs.
@Suite struct RunicDeterminismTests {
    /// The later kinds' catalog with every test runic, and the new kinds and plenty of weapons and armor on every depth.
    static let catalog: ContentCatalog = {
        let a = LaterKindsTests.catalog
        let extra = [
            "sword", "chain-mail", "leather-armor", "whip", "flail", "incendiary-darts", "potion-of-hallucination", "potion-of-creeping-death",
            "scroll-of-protect-armor", "scroll-of-protect-weapon", "scroll-of-sanctity",
        ]
        let spawns = SpawnRules(
            monsters: a.spawns.monsters,
            items: a.spawns.items + extra.map { SpawnEntry(kind: $0, depths: 1...26, weight: 40) },
            population: a.spawns.population
        )
        do {
            return try ContentCatalog(
                terrains: a.terrains,
                monsters: a.monsters,
                items: a.items,
                spawns: spawns,
                player: a.player,
                appearances: a.appearances,
                bolts: a.bolts,
                runics: RunicTests.runics
            )
        } catch {
            fatalError("runic determinism catalog is invalid: \(error)")
        }
    }()

    @Test func botGamesWithRunicsAndTheLaterKindsReplayToTheSameHashOver100Seeds() {
        let catalog = Self.catalog
        var revealed: Set<String> = []
        var runicsWorn = 0
        var used: Set<String> = []
        for seed in UInt64(1)...100 {
            let run = Simulation.run(seed: seed, catalog: catalog, turns: 800, record: true)
            var replay = Game(seed: seed, catalog: catalog)
            for action in run.log {
                guard let decoded = Action(encoded: action.encoded) else {
                    Issue.record("seed \(seed): \(action) does not survive its text form")
                    return
                }
                if case .equip(let l) = action, let item = replay.inventory[l], item.runic != 0 { runicsWorn += 1 }
                for event in replay.apply(decoded) {
                    if case .message(let text, _) = event, text.hasPrefix("Your "), text.contains(" is a"), let r = text.firstRange(of: " of ") {
                        revealed.insert(String(text[r.upperBound...].dropLast()))
                    }
                    if case .itemUsed(let kind) = event { used.insert(catalog.items[kind].id) }
                }
            }
            #expect(replay.stateHash == run.stateHash, "seed \(seed)")
        }
        print("runic determinism: \(runicsWorn) runic items put on, runics revealed in play: \(revealed.sorted()), used: \(used.sorted())")
        #expect(runicsWorn >= 10, "runic items put on: \(runicsWorn)")
        #expect(revealed.count >= 3, "runics that acted: \(revealed.sorted())")
    }
}
