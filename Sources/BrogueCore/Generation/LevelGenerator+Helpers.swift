extension LevelGenerator {
    /// Cells reachable on foot from `start`, treating secrets as walls (and deep liquid too
    /// when `avoidingDeep`).
    public static func reachable(from start: Point, level: Level, avoidingDeep: Bool = false) -> Grid<Bool> {
        var seen = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        guard level.isPassable(start) else { return seen }
        var stack = [start]
        seen[start] = true
        while let p = stack.popLast() {
            for d in Direction.allCases where level.canStep(from: p, d) {
                let n = p + d.offset
                if !seen[n] && !(avoidingDeep && level.has(.isDeep, at: n)) {
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
        for (i, f) in level.flags.cells.enumerated() where f.contains(.glows) {
            let p = level.flags.point(at: i)
            level.lit[p] = true
            // A glowing wall lights the room from the open cell in front of it.
            for d in Direction.cardinals where level.isPassable(p + d.offset) {
                FieldOfView.compute(from: p + d.offset, radius: 5, opaque: level.flags, into: &seen)
                for j in seen.cells.indices where seen.cells[j] { level.lit.cells[j] = true }
            }
        }
    }
}
