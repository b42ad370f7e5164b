import BrogueCore
import Testing

@Suite struct ActionEncodingTests {
    static let samples: [Action] =
        Direction.allCases.map { .move($0) } + [
            .rest, .search, .pickUp, .descend, .ascend, .exploreStep,
            .drop(Letter("a")!), .equip(Letter("b")!), .remove(Letter("c")!), .quaff(Letter("z")!), .eat(Letter("d")!),
            .read(Letter("e")!, target: nil), .read(Letter("e")!, target: Letter("f")!),
            .throwItem(Letter("g")!, at: Point(78, 28)), .travel(to: Point(0, 0)), .travel(to: Point(12, 7)),
        ]

    @Test(arguments: samples)
    func roundTrips(action: Action) {
        #expect(Action(encoded: action.encoded) == action)
    }

    @Test func encodingsAreDistinct() {
        #expect(Set(Self.samples.map(\.encoded)).count == Self.samples.count)
    }

    @Test(arguments: ["", "m8", "m", "m00", "zz", "dA", "d", "R", "Rab?", "ta", "ta1", "ta1,", "ta-1,3", "T79,0", "T3,29", "T1,2,3", "?", "x1"])
    func rejectsMalformedText(text: String) {
        #expect(Action(encoded: text) == nil)
    }

    @Test func aRecordedGameReplaysToTheSameHash() {
        let run = Simulation.run(seed: 77, catalog: TestCatalog.shared, turns: 800, record: true)
        let texts = run.log.map(\.encoded)
        var game = Game(seed: 77, catalog: TestCatalog.shared)
        for t in texts {
            guard let a = Action(encoded: t) else {
                Issue.record("could not decode \(t)")
                return
            }
            _ = game.apply(a)
        }
        let replayed = game.stateHash
        #expect(replayed == run.stateHash)
    }
}
