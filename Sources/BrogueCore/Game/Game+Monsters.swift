extension Game {
    /// One turn of monster `i`: notice the player, then attack, chase, flee or wander.
    mutating func monsterTurn(_ i: Int, _ events: inout [GameEvent]) {
        let kind = catalog.monsters[monsters[i].kind]
        var duration = 100
        defer {
            if monsters[i].hp > 0 {
                monsters[i].ticksUntilTurn += monsters[i].status.hasted > 0 ? duration / 2 : duration
            }
        }
        if monsters[i].status.paralyzed > 0 { return }
        switch monsters[i].state {
        case .captive, .dormant: return
        case .ally:
            duration = allyTurn(i, &events)
            return
        default: break
        }
        let pos = monsters[i].position
        // Sight is symmetric, so the player's view says whether the monster sees the player.
        let seesPlayer = visible[pos]
        let distance = pos.distance(to: player.position)
        let stealth = kind.flags.contains(.keenSenses) ? Dungeon.width : stealthRange

        switch monsters[i].state {
        case .sleeping:
            if seesPlayer && distance * 2 <= stealth && rng.percent(33) {
                monsters[i].state = .hunting
                events.append(.message("The \(kind.name) wakes up.", .warning))
            }
            return
        case .wandering:
            if seesPlayer && distance <= stealth {
                monsters[i].state = .hunting
                if canSee(monsters[i]) { events.append(.message("The \(kind.name) notices you.", .warning)) }
            }
        case .hunting:
            if kind.flags.contains(.fleesNearDeath) && monsters[i].hp * 4 < monsters[i].maxHP { monsters[i].state = .fleeing }
            if seesPlayer {
                monsters[i].turnsSinceSeen = 0
            } else {
                monsters[i].turnsSinceSeen += 1
                if monsters[i].turnsSinceSeen > 20 { monsters[i].state = .wandering }
            }
        case .fleeing:
            if monsters[i].hp * 4 >= monsters[i].maxHP * 3 { monsters[i].state = .hunting }
        case .captive, .dormant, .ally:
            return
        }

        if let name = kind.behaviour, let behaviour = catalog.extensions.behaviours[name],
            let ticks = extensionTurn(i, behaviour: behaviour, &events)
        {
            duration = ticks
            return
        }
        if monsters[i].hp <= 0 { return }
        let adjacentDir = Direction(delta: player.position - pos)
        let canHit = adjacentDir.map { level.canStep(from: pos, $0) } ?? false
        if monsters[i].status.confused > 0 || (kind.flags.contains(.erratic) && rng.percent(33)) {
            let dir = Direction.allCases[rng.below(8)]
            if dir == adjacentDir && canHit {
                monsterAttack(i, &events)
                duration = kind.attackDuration
            } else if !kind.flags.contains(.immobile) && stepMonster(i, dir, voluntary: monsters[i].status.confused == 0, &events) {
                duration = kind.movementDuration
            }
            return
        }

        switch monsters[i].state {
        case .hunting:
            if canHit {
                monsterAttack(i, &events)
                duration = kind.attackDuration
            } else if let j = adjacentFoe(of: i) {
                monsterAttack(i, monster: j, &events)
                duration = kind.attackDuration
            } else if !kind.flags.contains(.immobile) {
                refreshPlayerMap()
                if let dir = scratch.playerMap.downhill(from: pos, level: level, allowed: isFreeForMonster), stepMonster(i, dir, &events) {
                    duration = kind.movementDuration
                }
            }
        case .fleeing:
            refreshSafetyMap()
            if !kind.flags.contains(.immobile),
                let dir = scratch.safetyMap.downhill(from: pos, level: level, allowed: isFreeForMonster), stepMonster(i, dir, &events)
            {
                duration = kind.movementDuration
            } else if canHit {
                monsterAttack(i, &events)
                duration = kind.attackDuration
            }
        case .wandering:
            guard !kind.flags.contains(.immobile) else { return }
            refreshWaypointMaps()
            let waypoints = level.waypoints
            guard !waypoints.isEmpty else { return }
            if monsters[i].waypoint < 0 || scratch.waypointMaps[monsters[i].waypoint][pos] <= 1 {
                monsters[i].waypoint = rng.below(waypoints.count)
            }
            let map = scratch.waypointMaps[monsters[i].waypoint]
            if let dir = map.downhill(from: pos, level: level, allowed: isFreeForMonster), stepMonster(i, dir, &events) {
                duration = kind.movementDuration
            } else {
                monsters[i].waypoint = rng.below(waypoints.count)
            }
        case .sleeping, .captive, .dormant, .ally:
            break
        }
    }

    private func isFreeForMonster(_ p: Point) -> Bool { p != player.position && monsterIndex(at: p) == nil }

    /// Moves monster `i` one step if the cell is open; returns whether it moved. A chosen
    /// (`voluntary`) step never enters a hazard; a confused stumble may.
    mutating func stepMonster(_ i: Int, _ dir: Direction, voluntary: Bool = true, _ events: inout [GameEvent]) -> Bool {
        let from = monsters[i].position
        let to = from + dir.offset
        guard level.canStep(from: from, dir), isFreeForMonster(to), machineAllows(i, to), !voluntary || monsterWillEnter(to) else { return false }
        monsters[i].position = to
        monsterEnteredCell(i, &events)
        return true
    }

    /// Costs for walking: 1 on every passable cell; walls and hazards are blocked.
    private mutating func refreshWalkCosts() {
        let flags = level.flags
        let blocking = TerrainFlags.hazards.union(.blocksMovement)
        for i in scratch.costs.cells.indices {
            scratch.costs.cells[i] = flags.cells[i].isDisjoint(with: blocking) ? 1 : DijkstraMap.blocked
        }
    }

    mutating func refreshPlayerMap() {
        guard scratch.playerMapFor != player.position else { return }
        refreshWalkCosts()
        // The player may stand on a hazard (a sprung trap); its own cell is still the goal.
        scratch.costs[player.position] = 1
        scratch.playerMap.compute(goals: [(player.position, 0)], costs: scratch.costs, corners: level.flags)
        scratch.playerMapFor = player.position
    }

    /// Brogue's flee map: distances from the player scaled by -1.2 and relaxed again, so a
    /// fleeing monster runs away but does not corner itself.
    mutating func refreshSafetyMap() {
        guard scratch.safetyMapFor != player.position else { return }
        refreshPlayerMap()
        refreshWalkCosts()  // the cost buffer is shared with travel
        var goals: [(Point, Int32)] = []
        let cells = scratch.playerMap.distances.cells
        for (i, d) in cells.enumerated() where d < DijkstraMap.unreachable {
            goals.append((scratch.playerMap.distances.point(at: i), -(d * 12 / 10)))
        }
        scratch.safetyMap.compute(goals: goals, costs: scratch.costs, corners: level.flags)
        scratch.safetyMapFor = player.position
    }

    /// One distance map per waypoint of the level, built when first needed on it.
    mutating func refreshWaypointMaps() {
        guard scratch.waypointDepth != depth else { return }
        refreshWalkCosts()
        scratch.waypointMaps = level.waypoints.map { wp in
            var m = DijkstraMap()
            m.compute(goals: [(wp, 0)], costs: scratch.costs, corners: level.flags)
            return m
        }
        scratch.waypointDepth = depth
    }
}
