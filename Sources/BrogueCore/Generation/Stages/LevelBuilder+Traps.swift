extension LevelBuilder {
    /// Lays one trap of terrain `kind` on a random floor cell, if a fitting one is found: bare
    /// floor (no doorway, stairs, liquid or bridge), not beside the stairs, a door, a secret
    /// door, a bridge or a machine, not under a machine's key, not a waypoint, and only where every other cell of dry ground stays
    /// reachable from the up stairs without crossing it. A trap that drops creatures is never
    /// laid on the deepest level.
    /// - Returns: where the trap went, or nil.
    @discardableResult
    public mutating func placeTrap(_ kind: Int, rng: inout RandomStream, tries: Int = 40) -> Point? {
        let roles = catalog.roles
        if depth >= catalog.deepestLevel && catalog.terrains[kind].flags.contains(.autoDescent) { return nil }
        let layer = catalog.terrains[kind].layer
        let nearby: TerrainFlags = [.isSecret, .isBridge, .isDoor, .stairsUp, .stairsDown]
        for _ in 0..<tries {
            let p = Point(rng.int(in: 1...(Dungeon.width - 2)), rng.int(in: 1...(Dungeon.height - 2)))
            guard plan[p] == .floor, liquid[p] < 0, level.terrain(.dungeon, at: p) == roles.floor,
                level.flags[p].isDisjoint(with: .hazards), !level.waypoints.contains(p),
                Direction.allCases.allSatisfy({ level.flags[p + $0.offset].isDisjoint(with: nearby) }),
                !touchesMachine(p),
                groundStaysConnected(without: p)
            else { continue }
            level.setTerrain(kind, layer: layer, at: p, catalog: catalog)
            return p
        }
        return nil
    }

    /// Whether `p` or a cell round it belongs to a machine, or a machine placed something on
    /// `p` (a key): a trap there could bar a vault's way in or lie under its key.
    func touchesMachine(_ p: Point) -> Bool {
        if level.machineAt[p] != 0 || Direction.allCases.contains(where: { level.machineAt[p + $0.offset] != 0 }) { return true }
        return level.machines.contains { m in m.spots.contains { $0.position == p } }
    }

    /// Whether every cell of dry ground (passable, not deep, no hazard) other than `blocked`
    /// is reachable from the up stairs on foot without stepping on `blocked`: the same walk
    /// `LevelInvariants` checks.
    mutating func groundStaysConnected(without blocked: Point) -> Bool {
        let notGround = TerrainFlags.hazards.union([.blocksMovement, .isDeep])
        let flags = level.flags
        // Neighbours round a cell, in ring order: each is a straight step from the next, so
        // when the ground among them is one unbroken arc, nothing needs the cell in the middle
        // to reach anything else (Brogue's "passable arc count"), and no flood is needed.
        let ring = [Point(0, -1), Point(1, -1), Point(1, 0), Point(1, 1), Point(0, 1), Point(-1, 1), Point(-1, 0), Point(-1, -1)]
        var arcs = 0
        for k in 0..<8 {
            let here = flags[blocked + ring[k]].isDisjoint(with: notGround)
            let before = flags[blocked + ring[(k + 7) % 8]].isDisjoint(with: notGround)
            if here && !before { arcs += 1 }
        }
        if arcs <= 1 { return true }
        var total = 0
        for i in flags.cells.indices where flags.cells[i].isDisjoint(with: notGround) { total += 1 }
        let start = level.upStairs
        guard start != blocked, flags[start].isDisjoint(with: notGround) else { return false }
        epoch &+= 1
        queue.removeAll(keepingCapacity: true)
        queue.append(start)
        stamp[start] = epoch
        var head = 0
        while head < queue.count {
            let p = queue[head]
            head += 1
            for d in Direction.allCases where level.canStep(from: p, d) {
                let n = p + d.offset
                guard stamp[n] != epoch, n != blocked, flags[n].isDisjoint(with: notGround) else { continue }
                stamp[n] = epoch
                queue.append(n)
            }
        }
        return queue.count == total - 1
    }
}
