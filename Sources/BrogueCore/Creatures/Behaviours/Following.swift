/// An ally (a freed captive, a dominated monster): runs from its foes when badly hurt, attacks a
/// hostile neighbour, uses its abilities (its kind's and those it learned) on foes, absorbs
/// fallen monsters near it, and otherwise keeps within two steps of the player.
struct Following: StateBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        let me = game.monsters[i]
        let mobile = !game.traits(of: me).contains(.immobile)
        if game.isBadlyHurt(me), mobile, let dir = game.fleeStep(for: i) {
            game.monsters[i].absorbing = 0
            return .step(dir)
        }
        if let j = game.adjacentFoe(of: i) {
            game.monsters[i].absorbing = 0
            return .attack(at: game.monsters[j].position)
        }
        if let intent = game.allyAbility(i) {
            game.monsters[i].absorbing = 0
            return intent
        }
        if game.nearestFoeDistance(from: me.position) > 3, let r = game.teachingRemains(near: i, radius: 4) {
            let at = game.level.remains[r].position
            if me.position.distance(to: at) <= 1 {
                game.absorb(i, remains: r, &events)
                return .wait
            }
            game.monsters[i].absorbing = 0
            return mobile ? .move(toward: at) : .wait
        }
        game.monsters[i].absorbing = 0
        guard mobile, game.playerDistance(from: i) > 2 else { return .wait }
        game.refreshPlayerMap()
        // The shared monster step: it keeps allies off hazards and springs what they walk on.
        guard let dir = game.scratch.playerMap.downhill(from: game.monsters[i].position, level: game.level, allowed: game.stepFilter(for: i)) else {
            return .wait
        }
        return .step(dir)
    }
}
