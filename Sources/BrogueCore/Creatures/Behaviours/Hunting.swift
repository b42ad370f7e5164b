/// Hunting: attacks the player (or an ally) next to it, else follows the player's distance map.
/// Panics into fleeing near death if its kind does, and gives up after 20 turns out of sight.
struct Hunting: StateBehaviour {
    var isAwakeFoe: Bool { true }

    func perceive(monster i: Int, game: inout Game, events: inout [GameEvent]) {
        let m = game.monsters[i]
        if game.catalog.monsters[m.kind].flags.contains(.fleesNearDeath) && m.hp * 4 < m.maxHP { game.monsters[i].state = .fleeing }
        if game.monsterSeesPlayer(i) {
            game.monsters[i].turnsSinceSeen = 0
        } else {
            game.monsters[i].turnsSinceSeen += 1
            if game.monsters[i].turnsSinceSeen > 20 { game.monsters[i].state = .wandering }
        }
    }

    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        // A discordant monster turns on its own kind first.
        if game.monsters[i].status.discordant > 0, let j = game.adjacentFoe(of: i) { return .attack(at: game.monsters[j].position) }
        if game.playerDirection(from: i) != nil { return .attack(at: game.player.position) }
        if let j = game.adjacentFoe(of: i) { return .attack(at: game.monsters[j].position) }
        let flags = game.catalog.monsters[game.monsters[i].kind].flags
        guard !flags.contains(.immobile) else { return .wait }
        if flags.contains(.keepsDistance), game.playerDistance(from: i) < 3, game.monsterSeesPlayer(i) {
            game.refreshSafetyMap()
            if let dir = game.scratch.safetyMap.downhill(from: game.monsters[i].position, level: game.level, allowed: game.stepFilter(for: i)),
                game.monsterCanStep(i, dir)
            {
                return .step(dir)
            }
        }
        game.refreshPlayerMap()
        guard let dir = game.scratch.playerMap.downhill(from: game.monsters[i].position, level: game.level, allowed: game.stepFilter(for: i)) else {
            return .wait
        }
        return .step(dir)
    }
}
