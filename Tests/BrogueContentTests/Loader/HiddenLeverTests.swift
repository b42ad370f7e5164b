import BrogueContent
import Foundation
import Testing

@testable import BrogueCore

/// The hidden-lever key room of the core content: its key lies behind a portcullis, and the
/// lever that raises it looks like wall until a search finds it.
@Suite("Hidden lever")
struct HiddenLeverTests {
    @Test func theLeverIsWallUntilFoundAndThenRaisesThePortcullis() throws {
        let found = try #require(CoreVaults.find("key-secret-lever"), "no hidden lever on seeds 1-40")
        var game = found.0
        let n = found.1
        #expect(LevelInvariants.problems(game.level).isEmpty)
        let room = game.level.machines[n - 1]
        let cells = game.level.machineAt.cells.indices.map { game.level.machineAt.point(at: $0) }
        let lever = try #require(cells.first { Int(game.level.machineAt[$0]) == n && game.level.has(.firesOnBump, at: $0) })
        #expect(!room.contains(lever), "the lever lies elsewhere on the level")
        #expect(game.level.has(.isSecret, at: lever))
        #expect(game.level.has(.blocksMovement, at: room.entrance), "the portcullis is down")

        var events: [GameEvent] = []
        let before = game.bumpMachinePart(at: lever, &events)
        #expect(before == nil && !game.level.machines[n - 1].fired, "an unfound lever is only wall")
        game.discoverSecret(at: lever, &events)
        #expect(!game.level.has(.isSecret, at: lever))
        let pulled = game.bumpMachinePart(at: lever, &events)
        #expect(pulled != nil && game.level.machines[n - 1].fired)
        #expect(!game.level.has(.blocksMovement, at: room.entrance), "the portcullis is up")
    }
}
