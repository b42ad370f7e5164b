/// Confused, or erratic (a one-in-three chance each turn): a random step instead of what its state
/// would do, or a blow when that step is onto the player. Hands the turn on otherwise.
struct Stumbling: MonsterBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        let m = game.monsters[i]
        let flags = game.catalog.monsters[m.kind].flags
        guard m.status.confused > 0 || (flags.contains(.erratic) && game.rng.percent(33)) else { return .defaultAI }
        let dir = Direction.allCases[game.rng.below(8)]
        if dir == game.playerDirection(from: i) { return .attack(at: game.player.position) }
        guard !flags.contains(.immobile) else { return .wait }
        // Only confusion walks into hazards; an erratic monster still picks where it treads.
        return m.status.confused > 0 ? .stumble(dir) : .step(dir)
    }
}
