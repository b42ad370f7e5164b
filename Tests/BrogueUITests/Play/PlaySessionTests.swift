import BrogueCore
import BrogueUI
import Testing

@Suite struct PlaySessionTests {
    func session(seed: UInt64 = 3) -> (PlaySession, MemoryRecorder) {
        let recorder = MemoryRecorder()
        return (PlaySession(game: Game(seed: seed, catalog: CoreContent.catalog), recorder: recorder), recorder)
    }

    /// A direction the player can step in from where it stands.
    func openDirection(_ game: Game) -> (String, Direction)? {
        let keys = ["k", "l", "j", "h", "u", "n", "b", "y"]
        for d in Direction.allCases
        where game.level.canStep(from: game.player.position, d) && game.monsterIndex(at: game.player.position + d.offset) == nil {
            return (keys[d.rawValue], d)
        }
        return nil
    }

    @Test func viKeysMoveAndEveryActionIsRecorded() throws {
        let (s, recorder) = session()
        let (key, dir) = try #require(openDirection(s.game))
        let from = s.game.player.position
        try s.handle(key: key)
        let to = s.game.player.position
        #expect(to == from + dir.offset)
        #expect(recorder.actions == [.move(dir)])
    }

    @Test func refusedActionsAreNotRecorded() throws {
        let (s, recorder) = session()
        try s.handle(key: ">")  // travel: stairs down unknown yet, or a step toward them
        let before = recorder.actions.count
        while s.isRunning { try s.step() }
        try s.handle(key: "<")  // on the exit without the Amulet: refused
        while s.isRunning { try s.step() }
        #expect(recorder.actions.count >= before)
        var replay = Game(seed: 3, catalog: CoreContent.catalog)
        for a in recorder.actions { _ = replay.apply(a) }
        #expect(replay.stateHash == s.game.stateHash)
    }

    @Test func exploreRunsSeveralStepsAndReplaysToTheSameHash() throws {
        // A seed whose first level lets exploring run on: on some (seed 9 since the vaults of
        // late 2026) a monster soon stands in the only way on and exploring stops, refused.
        let (s, recorder) = session(seed: 6)
        for _ in 0..<20 {
            try s.handle(key: "x")
            while s.isRunning { try s.step() }
            if s.game.isOver { break }
        }
        #expect(recorder.actions.count > 20)
        var replay = Game(seed: 6, catalog: CoreContent.catalog)
        for a in recorder.actions { _ = replay.apply(a) }
        #expect(replay.stateHash == s.game.stateHash)
    }

    @Test func aFailedSaveLeavesTheGameAsItWas() throws {
        let (s, recorder) = session()
        let (key, _) = try #require(openDirection(s.game))
        let before = s.game.stateHash
        recorder.failNext = true
        #expect(throws: MemoryRecorder.Failure.self) { try s.handle(key: key) }
        #expect(s.game.stateHash == before)
        #expect(recorder.actions.isEmpty)
    }

    @Test func itemCommandsAskForALetter() throws {
        let (s, recorder) = session()
        try s.handle(key: "a")  // eat
        #expect(s.mode == .chooseItem(.eat))
        let food = try #require(s.candidates(for: .eat).first)
        try s.handle(key: String(food.character))
        #expect(s.mode == .normal)
        #expect(recorder.actions == [.eat(food)])
        try s.handle(key: "q")  // no potions at the start
        #expect(s.mode == .normal)
        #expect(s.log.entries.last?.text == "You have nothing to quaff.")
    }

    @Test func escapeCancelsAPrompt() throws {
        let (s, recorder) = session()
        try s.handle(key: "d")
        #expect(s.mode == .chooseItem(.drop))
        try s.handle(key: "escape")
        #expect(s.mode == .normal)
        #expect(recorder.actions.isEmpty)
    }

    @Test func abandoningAsksFirst() throws {
        let (s, _) = session()
        #expect(try s.handle(key: "Q") == .continue)
        #expect(s.mode == .confirmAbandon)
        #expect(try s.handle(key: "n") == .continue)
        #expect(s.mode == .normal)
        try s.handle(key: "Q")
        #expect(try s.handle(key: "y") == .abandoned)
    }

    @Test func saveAndQuitLeavesTheScreen() throws {
        let (s, _) = session()
        #expect(try s.handle(key: "S") == .saveAndQuit)
    }

    @Test func reboundKeysWork() throws {
        let (s, recorder) = session()
        var keymap = Keymap.standard
        keymap.bind(["F"], to: .search)
        s.keymap = keymap
        try s.handle(key: "F")
        #expect(recorder.actions == [.search])
    }

    @Test func helpAndInventoryScreensCloseOnAnyKey() throws {
        let (s, _) = session()
        try s.handle(key: "?")
        #expect(s.mode == .help)
        try s.handle(key: "space")
        #expect(s.mode == .normal)
        try s.handle(key: "i")
        #expect(s.mode == .inventory)
        try s.handle(key: "escape")
        #expect(s.mode == .normal)
    }
}
