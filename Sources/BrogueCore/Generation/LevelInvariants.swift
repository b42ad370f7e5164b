/// The promises every generated level keeps, checked by the tests and `brogue map --verify`.
public enum LevelInvariants {
    /// What is wrong with `level`; empty when it keeps every promise:
    /// - the up and down stairs are distinct cells with their stairs terrain;
    /// - the down stairs are reachable from the up stairs on foot, without swimming and
    ///   without finding a secret door (so lakes never cut a level);
    /// - every passable cell that is not deep liquid, and every item, is reachable that way or
    ///   inside a machine whose way in (secret door, lock, portcullis) can itself be reached and
    ///   opened: a key lying where it can be reached without its own vault, a lever on reach;
    /// - machines never overlap, and every cell of a machine's box is marked as its own;
    /// - every secret door touches a reachable cell (it can be found from the level's open part);
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
        for i in opened.reach.cells.indices where !opened.reach.cells[i] {
            let f = level.flags.cells[i]
            if !f.contains(.blocksMovement) && !f.contains(.isDeep) {
                out.append("cell \(reach.point(at: i)) is cut off")
                break
            }
        }
        for i in level.flags.cells.indices where level.flags.cells[i].contains(.isSecret) {
            let p = level.flags.point(at: i)
            if !Direction.cardinals.contains(where: { d in reach.contains(p + d.offset) && reach[p + d.offset] }) {
                out.append("secret door \(p) touches no reachable cell")
            }
        }
        for x in 0..<Dungeon.width where !level.has(.blocksMovement, at: Point(x, 0)) || !level.has(.blocksMovement, at: Point(x, Dungeon.height - 1))
        {
            out.append("rim open at column \(x)")
        }
        for y in 0..<Dungeon.height where !level.has(.blocksMovement, at: Point(0, y)) || !level.has(.blocksMovement, at: Point(Dungeon.width - 1, y))
        {
            out.append("rim open at row \(y)")
        }
        for item in level.items where !opened.reach[item.position] {
            out.append("item at \(item.position) unreachable, even through the level's machines")
        }
        return out
    }

    static func depthHasDownStairs(_ level: Level) -> Bool { level.depth < Dungeon.amuletLevel || !level.populated }

    /// Cells reachable on foot from `start` without entering deep liquid or secret doors.
    public static func dryReach(from start: Point, level: Level) -> Grid<Bool> {
        LevelGenerator.reachable(from: start, level: level, avoidingDeep: true)
    }
}
