/// A distance map over a level: for every cell, the cheapest cost to reach it from (or, read
/// the other way, to walk to) the nearest goal. One tool for pathing, fleeing, exploring and
/// travel: a creature steps to the neighbour with the lowest value.
///
/// Costs are positive integers per cell (entering it); `DijkstraMap.blocked` marks a cell
/// that cannot be entered. Goals may start at any value, negative included, which is how a
/// flee map is built (see `Game.safetyMap`). Buffers are reused between runs.
///
/// ```swift
/// var map = DijkstraMap()
/// map.compute(goals: [(stairs, 0)], costs: costs, corners: level.flags)
/// let d = map[player]   // steps to the stairs, or `DijkstraMap.unreachable`
/// ```
public struct DijkstraMap: Sendable {
    public static let unreachable: Int32 = Int32.max / 4
    public static let blocked: Int32 = -1

    public private(set) var distances: Grid<Int32>
    private var heap: [UInt64] = []
    private var queue: [Int] = []

    public init(width: Int = Dungeon.width, height: Int = Dungeon.height) {
        distances = Grid(width: width, height: height, filling: DijkstraMap.unreachable)
    }

    public subscript(p: Point) -> Int32 { distances[p] }

    /// Gives up the working buffers `compute` keeps for the next call (up to twice the
    /// distances' own size). For a map computed once and then only read, as the waypoint maps a
    /// game caches for its level: kept, they made each of those about three times its distances.
    public mutating func releaseBuffers() {
        queue = []
        heap = []
    }

    /// Fills the map from `goals`.
    /// - Parameters:
    ///   - goals: cells and the value each starts at.
    ///   - costs: cost to enter each cell, or `blocked`.
    ///   - corners: when given, a diagonal step is refused if either corner it cuts has
    ///     `.blocksDiagonal` (walls), as creatures move.
    ///   - diagonals: false for 4-connected maps (corridor carving).
    public mutating func compute(goals: [(Point, Int32)], costs: Grid<Int32>, corners: Grid<TerrainFlags>? = nil, diagonals: Bool = true) {
        let w = distances.width
        let h = distances.height
        // The buffers are moved out of `self` while they are worked on, and the loop reads and
        // writes them through unsafe buffers: this is the rules' hottest loop (over a third of
        // a simulated turn), and every `self.distances.cells[i] = ...` otherwise pays a bounds
        // check and a uniqueness check.
        var dist: [Int32] = []
        var queue: [Int] = []
        var heap: [UInt64] = []
        swap(&dist, &distances.cells)
        swap(&queue, &self.queue)
        swap(&heap, &self.heap)
        defer {
            swap(&dist, &distances.cells)
            swap(&queue, &self.queue)
            swap(&heap, &self.heap)
        }
        for i in dist.indices { dist[i] = DijkstraMap.unreachable }
        heap.removeAll(keepingCapacity: true)
        let offsets = diagonals ? Self.allOffsets : Self.cardinalOffsets
        // With every cost 1, cells reached by relaxation come out in increasing order from a
        // plain queue; merged with the goals sorted by their start values, that is Dijkstra
        // order without a heap. Other costs use the heap.
        let unit = !costs.cells.contains { $0 > 1 }
        queue.removeAll(keepingCapacity: true)
        for (p, v) in goals where costs.contains(p) && costs[p] >= 0 && v < dist[costs.index(p)] {
            dist[costs.index(p)] = v
            if unit { queue.append(costs.index(p)) } else { Self.push(v, costs.index(p), &heap) }
        }
        // The goals now lead the queue; sort them by start value (ties by cell, for a fixed order).
        let goalCount = queue.count
        if unit && goalCount > 1 {
            let cells = dist
            queue.sort { cells[$0] != cells[$1] ? cells[$0] < cells[$1] : $0 < $1 }
        }
        let cornerFlags = corners?.cells ?? []
        let checkCorners = corners != nil
        costs.cells.withUnsafeBufferPointer { cost in
            cornerFlags.withUnsafeBufferPointer { corner in
                dist.withUnsafeMutableBufferPointer { dist in
                    var nextGoal = 0
                    var head = goalCount
                    while true {
                        let d: Int32
                        let i: Int
                        if unit {
                            // Take whichever is lower: the next goal or the next relaxed cell.
                            let takeGoal = nextGoal < goalCount && (head >= queue.count || dist[queue[nextGoal]] <= dist[queue[head]])
                            if takeGoal {
                                i = queue[nextGoal]
                                nextGoal += 1
                            } else if head < queue.count {
                                i = queue[head]
                                head += 1
                            } else {
                                break
                            }
                            d = dist[i]
                        } else {
                            guard let (pd, pi) = Self.pop(&heap) else { break }
                            if pd > dist[pi] { continue }
                            (d, i) = (pd, pi)
                        }
                        let x = i % w
                        let y = i / w
                        for k in offsets.indices {
                            let o = offsets[k]
                            let nx = x + o.x
                            let ny = y + o.y
                            if nx < 0 || ny < 0 || nx >= w || ny >= h { continue }
                            let ni = ny * w + nx
                            let c = cost[ni]
                            if c < 0 { continue }
                            if k >= 4 && checkCorners {
                                if corner[y * w + nx].contains(.blocksDiagonal) || corner[ny * w + x].contains(.blocksDiagonal) { continue }
                            }
                            let nd = d + c
                            if nd < dist[ni] {
                                dist[ni] = nd
                                if unit { queue.append(ni) } else { Self.push(nd, ni, &heap) }
                            }
                        }
                    }
                }
            }
        }
    }

    private static let allOffsets = Direction.allCases.map(\.offset)
    private static let cardinalOffsets = Direction.cardinals.map(\.offset)

    /// The neighbour of `from` with the lowest value below `from`'s own, trying directions
    /// in their fixed order so ties always break the same way; `allowed` vetoes a step.
    public func downhill(from: Point, level: Level, allowed: (Point) -> Bool = { _ in true }) -> Direction? {
        var best: Direction?
        var bestValue = distances[from]
        for dir in Direction.allCases {
            let to = from + dir.offset
            guard level.canStep(from: from, dir), allowed(to) else { continue }
            let v = distances[to]
            if v < bestValue {
                bestValue = v
                best = dir
            }
        }
        return best
    }

    // A binary min-heap of (distance << 32 | index); distances may be negative, so bias them.
    private static func push(_ d: Int32, _ i: Int, _ heap: inout [UInt64]) {
        heap.append(UInt64(UInt32(bitPattern: d) ^ 0x8000_0000) << 32 | UInt64(i))
        var c = heap.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            if heap[p] <= heap[c] { break }
            heap.swapAt(p, c)
            c = p
        }
    }

    private static func pop(_ heap: inout [UInt64]) -> (Int32, Int)? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var p = 0
            let n = heap.count
            while true {
                let l = 2 * p + 1
                if l >= n { break }
                let r = l + 1
                let c = r < n && heap[r] < heap[l] ? r : l
                if heap[p] <= heap[c] { break }
                heap.swapAt(p, c)
                p = c
            }
        }
        return (Int32(bitPattern: UInt32(top >> 32) ^ 0x8000_0000), Int(top & 0xFFFF_FFFF))
    }
}
