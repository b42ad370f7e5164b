/// Fleeing: runs down Brogue's safety map, striking back only when cornered next to the player.
/// Hunts again once back at three quarters of its hit points.
struct Fleeing: StateBehaviour {
    var isAwakeFoe: Bool { true }

    func perceive(monster i: Int, game: inout Game, events: inout [GameEvent]) {
        let m = game.monsters[i]
        if m.hp * 4 >= m.maxHP * 3 && !game.keepsFleeing(m) { game.monsters[i].state = .hunting }
    }

    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        game.refreshSafetyMap()
        if !game.catalog.monsters[game.monsters[i].kind].flags.contains(.immobile),
            let dir = game.scratch.safetyMap.downhill(from: game.monsters[i].position, level: game.level, allowed: game.stepFilter(for: i)),
            game.monsterCanStep(i, dir)
        {
            return .step(dir)
        }
        if game.playerDirection(from: i) != nil { return .attack(at: game.player.position) }
        return .wait
    }
}
