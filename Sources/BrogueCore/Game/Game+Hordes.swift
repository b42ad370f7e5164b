/// Choosing hordes and placing water dwellers: what `spawnHorde` needs beyond the spawn table.
extension Game {
    /// The depth whose spawn lines this depth draws from: itself, or further down in a dungeon
    /// whose `spawn-depth-scale` compresses the spawn tables into fewer depths.
    public var spawnDepth: Int { catalog.spawns.dungeon.spawnDepth(of: depth) }

    /// Whether monsters of kind `kind` live in deep water.
    func isWaterDweller(_ kind: Int) -> Bool { catalog.monsters[kind].flags.contains(.submerges) }

    /// The depth's hordes; a water dweller's only when `waterAllowed` and the level has deep water.
    /// Filtering draws nothing, so content without water dwellers spawns as it always did.
    func hordeTable(waterAllowed: Bool) -> [SpawnEntry] {
        let table = catalog.spawns.monsters.filter { $0.depths.contains(spawnDepth) }
        let wet = { (e: SpawnEntry) in catalog.monsterIndexByID[e.kind].map(isWaterDweller) ?? false }
        guard table.contains(where: wet) else { return table }
        if waterAllowed && level.flags.cells.contains(where: { $0.contains(.isDeep) }) { return table }
        return table.filter { !wet($0) }
    }

    /// A random deep-water cell outside machines with no one on it, at least 8 steps from `awayFrom` when one can be found.
    mutating func randomDeepCell(awayFrom: Point?) -> Point? {
        var deep: [Point] = []
        for (i, f) in level.flags.cells.enumerated() where f.contains(.isDeep) && f.isDisjoint(with: .hazards) {
            let p = level.flags.point(at: i)
            if level.machineAt[p] == 0 && monsterIndex(at: p) == nil && p != player.position { deep.append(p) }
        }
        let far = awayFrom.map { a in deep.filter { $0.distance(to: a) >= 8 } } ?? deep
        return rng.pick(far.isEmpty ? deep : far)
    }

    /// The nearest deep-water cell to `p` no creature stands on, searched outward in a fixed order; `p` itself when none is.
    func freeDeepCell(near p: Point) -> Point {
        let lvl = level
        func free(_ c: Point) -> Bool { lvl.contains(c) && lvl.has(.isDeep, at: c) && monsterIndex(at: c) == nil && c != player.position }
        if free(p) { return p }
        for r in 1..<8 {
            for dy in -r...r {
                for dx in -r...r where max(abs(dx), abs(dy)) == r {
                    let c = Point(p.x + dx, p.y + dy)
                    if free(c) { return c }
                }
            }
        }
        return p
    }
}
