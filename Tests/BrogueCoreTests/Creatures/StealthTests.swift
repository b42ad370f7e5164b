import Testing

@testable import BrogueCore

/// Stealth and noise in constructed situations: the stealth range by what the player did, sleeping
/// and wandering monsters noticing by it, and the strong search at the end of five in a row.
@Suite struct StealthTests {
    /// The arena with one monster of `state` on the player's row, `distance` cells east of the player.
    func arena(_ state: MonsterState, distance: Int, seed: UInt64 = 1) -> (Game, Int) {
        var game = BestiaryCatalog.arena(seed: seed, catalog: AllyCatalog.shared)
        game.player.maxHP = 10_000
        game.player.hp = 10_000
        let i = BestiaryCatalog.place("rat", at: Point(20 + distance, 10), in: &game, state: state)
        return (game, i)
    }

    /// Turns until the monster leaves `state`, or nil when it stays in it for all `turns`. The player
    /// steps west and back east, or rests in place, never changing its distance by more than one.
    func turnsUntilNoticed(_ game: inout Game, _ i: Int, from state: MonsterState, resting: Bool, turns: Int = 200) -> Int? {
        for t in 1...turns {
            let action: Action = resting ? .rest : (t % 2 == 1 ? .move(.west) : .move(.east))
            _ = game.apply(action)
            if game.monsters[i].state != state { return t }
        }
        return nil
    }

    @Test func theStealthRangeIsHalvedByRestingAndSearchingAndDoubledByFightingAndRunning() {
        var (game, i) = arena(.sleeping, distance: 12)
        game.monsters[i].ticksUntilTurn = 100_000
        _ = game.apply(.move(.west))
        #expect(game.stealthRange == 14)
        _ = game.apply(.rest)
        #expect(game.stealthRange == 7)
        _ = game.apply(.search)
        #expect(game.stealthRange == 7)
        _ = game.apply(.travel(to: Point(25, 10)))
        #expect(game.stealthRange == 28, "running-noise: a travel step is as loud as a blow")
        let r = BestiaryCatalog.place("rat", at: game.player.position + Direction.east.offset, in: &game, state: .sleeping)
        game.monsters[r].ticksUntilTurn = 100_000
        _ = game.apply(.move(.east))
        #expect(game.stealthRange == 28)
    }

    @Test func aSleepingMonsterOutsideTheRangeNeverWakesWhileOneInsideWakes() {
        // Moving: the range is 14, and a sleeper notices within half of it, 7.
        var (far, f) = arena(.sleeping, distance: 9)
        let stayed = turnsUntilNoticed(&far, f, from: .sleeping, resting: false)
        #expect(stayed == nil, "9 and 10 cells away, outside 7, it sleeps through 200 turns")
        var (near, n) = arena(.sleeping, distance: 6)
        let woke = turnsUntilNoticed(&near, n, from: .sleeping, resting: false)
        #expect(woke != nil, "6 and 7 cells away, inside 7, it wakes")
        print("stealth: a sleeper 6-7 cells away woke after \(woke ?? -1) turns; one 9-10 away slept 200")
        #expect(near.monsters[n].state == .hunting)
    }

    @Test func restingHalvesTheRangeSoASleeperInsideTheMovingRangeSleepsOn() {
        var (resting, r) = arena(.sleeping, distance: 6)
        #expect(turnsUntilNoticed(&resting, r, from: .sleeping, resting: true) == nil, "resting, the range is 7: a sleeper 6 away notices within 3")
        var (close, c) = arena(.sleeping, distance: 3)
        #expect(turnsUntilNoticed(&close, c, from: .sleeping, resting: true) != nil, "3 away it wakes even so")
    }

    @Test func aWanderingMonsterInViewStartsHuntingWithinTheRangeAndNotBeyondIt() {
        // 8 and 9 cells: within the light of depth 1, so in view.
        var (near, n) = arena(.wandering, distance: 8)
        near.monsters[n].ticksUntilTurn = 0
        _ = near.apply(.move(.west))
        #expect(near.monsters[n].state == .hunting, "9 cells away, within 14")
        var (resting, r) = arena(.wandering, distance: 8)
        resting.monsters[r].ticksUntilTurn = 0
        _ = resting.apply(.rest)
        #expect(resting.monsters[r].state == .wandering, "8 cells away, beyond the resting range of 7")
    }

    @Test func theFifthSearchInARowIsAStrongSearchThatFindsSecretsFarther() throws {
        var game = BestiaryCatalog.arena(catalog: AllyCatalog.shared)
        let catalog = game.catalog
        let secret = Point(26, 4)
        game.level.setTerrain(try #require(catalog.terrainIndexByID["secret-door"]), layer: .dungeon, at: secret, catalog: catalog)
        game.updateVision()
        #expect(game.visible[secret])
        for _ in 0..<4 { _ = game.apply(.search) }
        #expect(game.level.has(.isSecret, at: secret), "6 cells away: beyond an ordinary search's 5")
        #expect(game.searchTurns == 4)
        let events = game.apply(.search)
        #expect(!game.level.has(.isSecret, at: secret))
        #expect(events.contains(.message("You finish a thorough search of your surroundings.", .info)))
        #expect(game.searchTurns == 0)
        // A refused action does not break the run; anything else does.
        for _ in 0..<3 { _ = game.apply(.search) }
        let refused = game.apply(.pickUp)
        #expect(refused.contains { if case .refused = $0 { true } else { false } } && game.searchTurns == 3)
        _ = game.apply(.rest)
        #expect(game.searchTurns == 0)
    }
}
