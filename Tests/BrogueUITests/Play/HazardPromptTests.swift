import BrogueUI
import Testing

@testable import BrogueCore

/// A step into a hazard the player can see is asked about first; a run stops at its edge.
@Suite struct HazardPromptTests {
    /// A game on the core content with lava east of the player, where the player can step.
    func gameBesideLava() throws -> (Game, Direction, String) {
        var game = Game(seed: 3, catalog: CoreContent.catalog)
        game.monsters.removeAll()
        let keys = ["k", "l", "j", "h", "u", "n", "b", "y"]
        let dir = try #require(
            Direction.allCases.first { d in
                let to = game.player.position + d.offset
                return game.level.canStep(from: game.player.position, d) && game.level.itemIndex(at: to) == nil
            }
        )
        let lava = try #require(CoreContent.catalog.terrainIndexByID["lava"])
        game.level.setTerrain(lava, layer: .liquid, at: game.player.position + dir.offset, catalog: CoreContent.catalog)
        return (game, dir, keys[dir.rawValue])
    }

    @Test func steppingIntoLavaAsksFirst() throws {
        let (game, _, key) = try gameBesideLava()
        let recorder = MemoryRecorder()
        let s = PlaySession(game: game, recorder: recorder)
        try s.handle(key: key)
        guard case .confirmStep(_, let question) = s.mode else {
            Issue.record("expected a question, got \(s.mode)")
            return
        }
        #expect(question == "Really step into lava?")
        try s.handle(key: "n")
        #expect(s.mode == .normal && recorder.actions.isEmpty && !s.game.isOver)
        try s.handle(key: key)
        try s.handle(key: "y")
        #expect(s.game.isOver)
        #expect(s.mode == .gameOver)
        #expect(recorder.actions.count == 1)
    }

    @Test func runningStopsAtTheEdge() throws {
        let (game, _, key) = try gameBesideLava()
        let s = PlaySession(game: game, recorder: nil)
        try s.handle(key: key.uppercased())
        while s.isRunning { try s.step() }
        #expect(!s.game.isOver)
        #expect(s.game.turn == 0)
    }
}
