/// The promises every generated level keeps, checked by the tests and `brogue map --verify`.
public enum LevelInvariants {
    /// What is wrong with `level`; empty when it keeps every promise:
    /// - the up and down stairs are distinct cells with their stairs terrain;
    /// - the down stairs are reachable from the up stairs on foot, without swimming, without
    ///   crossing a hazard (lava, chasm, brimstone, trap) and without finding a secret door (so
    ///   lakes and traps never cut a level);
    /// - every passable cell that is neither deep liquid nor a hazard, and every item, is
    ///   reachable that way or inside a machine whose way in (secret door, lock, portcullis) can
    ///   itself be reached and opened: a key lying where it can be reached without its own
    ///   vault, a lever on reach;
    /// - no item lies on a hazard;
    /// - machines never overlap, and every cell of a machine's box is marked as its own;
    /// - every secret door touches a reachable cell (it can be found from the level's open part);
    /// - every bridge runs straight between two cells of dry ground;
    /// - nothing on the deepest level drops a creature further down;
    /// - the rim of the map blocks movement.
    public static func problems(_ level: Level) -> [String] {
        var out: [String] = []
        let up = level.upStairs
        let down = level.downStairs
        if up == down { out.append("up and down stairs share \(up)") }
        if !level.has(.stairsUp, at: up) { out.append("no up stairs at \(up)") }
        if depthHasDownStairs(level) && !level.has(.stairsDown, at: down) { out.append("no down stairs at \(down)") }
        let reach = dryReach(from: up, level: level)
        if !reach[down] { out.append("down stairs \(down) unreachable from up stairs \(up)") }
        let opened = MachineReach(level: level)
        out += opened.problems
        let notGround = TerrainFlags.hazards.union([.blocksMovement, .isDeep])
        for i in opened.reach.cells.indices where !opened.reach.cells[i] && level.flags.cells[i].isDisjoint(with: notGround) {
            out.append("cell \(reach.point(at: i)) is cut off")
            break
        }
        for i in level.flags.cells.indices where level.flags.cells[i].contains([.isSecret, .blocksMovement]) {
            let p = level.flags.point(at: i)
            if !Direction.cardinals.contains(where: { d in reach.contains(p + d.offset) && reach[p + d.offset] }) {
                out.append("secret door \(p) touches no reachable cell")
            }
        }
        for i in level.flags.cells.indices where level.flags.cells[i].contains(.isBridge) {
            let p = level.flags.point(at: i)
            if !bridgeCrosses(at: p, level: level, ground: notGround) { out.append("bridge \(p) does not join two cells of dry ground") }
        }
        if level.depth >= level.deepestLevel, let i = level.flags.cells.firstIndex(where: { $0.contains(.autoDescent) }) {
            out.append("\(level.flags.point(at: i)) drops a creature below the deepest level")
        }
        for x in 0..<Dungeon.width where !level.has(.blocksMovement, at: Point(x, 0)) || !level.has(.blocksMovement, at: Point(x, Dungeon.height - 1))
        {
            out.append("rim open at column \(x)")
        }
        for y in 0..<Dungeon.height where !level.has(.blocksMovement, at: Point(0, y)) || !level.has(.blocksMovement, at: Point(Dungeon.width - 1, y))
        {
            out.append("rim open at row \(y)")
        }
        for item in level.items {
            if !level.flags[item.position].isDisjoint(with: .hazards) {
                out.append("item at \(item.position) lies on a hazard")
            } else if !opened.reach[item.position] {
                out.append("item at \(item.position) unreachable, even through the level's machines")
            }
        }
        return out
    }

    /// Whether the bridge cell at `p` lies on a straight run of bridge that ends, both ways
    /// along one axis, on cells that are passable and neither deep, hazard nor bridge.
    static func bridgeCrosses(at p: Point, level: Level, ground: TerrainFlags) -> Bool {
        func end(_ step: Point) -> Bool {
            var c = p
            while level.contains(c) && level.has(.isBridge, at: c) { c = c + step }
            return level.contains(c) && level.flags[c].isDisjoint(with: ground)
        }
        return (end(Point(1, 0)) && end(Point(-1, 0))) || (end(Point(0, 1)) && end(Point(0, -1)))
    }

    static func depthHasDownStairs(_ level: Level) -> Bool { level.depth < level.deepestLevel || !level.populated }

    /// Cells reachable on foot from `start` without entering deep liquid, hazards or secret doors.
    public static func dryReach(from start: Point, level: Level) -> Grid<Bool> {
        LevelGenerator.reachable(from: start, level: level, dryOnly: true)
    }
}
