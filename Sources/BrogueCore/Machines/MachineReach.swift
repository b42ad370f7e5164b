/// What a player can reach on a level by opening its machines in turn: secret doors found,
/// locks opened with keys already reached, portcullises raised by levers already reached.
/// Used by `LevelInvariants`; also checks that machines do not overlap and that every key
/// can be reached without entering the vault it opens.
struct MachineReach {
    /// Cells reachable on foot (no swimming, no hazards, diagonals as the rules allow them)
    /// after opening everything openable.
    var reach: Grid<Bool>
    var problems: [String] = []

    init(level: Level) {
        reach = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        let machines = level.machines
        // Boxes are disjoint and owned.
        for (i, m) in machines.enumerated() {
            let n = UInt8(truncatingIfNeeded: i + 1)
            outer: for y in (m.origin.y - 1)...(m.origin.y + m.height) {
                for x in (m.origin.x - 1)...(m.origin.x + m.width) where level.machineAt[x, y] != n {
                    problems.append("machine \(i + 1) (box at \(m.origin)) overlaps machine \(level.machineAt[x, y]) at \(Point(x, y))")
                    break outer
                }
            }
        }
        let keys = Self.keySpots(level)
        reach = Self.open(level: level, keys: keys, never: 0)
        for (n, spot) in keys {
            let without = Self.open(level: level, keys: keys, never: n)
            if !without[spot] { problems.append("the key of machine \(n) at \(spot) cannot be reached without its own vault") }
        }
    }

    /// Where each locked machine's key starts: (machine number, cell).
    static func keySpots(_ level: Level) -> [(Int, Point)] {
        var out: [(Int, Point)] = []
        for (i, m) in level.machines.enumerated() {
            for spot in m.spots where m.isKeySpot(spot) { out.append((i + 1, spot.position)) }
        }
        return out
    }

    /// Floods from the up stairs, opening machines (never machine `never`) until nothing changes.
    static func open(level: Level, keys: [(Int, Point)], never: Int) -> Grid<Bool> {
        var opened = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        var openedMachines = [Bool](repeating: false, count: level.machines.count + 1)
        while true {
            let reach = flood(level: level, opened: opened)
            var changed = false
            for n in 1...max(1, level.machines.count) where n <= level.machines.count && !openedMachines[n] && n != never {
                let owner = UInt8(truncatingIfNeeded: n)
                let m = level.machines[n - 1]
                func touches(_ p: Point) -> Bool { Direction.cardinals.contains { d in reach.contains(p + d.offset) && reach[p + d.offset] } }
                let keyReached = keys.contains { $0.0 == n && reach[$0.1] }
                var leverReached = false
                var barriers: [Point] = []
                for i in level.machineAt.cells.indices where level.machineAt.cells[i] == owner {
                    let p = level.machineAt.point(at: i)
                    let f = level.flags[p]
                    if f.contains(.firesOnBump) && touches(p) { leverReached = true }
                    if f.contains(.blocksMovement) && (f.contains(.isWired) || f.contains(.isLocked) || f.contains(.isSecret))
                        && !f.contains(.firesOnBump)
                    {
                        barriers.append(p)
                    }
                }
                let e = m.entrance
                let f = level.flags[e]
                let canOpen =
                    !f.contains(.blocksMovement)
                    ? true
                    : (f.contains(.isSecret) || (f.contains(.isLocked) && keyReached) || (f.contains(.isWired) && leverReached)) && touches(e)
                if canOpen {
                    openedMachines[n] = true
                    for p in barriers { opened[p] = true }
                    opened[e] = true
                    changed = true
                }
            }
            if !changed { return reach }
        }
    }

    static func flood(level: Level, opened: Grid<Bool>) -> Grid<Bool> {
        var seen = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        let start = level.upStairs
        guard level.contains(start) else { return seen }
        var stack = [start]
        seen[start] = true
        while let p = stack.popLast() {
            for d in Direction.allCases {
                let n = p + d.offset
                guard level.contains(n), !seen[n] else { continue }
                let f = level.flags[n]
                guard (!f.contains(.blocksMovement) || opened[n]) && !f.contains(.isDeep) && f.isDisjoint(with: .hazards) else { continue }
                if d.isDiagonal
                    && (level.flags[Point(n.x, p.y)].contains(.blocksDiagonal) || level.flags[Point(p.x, n.y)].contains(.blocksDiagonal))
                {
                    continue
                }
                seen[n] = true
                stack.append(n)
            }
        }
        return seen
    }
}
