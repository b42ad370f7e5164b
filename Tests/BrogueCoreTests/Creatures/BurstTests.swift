import Testing

@testable import BrogueCore

/// The `bursts` ability in a constructed room: a bloat's gas, a pit bloat's pit and an explosive
/// bloat's flame, laid where it dies, and what they do to whoever stands there.
@Suite struct BurstTests {
    static let catalog: ContentCatalog = {
        var gas = TestCatalog.terrain("caustic-gas", "%", .gas)
        gas.breathed = .poison
        return BestiaryCatalog.make(
            extraKinds: [
                BestiaryCatalog.monster("gas-bloat", hp: 4, abilities: [MonsterAbility(.bursts, turns: 10, terrain: "caustic-gas", radius: 2)]),
                BestiaryCatalog.monster("pit-bloat", hp: 4, abilities: [MonsterAbility(.bursts, terrain: "chasm", radius: 1)]),
                BestiaryCatalog.monster("fire-bloat", hp: 4, abilities: [MonsterAbility(.bursts, turns: 3, terrain: "burning-grass", radius: 1)]),
            ],
            extraTerrains: [gas]
        )
    }()

    func kill(_ id: String, at p: Point, in game: inout Game) -> [GameEvent] {
        let b = BestiaryCatalog.place(id, at: p, in: &game)
        var events: [GameEvent] = []
        game.killMonster(b, &events)
        return events
    }

    @Test func aBloatBurstsIntoGasThatPoisonsWhoeverBreathesIt() {
        var game = BestiaryCatalog.arena(catalog: Self.catalog)
        let gas = Self.catalog.terrainIndexByID["caustic-gas"]!
        _ = kill("gas-bloat", at: Point(25, 10), in: &game)
        #expect(game.level.terrain(.gas, at: Point(25, 10)) == gas)
        #expect(game.level.terrain(.gas, at: Point(27, 12)) == gas, "two steps away, diagonally")
        #expect(game.level.terrain(.gas, at: Point(28, 10)) == nil, "three steps away")
        #expect(game.level.terrain(.gas, at: Point(20, 10)) == nil)
        game.player.position = Point(26, 10)
        var events: [GameEvent] = []
        game.hazardTurn(&events)
        #expect(game.player.status.poisoned > 0)
        for _ in 0..<10 { game.hazardTurn(&events) }
        #expect(game.level.terrain(.gas, at: Point(25, 10)) == nil, "the gas clears after its turns")
    }

    @Test func aPitBloatDropsWhatStandsBesideItAndThePlayerAtTheTurnsEnd() {
        var game = BestiaryCatalog.arena(catalog: Self.catalog)
        game.player.maxHP = 100
        game.player.hp = 100
        let rat = BestiaryCatalog.place("rat", at: Point(22, 10), in: &game)
        let far = BestiaryCatalog.place("rat", at: Point(24, 10), in: &game)
        let events = kill("pit-bloat", at: Point(21, 10), in: &game)
        #expect(game.monsters[rat].hp <= 0, "the rat beside the bloat fell")
        #expect(game.monsters[far].hp > 0, "the rat two steps off stands")
        #expect(game.level.has(.autoDescent, at: Point(20, 10)))
        #expect(game.depth == 1, "the player's fall waits for the end of the turn")
        #expect(events.contains { if case .message(let text, _) = $0 { text.contains("bursts") } else { false } })
        var more: [GameEvent] = []
        game.hazardTurn(&more)
        #expect(game.depth == 2)
    }

    @Test func anExplosiveBloatBurnsWhatStandsBesideIt() {
        var game = BestiaryCatalog.arena(catalog: Self.catalog)
        let rat = BestiaryCatalog.place("rat", at: Point(26, 10), in: &game)
        let hp = game.monsters[rat].hp
        _ = kill("fire-bloat", at: Point(25, 10), in: &game)
        var events: [GameEvent] = []
        game.hazardTurn(&events)
        #expect(game.monsters[rat].hp < hp)
        for _ in 0..<3 { game.hazardTurn(&events) }
        #expect(!game.level.has(.causesDamage, at: Point(25, 10)), "the flames die down after their turns")
    }
}
