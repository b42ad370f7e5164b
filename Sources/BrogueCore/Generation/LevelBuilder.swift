/// The level under construction, shared by the stages of a `LevelGenerator`.
///
/// Early stages draw on `plan` (rock, floor, doorways) and `liquid`; `BuildTerrainStage`
/// turns the plan into the `level`'s terrain, and later stages work on `level` directly.
public struct LevelBuilder: Sendable {
    /// What a plan cell holds before terrain is chosen.
    public enum Cell: UInt8, Sendable {
        case rock = 0
        case floor = 1
        /// A doorway on the tree of rooms: closing it would cut the level in two.
        case doorway = 2
        /// A doorway cut to make a loop; it may become a secret door.
        case loopDoorway = 3
    }

    public let depth: Int
    public let catalog: ContentCatalog
    public let profile: GeneratorProfile
    public var plan: Grid<Cell>
    /// A liquid terrain index per cell, or -1.
    public var liquid: Grid<Int16>
    /// One floor cell per room, near its middle (wandering monsters' waypoints).
    public var roomCenters: [Point] = []
    /// The cells of the first room, where the up stairs go.
    public var entranceCells: [Point] = []
    public var level: Level
    /// Whether each terrain kind is deep liquid or a hazard (lava, chasm, brimstone), looked up
    /// once rather than per cell: connectivity never counts on crossing one.
    let undryKinds: [Bool]
    /// Reusable flood-fill buffers, so stages allocate nothing per search.
    var stamp: Grid<UInt32>
    var epoch: UInt32 = 0
    var queue: [Point] = []

    public init(depth: Int, seed: UInt64, catalog: ContentCatalog, profile: GeneratorProfile) {
        self.depth = depth
        self.catalog = catalog
        self.profile = profile
        plan = Grid(width: Dungeon.width, height: Dungeon.height, filling: .rock)
        liquid = Grid(width: Dungeon.width, height: Dungeon.height, filling: -1)
        level = Level(depth: depth, seed: seed, fill: catalog.roles.granite, catalog: catalog)
        stamp = Grid(width: Dungeon.width, height: Dungeon.height, filling: 0)
        undryKinds = catalog.terrains.map { $0.flags.contains(.isDeep) || !$0.flags.isDisjoint(with: .hazards) }
        queue.reserveCapacity(Dungeon.width * Dungeon.height)
    }

    /// Whether `p` is inside the map, off its one-cell rim.
    @inlinable public static func isInterior(_ p: Point) -> Bool {
        p.x >= 1 && p.y >= 1 && p.x < Dungeon.width - 1 && p.y < Dungeon.height - 1
    }

    /// Whether the plan lets a creature stand on `p` without swimming: floor or doorway
    /// with no deep liquid and no hazard. Deep water, lava, chasms and brimstone count as
    /// impassable for connectivity, so nobody ever has to swim (and risk dropping an item) or
    /// cross a hazard to reach any part of a level.
    public func isDry(_ p: Point) -> Bool { isDry(index: plan.index(p)) }

    @inline(__always) func isDry(index i: Int) -> Bool {
        guard plan.cells[i] != .rock else { return false }
        let l = liquid.cells[i]
        return l < 0 || !undryKinds[Int(l)]
    }

    /// Whether every dry cell is reachable from every other (4-connected), treating
    /// `blocked` as rock.
    public mutating func isConnected(blocked: Point? = nil) -> Bool {
        var total = 0
        var first: Point?
        let skip = blocked.map { plan.index($0) } ?? -1
        for i in plan.cells.indices where i != skip && isDry(index: i) {
            total += 1
            if first == nil { first = plan.point(at: i) }
        }
        guard let first else { return true }
        return flood(from: first, blocked: blocked, limit: Int.max) == total
    }

    /// Flood fills dry cells from `start`; returns how many it reached. Marks reached cells
    /// with the current epoch in `stamp`.
    @discardableResult
    mutating func flood(from start: Point, blocked: Point?, limit: Int) -> Int {
        epoch &+= 1
        queue.removeAll(keepingCapacity: true)
        queue.append(start)
        stamp[start] = epoch
        var head = 0
        while head < queue.count {
            let p = queue[head]
            head += 1
            for d in Direction.cardinals {
                let n = p + d.offset
                guard plan.contains(n), stamp[n] != epoch, n != blocked, isDry(n) else { continue }
                stamp[n] = epoch
                queue.append(n)
            }
        }
        return queue.count
    }

    /// Steps from `a` to `b` over plan cells that are not rock (4-connected), not through
    /// `blocked`; nil when `b` is not reached within `limit` steps.
    mutating func walkingDistance(from a: Point, to b: Point, blocked: Point, limit: Int) -> Int? {
        epoch &+= 1
        queue.removeAll(keepingCapacity: true)
        var dist: [Int] = [0]
        queue.append(a)
        stamp[a] = epoch
        var head = 0
        while head < queue.count {
            let p = queue[head]
            let dp = dist[head]
            head += 1
            if p == b { return dp }
            guard dp < limit else { continue }
            for d in Direction.cardinals {
                let n = p + d.offset
                guard plan.contains(n), stamp[n] != epoch, n != blocked, plan[n] != .rock else { continue }
                stamp[n] = epoch
                queue.append(n)
                dist.append(dp + 1)
            }
        }
        return nil
    }
}
