/// The checks a machine's room passes before it is kept: everything inside can be walked to, and
/// whatever waits behind a barrier or in a locked cage can be let out by something the player
/// can reach.
extension MachineSite {
    /// Every inside cell one can stand on without swimming or springing anything (and so every
    /// item and monster spot) can be walked to from the entrance, 4-connected as the level's own
    /// promise is. A wired barrier inside (a cage, a crumbling wall) counts as closed: what lies
    /// on it waits for the machine to fire, so the room needs a way to fire it; so does an item
    /// locked in a wired cage (a key that a plate across a chasm lets out).
    func spotsReachable(_ spots: [MachineSpot], inner: Point, machine: Machine, blueprint bp: Blueprint, level: Level) -> Bool {
        func barrier(_ p: Point) -> Bool { level.has(.blocksMovement, at: p) && level.has(.isWired, at: p) }
        func open(_ p: Point) -> Bool {
            !level.has(.blocksMovement, at: p) && !level.has(.isDeep, at: p) && level.flags[p].isDisjoint(with: .hazards)
        }
        guard open(inner) else { return false }
        var seen = Grid(width: machine.width, height: machine.height, filling: false)
        let o = machine.origin
        func local(_ p: Point) -> Point { Point(p.x - o.x, p.y - o.y) }
        var stack = [inner]
        seen[local(inner)] = true
        var reached = 1
        while let p = stack.popLast() {
            for d in Direction.cardinals {
                let n = p + d.offset
                guard machine.contains(n), open(n), !seen[local(n)] else { continue }
                seen[local(n)] = true
                reached += 1
                stack.append(n)
            }
        }
        var standable = 0
        var barriers = false
        for y in o.y..<(o.y + machine.height) {
            for x in o.x..<(o.x + machine.width) {
                if open(Point(x, y)) { standable += 1 }
                if barrier(Point(x, y)) { barriers = true }
            }
        }
        if spots.contains(where: { level.flags[$0.position].contains([.isWired, .holdsItem]) }) { barriers = true }
        if barriers && !firesSomehow(machine, level: level, seen: seen) { return false }
        return reached == standable
            && spots.allSatisfy { s in
                !machine.contains(s.position) || seen[local(s.position)] || barrier(s.position)
                    || (bp.features[s.feature].monster != nil && level.has(.firesOnStep, at: s.position))
            }
    }

    /// Whether something the player can reach in the room fires it: a wired altar, a lever in
    /// its wall, a pressure plate beside a reached cell, or one a thrown item can land on.
    func firesSomehow(_ machine: Machine, level: Level, seen: Grid<Bool>) -> Bool {
        let o = machine.origin
        for y in (o.y - 1)...(o.y + machine.height) {
            for x in (o.x - 1)...(o.x + machine.width) {
                let p = Point(x, y)
                let f = level.flags[p]
                guard !f.isDisjoint(with: [.firesOnPickup, .firesOnBump, .firesOnStep]) else { continue }
                if machine.contains(p) && seen[Point(x - o.x, y - o.y)] { return true }
                if Direction.cardinals.contains(where: { d in
                    let q = p + d.offset
                    return machine.contains(q) && seen[Point(q.x - o.x, q.y - o.y)]
                }) {
                    return true
                }
                if f.contains(.firesOnStep) && machine.contains(p) && throwable(to: p, machine: machine, level: level, seen: seen) { return true }
            }
        }
        return false
    }

    /// Whether an item thrown from some reached cell of the room flies straight to `target` (as
    /// `Game.throwItem` flies it: nothing that blocks movement on the way, within its range).
    func throwable(to target: Point, machine: Machine, level: Level, seen: Grid<Bool>) -> Bool {
        let o = machine.origin
        for y in 0..<machine.height {
            for x in 0..<machine.width where seen[Point(x, y)] {
                let line = Game.line(from: Point(o.x + x, o.y + y), to: target, maxLength: Game.throwRange)
                guard line.last == target else { continue }
                if line.dropLast().allSatisfy({ !level.has(.blocksMovement, at: $0) }) { return true }
            }
        }
        return false
    }
}
