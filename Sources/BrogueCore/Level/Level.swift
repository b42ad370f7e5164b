/// One depth of the dungeon: terrain in four layers, what the player remembers, and what lies
/// on the floor. Creatures other than the player live in `Game.monsters`.
public struct Level: Sendable {
    public let depth: Int
    /// Seed this level was generated from; drawn at game start so depth N never depends on
    /// what happened above it.
    public let seed: UInt64
    /// Terrain index per layer (`TerrainLayer.rawValue`); -1 where a layer is empty.
    public var layers: [Grid<Int16>]
    /// Union of every layer's flags, kept in step with `layers` by `setTerrain`.
    public private(set) var flags: Grid<TerrainFlags>
    /// Cells the player has seen at least once.
    public var discovered: Grid<Bool>
    /// Cells revealed by magic mapping but not yet seen.
    public var magicMapped: Grid<Bool>
    public var upStairs: Point
    public var downStairs: Point
    /// Items lying on the floor, in the order they were placed.
    public var items: [FloorItem]
    /// Room centres: where wandering monsters head.
    public var waypoints: [Point]
    /// Cells lit by glowing terrain, seen from any distance when in view.
    public var lit: Grid<Bool>
    /// True once the level's monsters and items have been placed (the first visit).
    public var populated: Bool
    /// The machines built on this level, in the order they were built.
    public var machines: [Machine]
    /// Which machine (1-based index into `machines`) owns each cell, or 0: a machine's room
    /// with its walls and entrance, and any cell it placed elsewhere (a lever).
    public var machineAt: Grid<UInt8>
    /// Terrain that turns back after a while (burning brimstone dying down), in the order set.
    public var timers: [TerrainTimer]
    /// Fallen monsters an ally may absorb (only those with something `learnable`), oldest first.
    public var remains: [Remains]
    /// The deepest depth of the dungeon this level belongs to (it has no stairs down there).
    public let deepestLevel: Int

    public init(depth: Int, seed: UInt64, fill: Int, catalog: ContentCatalog) {
        self.depth = depth
        self.seed = seed
        deepestLevel = catalog.deepestLevel
        let w = Dungeon.width
        let h = Dungeon.height
        layers = TerrainLayer.allCases.map { _ in Grid(width: w, height: h, filling: Int16(-1)) }
        flags = Grid(width: w, height: h, filling: [])
        discovered = Grid(width: w, height: h, filling: false)
        magicMapped = Grid(width: w, height: h, filling: false)
        upStairs = Point(0, 0)
        downStairs = Point(0, 0)
        items = []
        waypoints = []
        lit = Grid(width: w, height: h, filling: false)
        populated = false
        machines = []
        machineAt = Grid(width: w, height: h, filling: 0)
        timers = []
        remains = []
        layers[TerrainLayer.dungeon.rawValue].fill(Int16(fill))
        flags.fill(catalog.terrains[fill].flags)
    }

    @inlinable public func contains(_ p: Point) -> Bool {
        p.x >= 0 && p.y >= 0 && p.x < Dungeon.width && p.y < Dungeon.height
    }

    /// The terrain index on `layer` at `p`, or nil when that layer is empty there.
    public func terrain(_ layer: TerrainLayer, at p: Point) -> Int? {
        let v = layers[layer.rawValue][p]
        return v < 0 ? nil : Int(v)
    }

    /// Sets (or with `nil` clears) one layer of one cell and refreshes its flags.
    public mutating func setTerrain(_ kind: Int?, layer: TerrainLayer, at p: Point, catalog: ContentCatalog) {
        layers[layer.rawValue][p] = Int16(kind ?? -1)
        var f: TerrainFlags = []
        for l in layers {
            let v = l[p]
            if v >= 0 { f.formUnion(catalog.terrains[Int(v)].flags) }
        }
        flags[p] = f
    }

    @inlinable public func has(_ flag: TerrainFlags, at p: Point) -> Bool { flags[p].contains(flag) }

    /// Whether a creature may stand on `p` (terrain only; creatures are checked by the game).
    @inlinable public func isPassable(_ p: Point) -> Bool { contains(p) && !flags[p].contains(.blocksMovement) }

    /// Whether a step from `from` in direction `dir` is allowed by terrain: the target is
    /// passable and, for a diagonal, neither corner it cuts blocks diagonal movement.
    public func canStep(from: Point, _ dir: Direction) -> Bool {
        let to = from + dir.offset
        guard isPassable(to) else { return false }
        if dir.isDiagonal {
            if flags[Point(to.x, from.y)].contains(.blocksDiagonal) || flags[Point(from.x, to.y)].contains(.blocksDiagonal) {
                return false
            }
        }
        return true
    }

    /// The index in `items` of the item lying at `p`, if any.
    public func itemIndex(at p: Point) -> Int? { items.firstIndex { $0.position == p } }
}

/// An item on the floor.
public struct FloorItem: Sendable, Hashable {
    public var item: Item
    public var position: Point

    public init(item: Item, position: Point) {
        self.item = item
        self.position = position
    }
}
