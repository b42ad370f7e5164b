/// A simple rooms-and-corridors generator: rectangular rooms, 4-connected corridors with
/// doors, a few extra loops (whose doors may be secret, more often deeper), stairs placed far
/// apart, and light decoration. Every passable cell is reachable from the up stairs without
/// passing a secret door.
public enum RoomsAndCorridors {
    struct Room {
        var x: Int  // interior left
        var y: Int  // interior top
        var w: Int
        var h: Int
        var center: Point { Point(x + w / 2, y + h / 2) }
        func contains(_ p: Point) -> Bool { p.x >= x && p.x < x + w && p.y >= y && p.y < y + h }
    }

    /// Generates the level for `depth` from its own `seed`.
    public static func generate(depth: Int, seed: UInt64, catalog: ContentCatalog) -> Level {
        var rng = RandomStream(seed: seed)
        let roles = catalog.roles
        var level = Level(depth: depth, seed: seed, fill: roles.granite, catalog: catalog)
        let w = Dungeon.width
        let h = Dungeon.height
        // -1: open rock; -2: a room's wall; >= 0: the interior of room n.
        var owner = Grid(width: w, height: h, filling: -1)
        var rooms: [Room] = []
        let target = rng.int(in: 9...14)
        var attempts = 0
        while rooms.count < target && attempts < 400 {
            attempts += 1
            let rw = rng.int(in: 3...12)
            let rh = rng.int(in: 3...6)
            let rx = rng.int(in: 2...(w - rw - 3))
            let ry = rng.int(in: 2...(h - rh - 3))
            var free = true
            outer: for yy in (ry - 2)...(ry + rh + 1) {
                for xx in (rx - 2)...(rx + rw + 1) where owner[xx, yy] != -1 {
                    free = false
                    break outer
                }
            }
            guard free else { continue }
            let room = Room(x: rx, y: ry, w: rw, h: rh)
            for yy in (ry - 1)...(ry + rh) {
                for xx in (rx - 1)...(rx + rw) {
                    let p = Point(xx, yy)
                    if room.contains(p) {
                        owner[p] = rooms.count
                        level.setTerrain(roles.floor, layer: .dungeon, at: p, catalog: catalog)
                    } else {
                        owner[p] = -2
                        level.setTerrain(roles.wall, layer: .dungeon, at: p, catalog: catalog)
                    }
                }
            }
            rooms.append(room)
        }

        // Corridor cost: open rock only, with a little per-level jitter so corridors wander.
        var costs = Grid<Int32>(width: w, height: h, filling: DijkstraMap.blocked)
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) where owner[x, y] == -1 { costs[x, y] = Int32(rng.int(in: 2...4)) }
        }
        var map = DijkstraMap()
        func connect(_ a: Int, _ b: Int, secret: Bool) -> Bool {
            for _ in 0..<4 {
                guard let (doorA, outA) = doorSite(rooms[a], toward: rooms[b].center, owner: owner, rng: &rng),
                    let (doorB, outB) = doorSite(rooms[b], toward: rooms[a].center, owner: owner, rng: &rng)
                else { continue }
                map.compute(goals: [(outB, 0)], costs: costs, diagonals: false)
                guard map[outA] < DijkstraMap.unreachable else { continue }
                var p = outA
                var path = [p]
                while p != outB {
                    guard let step = Direction.cardinals.first(where: { d in
                        let n = p + d.offset
                        return costs.contains(n) && costs[n] >= 0 && map[n] < map[p]
                    }) else { return false }
                    p = p + step.offset
                    path.append(p)
                }
                for c in path {
                    level.setTerrain(roles.floor, layer: .dungeon, at: c, catalog: catalog)
                    costs[c] = 1  // later corridors like to reuse this one
                }
                let doorKind = secret ? roles.secretDoor : roles.door
                level.setTerrain(doorKind, layer: .dungeon, at: doorA, catalog: catalog)
                level.setTerrain(doorKind, layer: .dungeon, at: doorB, catalog: catalog)
                return true
            }
            return false
        }
        var linked = Set<Int>()
        for i in 1..<max(1, rooms.count) {
            let nearest = (0..<i).min { rooms[$0].center.distance(to: rooms[i].center) < rooms[$1].center.distance(to: rooms[i].center) }!
            if connect(i, nearest, secret: false) { linked.insert(i * 64 + nearest) }
        }
        let secretChance = min(60, depth * 3)
        for _ in 0..<(rooms.count / 3 + 1) where rooms.count > 2 {
            let a = rng.below(rooms.count)
            let b = rng.below(rooms.count)
            guard a != b, !linked.contains(a * 64 + b), !linked.contains(b * 64 + a),
                rooms[a].center.distance(to: rooms[b].center) < 30
            else { continue }
            if connect(a, b, secret: rng.percent(secretChance)) { linked.insert(a * 64 + b) }
        }

        // Whatever the first room cannot reach without secrets goes back to rock.
        let start = rooms.first?.center ?? Point(w / 2, h / 2)
        let reach = reachable(from: start, level: level)
        for y in 0..<h {
            for x in 0..<w {
                let p = Point(x, y)
                if !reach[p] && !level.has(.blocksMovement, at: p) {
                    level.setTerrain(roles.granite, layer: .dungeon, at: p, catalog: catalog)
                }
            }
        }
        encloseInWalls(&level, catalog: catalog)

        // Stairs: up in the first room, down as far away as the level allows.
        var floorCosts = Grid<Int32>(width: w, height: h, filling: DijkstraMap.blocked)
        for i in floorCosts.cells.indices where !level.flags.cells[i].contains(.blocksMovement) { floorCosts.cells[i] = 1 }
        let up = rooms.first.map { Point($0.x + rng.below($0.w), $0.y + rng.below($0.h)) } ?? start
        map.compute(goals: [(up, 0)], costs: floorCosts, corners: level.flags)
        var far: [Point] = []
        var best: Int32 = 0
        for (i, room) in rooms.enumerated() where i > 0 && reach[room.center] {
            let d = map[room.center]
            if d < DijkstraMap.unreachable && d >= best * 3 / 4 {
                if d > best { best = d }
                far.append(room.center)
            }
        }
        far = far.filter { map[$0] >= best * 3 / 4 }
        let down = rng.pick(far) ?? farthest(map, level)
        level.setTerrain(depth == 1 ? roles.dungeonExit : roles.upStairs, layer: .dungeon, at: up, catalog: catalog)
        level.setTerrain(roles.downStairs, layer: .dungeon, at: down, catalog: catalog)
        level.upStairs = up
        level.downStairs = down
        level.waypoints = rooms.map(\.center).filter { reach[$0] }
        decorate(&level, rooms: rooms, rng: &rng, catalog: catalog)
        computeLight(&level)
        return level
    }

    /// A wall cell of `room` (not a corner) on the side facing `toward`, and the open cell
    /// outside it; sometimes another side, so rooms get doors all round.
    static func doorSite(_ room: Room, toward: Point, owner: Grid<Int>, rng: inout RandomStream) -> (Point, Point)? {
        var sides: [Direction] = []
        if toward.x > room.x + room.w { sides.append(.east) }
        if toward.x < room.x { sides.append(.west) }
        if toward.y > room.y + room.h { sides.append(.south) }
        if toward.y < room.y { sides.append(.north) }
        if sides.isEmpty || rng.percent(20) { sides = Direction.cardinals }
        guard let side = rng.pick(sides) else { return nil }
        let door: Point
        switch side {
        case .north: door = Point(room.x + rng.below(room.w), room.y - 1)
        case .south: door = Point(room.x + rng.below(room.w), room.y + room.h)
        case .west: door = Point(room.x - 1, room.y + rng.below(room.h))
        default: door = Point(room.x + room.w, room.y + rng.below(room.h))
        }
        let out = door + side.offset
        guard out.x > 0, out.y > 0, out.x < Dungeon.width - 1, out.y < Dungeon.height - 1, owner[out] == -1 else { return nil }
        return (door, out)
    }

    /// Cells reachable on foot from `start`, treating secrets as walls.
    public static func reachable(from start: Point, level: Level) -> Grid<Bool> {
        var seen = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        guard level.isPassable(start) else { return seen }
        var stack = [start]
        seen[start] = true
        while let p = stack.popLast() {
            for d in Direction.allCases where level.canStep(from: p, d) {
                let n = p + d.offset
                if !seen[n] {
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

    static func farthest(_ map: DijkstraMap, _ level: Level) -> Point {
        var best = Point(1, 1)
        var bestD: Int32 = -1
        for (i, d) in map.distances.cells.enumerated() where d < DijkstraMap.unreachable && d > bestD {
            bestD = d
            best = map.distances.point(at: i)
        }
        return best
    }

    /// Torches, grass, rubble and puddles, when the content defines them.
    static func decorate(_ level: inout Level, rooms: [Room], rng: inout RandomStream, catalog: ContentCatalog) {
        let ids = catalog.terrainIndexByID
        let floor = catalog.roles.floor
        for room in rooms {
            let roll = rng.below(100)
            let kind: String? =
                switch roll {
                case 0..<18: "grass"
                case 18..<28: "rubble"
                case 28..<36: "shallow-water"
                default: nil
                }
            if let kind, let t = ids[kind] {
                let layer = catalog.terrains[t].layer
                for yy in room.y..<(room.y + room.h) {
                    for xx in room.x..<(room.x + room.w) where rng.percent(45) {
                        let p = Point(xx, yy)
                        if level.terrain(.dungeon, at: p) == floor { level.setTerrain(t, layer: layer, at: p, catalog: catalog) }
                    }
                }
            }
            if let torch = ids["torch-wall"], rng.percent(30) {
                let p = Point(room.x + rng.below(room.w), room.y - 1)
                if level.terrain(.dungeon, at: p) == catalog.roles.wall {
                    level.setTerrain(torch, layer: .dungeon, at: p, catalog: catalog)
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
