extension Game {
    /// One turn of monster `i`: its state's built-in behaviour decides, after (for an awake foe)
    /// what it perceives, its kind's named behaviour and confusion have had their say.
    mutating func monsterTurn(_ i: Int, _ events: inout [GameEvent]) {
        var duration = 100
        defer {
            if monsters[i].hp > 0 {
                let s = monsters[i].status
                monsters[i].ticksUntilTurn += s.hasted > 0 ? duration / 2 : s.slowed > 0 ? duration * 2 : duration
            }
        }
        if monsters[i].status.paralyzed > 0 || monsters[i].status.entranced > 0 { return }
        submergeIfAble(i)
        let own = monsters[i].state.behaviour
        guard own.isAwakeFoe else {
            duration = act(own, i, &events) ?? 100
            return
        }
        own.perceive(monster: i, game: &self, events: &events)
        if let name = catalog.monsters[monsters[i].kind].behaviour, let named = catalog.extensions.behaviours[name],
            let ticks = act(named, i, &events)
        {
            duration = ticks
            return
        }
        if monsters[i].hp <= 0 { return }
        // Read the state again: perceiving, or a named behaviour's `.flee`, may have changed it.
        duration = act(Stumbling(), i, &events) ?? act(Spellcasting(), i, &events) ?? act(monsters[i].state.behaviour, i, &events) ?? 100
    }

    func isFreeForMonster(_ p: Point) -> Bool { p != player.position && monsterIndex(at: p) == nil }

    /// Whether monster `i` may step in `dir`: open, free, inside its machine if it guards one and,
    /// for a chosen (`voluntary`) step, not a hazard. What `stepMonster` checks before moving.
    func monsterCanStep(_ i: Int, _ dir: Direction, voluntary: Bool = true) -> Bool {
        let from = monsters[i].position
        let to = from + dir.offset
        return level.canStep(from: from, dir) && isFreeForMonster(to) && machineAllows(i, to) && habitatAllows(i, to)
            && (!voluntary || monsterWillEnter(to)) && !level.has(.isSacred, at: to)
    }

    /// Moves monster `i` one step if the cell is open; returns whether it moved. A chosen
    /// (`voluntary`) step never enters a hazard; a confused stumble may.
    mutating func stepMonster(_ i: Int, _ dir: Direction, voluntary: Bool = true, _ events: inout [GameEvent]) -> Bool {
        guard monsterCanStep(i, dir, voluntary: voluntary) else { return false }
        monsters[i].position = monsters[i].position + dir.offset
        monsterEnteredCell(i, &events)
        return true
    }

    /// Costs for walking: 1 on every passable cell; walls and hazards are blocked. Sacred glyphs cost
    /// `sacredCost`: a monster goes round them where it can, and where it cannot (the player stands
    /// among them) it still comes to their edge and waits there, which it could not do if they were walls.
    private mutating func refreshWalkCosts() {
        let flags = level.flags
        let blocking = TerrainFlags.hazards.union(.blocksMovement)
        for i in scratch.costs.cells.indices {
            let f = flags.cells[i]
            scratch.costs.cells[i] = !f.isDisjoint(with: blocking) ? DijkstraMap.blocked : f.contains(.isSacred) ? Self.sacredCost : 1
        }
    }

    /// More than any way round on a level (80 x 29 cells), and no sum of them nears `DijkstraMap.unreachable`.
    static let sacredCost: Int32 = 10_000

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

    /// Makes the level's waypoint maps current: keeps the costs and corners they are built from
    /// and drops the maps built before. Each map is then built from those the first time a monster
    /// heads for its waypoint (`waypointMap`), which gives the map that building them all here would,
    /// and spares the ones no monster uses: a hazard that comes or goes stales the whole set, which
    /// gas and fire do many times over a fight.
    mutating func refreshWaypointMaps() {
        guard scratch.waypointDepth != depth else { return }
        refreshWalkCosts()
        scratch.waypointCosts = scratch.costs
        scratch.waypointCorners = level.flags
        scratch.waypointMaps = Array(repeating: nil, count: level.waypoints.count)
        scratch.waypointLastUse = Array(repeating: 0, count: level.waypoints.count)
        scratch.waypointDepth = depth
    }

    /// The distance map to waypoint `w` of the current set, built on its first use, and again
    /// if it was dropped to keep the game within `Scratch.waypointMapsKept` maps.
    mutating func waypointMap(_ w: Int) -> DijkstraMap {
        scratch.waypointClock += 1
        scratch.waypointLastUse[w] = scratch.waypointClock
        if let map = scratch.waypointMaps[w] { return map }
        let held = scratch.waypointMaps.indices.filter { scratch.waypointMaps[$0] != nil }
        if held.count >= max(1, scratch.waypointMapsKept), let oldest = held.min(by: { scratch.waypointLastUse[$0] < scratch.waypointLastUse[$1] }) {
            scratch.waypointMaps[oldest] = nil
        }
        var map = DijkstraMap()
        map.compute(goals: [(level.waypoints[w], 0)], costs: scratch.waypointCosts, corners: scratch.waypointCorners)
        // Never computed again (a new level makes new maps; a dropped one is built anew), so its
        // buffers would only take room in every hosted game for as long as it stays on the level.
        map.releaseBuffers()
        scratch.waypointMaps[w] = map
        return map
    }
}
