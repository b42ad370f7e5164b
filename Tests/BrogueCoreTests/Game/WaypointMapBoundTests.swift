import Testing

@testable import BrogueCore

/// A game keeps at most `Scratch.waypointMapsKept` waypoint maps and builds a dropped one again
/// when a monster next heads for its waypoint. The maps are built from the costs kept for the
/// level, so a rebuilt map equals the dropped one: the bound must change no move, which the
/// state hash after every action shows.
@Suite struct WaypointMapBoundTests {
    /// The hash after every action of a game the explore bot plays, resting every third action
    /// so the monsters roam, with `kept` maps at most; and the most maps it ever held.
    static func play(seed: UInt64, kept: Int) -> (hashes: [UInt64], mostHeld: Int) {
        var game = Game(seed: seed, catalog: TestCatalog.shared)
        game.scratch.waypointMapsKept = kept
        var bot = ExploreBot()
        var hashes: [UInt64] = []
        var mostHeld = 0
        for i in 0..<900 where !game.isOver {
            let action = i % 3 == 2 ? Action.rest : bot.nextAction(for: game)
            let events = game.apply(action)
            if action != .rest { bot.observe(events, game: game) }
            hashes.append(game.stateHash)
            mostHeld = max(mostHeld, game.scratch.waypointMaps.lazy.filter { $0 != nil }.count)
        }
        return (hashes, mostHeld)
    }

    @Test(arguments: [3, 8] as [UInt64])
    func droppingWaypointMapsChangesNoMove(seed: UInt64) {
        let unbounded = Self.play(seed: seed, kept: 1000)
        let tight = Self.play(seed: seed, kept: 1)
        #expect(unbounded.mostHeld > 1, "monsters headed for more than one waypoint, so the tight game dropped maps")
        #expect(tight.mostHeld == 1)
        #expect(tight.hashes.count == unbounded.hashes.count)
        let first = zip(tight.hashes, unbounded.hashes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(first == nil, "the games part after action \(first ?? -1)")
    }

    @Test func aGameKeepsAtMostItsBound() {
        let played = Self.play(seed: 3, kept: Scratch().waypointMapsKept)
        #expect(played.mostHeld <= Scratch().waypointMapsKept)
    }
}
