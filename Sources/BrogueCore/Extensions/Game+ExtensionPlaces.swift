/// Where things are and moving them, for plugins: reading a cell, finding a free one, listing
/// creatures near a point, and moving a creature. Every search scans in a fixed order, so games
/// replay.
extension Game {
    /// Whether `cell` is on the map and neither blocks movement nor is a hazard.
    func isOpenFloor(_ cell: Point) -> Bool {
        level.flags.contains(cell) && level.flags[cell].isDisjoint(with: TerrainFlags.hazards.union(.blocksMovement))
    }

    /// The content id of the terrain on `layer` at `cell`, or nil when the layer is empty or the cell off the map.
    public func terrainID(_ layer: TerrainLayer, at cell: Point) -> String? {
        guard level.contains(cell), let t = level.terrain(layer, at: cell) else { return nil }
        return catalog.terrains[t].id
    }

    /// The content id of whoever stands on `cell`: "player", a monster kind's id, or nil.
    public func occupantKindID(at cell: Point) -> String? {
        switch creature(at: cell) {
        case nil: nil
        case .player: "player"
        case .monster(let i): catalog.monsters[monsters[i].kind].id
        }
    }

    /// The nearest cell to `from` (in king moves; ties by row, then column) no farther than
    /// `maxDistance` that is open floor with no one on it, and, when `terrainID` is given, has
    /// that terrain on one of its layers.
    /// - Returns: nil when there is none, or `terrainID` names no terrain.
    public func nearestFreeCell(from: Point, terrainID: String? = nil, maxDistance: Int) -> Point? {
        var kind: Int16?
        if let terrainID {
            guard let k = catalog.terrainIndexByID[terrainID] else { return nil }
            kind = Int16(k)
        }
        let reach = min(max(0, maxDistance), max(Dungeon.width, Dungeon.height))
        for r in 0...reach {
            for y in (from.y - r)...(from.y + r) {
                // Only the ring at distance r: whole top and bottom rows, the two ends of the others.
                let xs = abs(y - from.y) == r ? Array((from.x - r)...(from.x + r)) : [from.x - r, from.x + r]
                for x in r == 0 ? [from.x] : xs {
                    let p = Point(x, y)
                    guard isOpenFloor(p), creature(at: p) == nil else { continue }
                    if let kind, !level.layers.contains(where: { $0[p] == kind }) { continue }
                    return p
                }
            }
        }
        return nil
    }

    /// Where the creatures within `radius` king moves of `center` stand (the player included),
    /// nearest first, ties by row, then column.
    public func creatureCells(near center: Point, radius: Int) -> [Point] {
        func distance(_ p: Point) -> Int { max(abs(p.x - center.x), abs(p.y - center.y)) }
        var cells = monsters.filter { $0.hp > 0 && distance($0.position) <= radius }.map(\.position)
        if distance(player.position) <= radius { cells.append(player.position) }
        return cells.sorted { a, b in
            (distance(a), a.y, a.x) < (distance(b), b.y, b.x)
        }
    }

    /// Moves whoever stands on `from` to `to` at once (no turn taken, nothing in between
    /// triggered), if `to` is open floor with no one on it.
    /// - Returns: whether someone moved.
    @discardableResult
    public mutating func moveCreature(from: Point, to: Point) -> Bool {
        guard from != to, isOpenFloor(to), creature(at: to) == nil, let who = creature(at: from) else { return false }
        switch who {
        case .player: player.position = to
        case .monster(let i): monsters[i].position = to
        }
        scratch.invalidate()
        return true
    }
}
