extension LevelGenerator {
    /// Cells reachable on foot from `start`, treating secret doors as walls (and, when
    /// `dryOnly`, deep liquid and every hazard too: lava, chasms, brimstone, traps).
    public static func reachable(from start: Point, level: Level, dryOnly: Bool = false) -> Grid<Bool> {
        var seen = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        guard level.isPassable(start) else { return seen }
        let avoid: TerrainFlags = dryOnly ? TerrainFlags.hazards.union(.isDeep) : []
        var stack = [start]
        seen[start] = true
        while let p = stack.popLast() {
            for d in Direction.allCases where level.canStep(from: p, d) {
                let n = p + d.offset
                if !seen[n] && level.flags[n].isDisjoint(with: avoid) {
                    seen[n] = true
                    stack.append(n)
                }
            }
        }
        return seen
    }

    static func encloseInWalls(_ level: inout Level, catalog: ContentCatalog) {
        let roles = catalog.roles
        for y in 1..<(Dungeon.height - 1) {
            for x in 1..<(Dungeon.width - 1) {
                let p = Point(x, y)
                guard level.terrain(.dungeon, at: p) == roles.granite else { continue }
                if Direction.allCases.contains(where: { !level.has(.blocksMovement, at: p + $0.offset) }) {
                    level.setTerrain(roles.wall, layer: .dungeon, at: p, catalog: catalog)
                }
            }
        }
    }

    /// Marks cells lit by glowing terrain (radius 5 around each source, in its line of sight).
    public static func computeLight(_ level: inout Level) {
        var seen = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        level.lit.fill(false)
        let radius = 5
        // Only the box the light can reach is copied from each field of view.
        func light(from o: Point) {
            FieldOfView.compute(from: o, radius: radius, opaque: level.flags, into: &seen)
            for y in max(0, o.y - radius)...min(Dungeon.height - 1, o.y + radius) {
                for x in max(0, o.x - radius)...min(Dungeon.width - 1, o.x + radius) where seen[x, y] {
                    level.lit[x, y] = true
                }
            }
        }
        for (i, f) in level.flags.cells.enumerated() where f.contains(.glows) {
            let p = level.flags.point(at: i)
            level.lit[p] = true
            if level.isPassable(p) {
                // Open glowing ground (fungus, lava) lights round itself; inside a glowing patch
                // its neighbours already light all it would, so only the patch's rim is cast.
                if Direction.allCases.allSatisfy({ level.contains(p + $0.offset) && level.flags[p + $0.offset].contains(.glows) }) { continue }
                light(from: p)
                continue
            }
            // A glowing wall lights the room from the open cell in front of it.
            for d in Direction.cardinals where level.isPassable(p + d.offset) { light(from: p + d.offset) }
        }
    }
}
