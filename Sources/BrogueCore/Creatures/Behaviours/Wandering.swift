/// Wandering: walks from waypoint to waypoint of the level, and hunts once it notices the player.
struct Wandering: StateBehaviour {
    var isAwakeFoe: Bool { true }

    /// Notices the player in view within its notice range.
    func perceive(monster i: Int, game: inout Game, events: inout [GameEvent]) {
        guard game.monsterSeesPlayer(i) && game.playerDistance(from: i) <= game.noticeRange(of: i) else { return }
        game.monsters[i].state = .hunting
        if game.canSee(game.monsters[i]) {
            events.append(.message("The \(game.seenName(of: game.monsters[i])) notices you.", .warning))
        }
    }

    /// Heads downhill to its waypoint; picks another on arrival and when the way is blocked.
    func intent(monster i: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        guard !game.catalog.monsters[game.monsters[i].kind].flags.contains(.immobile) else { return .wait }
        game.refreshWaypointMaps()
        let count = game.level.waypoints.count
        guard count > 0 else { return .wait }
        let pos = game.monsters[i].position
        if game.monsters[i].waypoint < 0 || game.waypointMap(game.monsters[i].waypoint)[pos] <= 1 {
            game.monsters[i].waypoint = game.rng.below(count)
        }
        let map = game.waypointMap(game.monsters[i].waypoint)
        if let dir = map.downhill(from: pos, level: game.level, allowed: game.stepFilter(for: i)), game.monsterCanStep(i, dir) {
            return .step(dir)
        }
        game.monsters[i].waypoint = game.rng.below(count)
        return .wait
    }
}
