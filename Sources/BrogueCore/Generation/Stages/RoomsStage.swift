/// Grows the dungeon by accretion, as Brogue does: the entrance room is stamped first; then
/// each new room is designed on a scratch grid and slid until one of its doorway sites lies
/// on a wall with open floor behind it and the room overlaps nothing, and is stamped there.
public struct RoomsStage: GenerationStage {
    /// Random places tried per room before giving it up.
    public var placesPerRoom = 120

    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let profile = builder.profile
        // The entrance room, anywhere it fits.
        let first = RoomShape.design(profile.entrance, rng: &rng)
        let maxX = first.cells.map(\.x).max() ?? 0
        let maxY = first.cells.map(\.y).max() ?? 0
        let offset = Point(
            rng.int(in: 0...max(0, Dungeon.width - 2 - maxX)),
            rng.int(in: 0...max(0, Dungeon.height - 2 - maxY))
        )
        // Cells within one step of anything open: a new room may not touch them.
        var near = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        stamp(first, at: offset, door: nil, &builder, near: &near)
        builder.entranceCells = first.cells.map { $0 + offset }.filter { builder.plan.contains($0) }

        let weights = profile.rooms.map(\.weight)
        for _ in 0..<profile.roomAttempts {
            guard let pick = rng.weightedIndex(weights) else { break }
            var shape = RoomShape.design(profile.rooms[pick], rng: &rng)
            if rng.percent(profile.corridorChance) {
                let sides = Direction.cardinals.indices.filter { shape.doors[$0] != nil }
                if let side = rng.pick(sides) { shape.addCorridor(side, length: rng.int(in: 3...9)) }
            }
            _ = attach(shape, &builder, near: &near, rng: &rng)
        }
    }

    /// Tries random wall cells; returns whether the room was stamped.
    func attach(_ shape: RoomShape, _ builder: inout LevelBuilder, near: inout Grid<Bool>, rng: inout RandomStream) -> Bool {
        for _ in 0..<placesPerRoom {
            let m = Point(rng.int(in: 1...(Dungeon.width - 2)), rng.int(in: 1...(Dungeon.height - 2)))
            guard builder.plan[m] == .rock else { continue }
            for (i, d) in Direction.cardinals.enumerated() {
                guard let door = shape.doors[i] else { continue }
                // The doorway faces `d` out of the new room, so the old floor lies beyond it.
                let beyond = m + d.offset
                let behind = m - d.offset
                guard builder.plan.contains(beyond), builder.plan[beyond] == .floor,
                    builder.plan.contains(behind), builder.plan[behind] == .rock
                else { continue }
                let offset = m - door
                if fits(shape, at: offset, near) {
                    stamp(shape, at: offset, door: m, &builder, near: &near)
                    return true
                }
            }
        }
        return false
    }

    /// Every cell inside the rim, and nothing but rock around it.
    func fits(_ shape: RoomShape, at offset: Point, _ near: Grid<Bool>) -> Bool {
        for c in shape.cells {
            let p = c + offset
            guard LevelBuilder.isInterior(p), !near[p] else { return false }
        }
        return true
    }

    func stamp(_ shape: RoomShape, at offset: Point, door: Point?, _ builder: inout LevelBuilder, near: inout Grid<Bool>) {
        func mark(_ p: Point) {
            for yy in (p.y - 1)...(p.y + 1) {
                for xx in (p.x - 1)...(p.x + 1) where near.contains(Point(xx, yy)) { near[xx, yy] = true }
            }
        }
        for c in shape.cells {
            let p = c + offset
            if LevelBuilder.isInterior(p) {
                builder.plan[p] = .floor
                mark(p)
            }
        }
        if let door {
            builder.plan[door] = .doorway
            mark(door)
        }
        let center = shape.center + offset
        if builder.plan.contains(center) { builder.roomCenters.append(center) }
    }
}

/// Cuts extra doorways where a wall separates two open cells that are far apart on foot, so
/// the level has loops rather than dead ends.
public struct LoopsStage: GenerationStage {
    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let profile = builder.profile
        guard profile.loops > 0 else { return }
        var candidates: [(Point, Point, Point)] = []
        for y in 1..<(Dungeon.height - 1) {
            for x in 1..<(Dungeon.width - 1) where builder.plan[x, y] == .rock {
                let n = builder.plan[x, y - 1]
                let s = builder.plan[x, y + 1]
                let e = builder.plan[x + 1, y]
                let w = builder.plan[x - 1, y]
                if n == .floor && s == .floor && e == .rock && w == .rock {
                    candidates.append((Point(x, y), Point(x, y - 1), Point(x, y + 1)))
                } else if e == .floor && w == .floor && n == .rock && s == .rock {
                    candidates.append((Point(x, y), Point(x - 1, y), Point(x + 1, y)))
                }
            }
        }
        rng.shuffle(&candidates)
        var made = 0
        for (wall, a, b) in candidates where made < profile.loops {
            guard builder.plan[wall] == .rock else { continue }
            if builder.walkingDistance(from: a, to: b, blocked: wall, limit: profile.loopMinDistance) == nil {
                builder.plan[wall] = .loopDoorway
                made += 1
            }
        }
    }
}
