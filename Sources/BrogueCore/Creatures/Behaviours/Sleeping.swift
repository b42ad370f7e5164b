/// Asleep: each turn the player is in view and within half its notice range, a one-in-three
/// chance to wake up and hunt. It does nothing else that turn.
struct Sleeping: StateBehaviour {
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        if game.monsterSeesPlayer(i) && game.playerDistance(from: i) * 2 <= game.noticeRange(of: i) && game.rng.percent(33) {
            game.monsters[i].state = .hunting
            events.append(.message("The \(game.seenName(of: game.monsters[i])) wakes up.", .warning))
        }
        return .wait
    }
}
