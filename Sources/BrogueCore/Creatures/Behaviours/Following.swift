/// An ally (a freed captive): attacks a hostile neighbour, else keeps within two steps of the player.
struct Following: StateBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        if let j = game.adjacentFoe(of: i) { return .attack(at: game.monsters[j].position) }
        guard !game.catalog.monsters[game.monsters[i].kind].flags.contains(.immobile), game.playerDistance(from: i) > 2 else { return .wait }
        game.refreshPlayerMap()
        // The shared monster step: it keeps allies off hazards and springs what they walk on.
        guard let dir = game.scratch.playerMap.downhill(from: game.monsters[i].position, level: game.level, allowed: game.stepFilter(for: i)) else {
            return .wait
        }
        return .step(dir)
    }
}
