import BrogueCore
import Testing

@Suite struct SimulationTests {
    @Test func sameSeedSameHash() {
        let a = Simulation.run(seed: 11, catalog: TestCatalog.shared, turns: 2000)
        let b = Simulation.run(seed: 11, catalog: TestCatalog.shared, turns: 2000)
        print("sim 11:", a.turns, a.actions, a.deepest, a.kills, a.stopReason, a.stateHash.hex16)
        #expect(a.stateHash == b.stateHash)
        #expect(a.actions == b.actions)
    }
}
