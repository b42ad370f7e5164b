import Testing

@testable import BrogueCore

/// The built-in behaviours are values picked by a monster's state, and their intents are carried
/// out the same way as a plugin's.
@Suite struct MonsterBehaviourTests {
    let hazards = HazardRulesTests()

    @Test func eachStatePicksItsBuiltInBehaviourAndOnlyAwakeFoesPerceive() {
        let states: [MonsterState] = [.sleeping, .wandering, .hunting, .fleeing, .captive, .dormant, .ally]
        let picked = Dictionary(uniqueKeysWithValues: states.map { ($0, $0.behaviour) })
        #expect(picked[.sleeping] is Sleeping && picked[.wandering] is Wandering && picked[.hunting] is Hunting)
        #expect(picked[.fleeing] is Fleeing && picked[.captive] is Captive && picked[.dormant] is Dormant && picked[.ally] is Following)
        let awake = picked.filter { $0.value.isAwakeFoe }.keys
        #expect(Set(awake) == [.wandering, .hunting, .fleeing])
    }

    @Test func aStepNeverEntersLavaButAStumbleDoes() {
        var game = hazards.arena()
        let m = game.player.position + Point(2, 0)
        hazards.set(&game, "lava", at: m + Direction.east.offset)
        let i = hazards.place(&game, "goblin", at: m)
        var events: [GameEvent] = []
        #expect(game.carryOut(.step(.east), by: i, &events) == 100, "blocked: the turn is spent waiting")
        #expect(game.monsters[i].position == m)
        let kind = game.catalog.monsters[game.monsters[i].kind]
        #expect(game.carryOut(.step(.north), by: i, &events) == kind.movementDuration)
        #expect(game.monsters[i].position == m + Direction.north.offset)
        #expect(game.carryOut(.stumble(.southEast), by: i, &events) == kind.movementDuration)
        #expect(game.monsters[i].hp <= 0, "stumbled into the lava")
    }
}
