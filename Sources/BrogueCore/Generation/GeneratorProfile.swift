/// How levels are built over a range of depths: which room designs, how many loops, which
/// lakes and decorations. Content describes profiles in `generators/*.yaml`; the rules pick the
/// first profile whose `depths` holds the level's depth.
public struct GeneratorProfile: Hashable, Sendable {
    public var id: String
    public var depths: ClosedRange<Int>
    /// The first room, stamped before any other.
    public var entrance: RoomSpec
    /// Designs for every later room, drawn by weight.
    public var rooms: [RoomSpec]
    /// How many rooms to try to attach (each try designs a room and looks for a place).
    public var roomAttempts: Int
    /// Percent of attached rooms that arrive at the end of a straight corridor.
    public var corridorChance: Int
    /// At most this many extra doorways cut to make loops.
    public var loops: Int
    /// A wall becomes a loop doorway only if walking round is at least this many steps.
    public var loopMinDistance: Int
    public var lakes: [LakeSpec]
    /// Percent of doorways that get a door (the rest stay open arches).
    public var doorChance: Int
    /// Percent of loop doorways that become secret doors, by depth.
    public var secretDoors: DepthCurve
    public var decorations: [DecorationSpec]
    /// Machines (blueprints) tried per level, by depth.
    public var machines: DepthCurve
    /// Bridges laid across chasms and deep water where the walk round is long; none when nil.
    public var bridges: BridgeSpec?
    /// Plugin generator stages (`<plugin-id>.<name>`) run on this profile's levels, in this
    /// order, after the built-in stages and before light. A plugin stage no profile names runs
    /// on every level.
    public var stages: [String]

    public init(
        id: String,
        depths: ClosedRange<Int>,
        entrance: RoomSpec,
        rooms: [RoomSpec],
        roomAttempts: Int = 40,
        corridorChance: Int = 25,
        loops: Int = 20,
        loopMinDistance: Int = 20,
        lakes: [LakeSpec] = [],
        doorChance: Int = 60,
        secretDoors: DepthCurve = DepthCurve(start: 0, end: 0),
        decorations: [DecorationSpec] = [],
        machines: DepthCurve = DepthCurve(start: 2, end: 4),
        bridges: BridgeSpec? = nil,
        stages: [String] = []
    ) {
        self.id = id
        self.depths = depths
        self.entrance = entrance
        self.rooms = rooms
        self.roomAttempts = roomAttempts
        self.corridorChance = corridorChance
        self.loops = loops
        self.loopMinDistance = loopMinDistance
        self.lakes = lakes
        self.doorChance = doorChance
        self.secretDoors = secretDoors
        self.decorations = decorations
        self.machines = machines
        self.bridges = bridges
        self.stages = stages
    }

    /// Terrain ids the profile names; the catalog refuses a profile naming an unknown one.
    public var terrainIDs: [String] {
        lakes.flatMap { [$0.deep] + ($0.shallow.map { [$0] } ?? []) } + decorations.map(\.terrain) + (bridges.map { [$0.terrain] } ?? [])
    }
}

/// A shape of room. Sizes are the bounding box; see `docs/content/generators.md`.
public enum RoomDesign: String, CaseIterable, Hashable, Sendable {
    case cross
    case symmetricalCross = "symmetrical-cross"
    case small
    case circular
    case chunky
    case cave
}

/// One room design with its size range and weight.
public struct RoomSpec: Hashable, Sendable {
    public var design: RoomDesign
    public var weight: Int
    public var width: ClosedRange<Int>
    public var height: ClosedRange<Int>

    public init(design: RoomDesign, weight: Int = 10, width: ClosedRange<Int>? = nil, height: ClosedRange<Int>? = nil) {
        self.design = design
        self.weight = weight
        let d = RoomSpec.defaultSize(design)
        self.width = width ?? d.0
        self.height = height ?? d.1
    }

    /// Sizes close to Brogue's for each design.
    public static func defaultSize(_ design: RoomDesign) -> (ClosedRange<Int>, ClosedRange<Int>) {
        switch design {
        case .cross: (6...20, 4...10)
        case .symmetricalCross: (5...13, 5...9)
        case .small: (3...6, 2...4)
        case .circular: (5...11, 5...11)
        case .chunky: (5...12, 5...9)
        case .cave: (12...40, 8...18)
        }
    }
}

/// A lake: a blob of `deep` liquid with a wreath of `shallow` around it.
public struct LakeSpec: Hashable, Sendable {
    public var deep: String
    public var shallow: String?
    /// Chance in percent per lake attempt, by depth.
    public var chance: DepthCurve
    public var attempts: Int
    /// Bounding box of the blob.
    public var width: ClosedRange<Int>
    public var height: ClosedRange<Int>
    /// Width of the shallow wreath in cells.
    public var wreath: Int
    /// Shallowest depth at which the lake appears.
    public var minDepth: Int

    public init(
        deep: String,
        shallow: String?,
        chance: DepthCurve,
        attempts: Int = 3,
        width: ClosedRange<Int> = 6...20,
        height: ClosedRange<Int> = 4...10,
        wreath: Int = 1,
        minDepth: Int = 1
    ) {
        self.deep = deep
        self.shallow = shallow
        self.chance = chance
        self.attempts = attempts
        self.width = width
        self.height = height
        self.wreath = wreath
        self.minDepth = minDepth
    }
}

/// Where a decoration grows.
public enum DecorationPlacement: String, CaseIterable, Hashable, Sendable {
    /// On open floor (surface terrain such as grass, rubble, fungus).
    case floor
    /// Replacing a wall that faces open floor (torches).
    case wall
    /// One trap per count, on a floor cell the level stays connected without (see `LevelBuilder.placeTrap`).
    case trap
}

/// Patches of a terrain scattered over the level, more or fewer by depth.
public struct DecorationSpec: Hashable, Sendable {
    public var terrain: String
    public var placement: DecorationPlacement
    /// Number of patches per level, by depth.
    public var count: DepthCurve
    /// Cells per patch.
    public var size: ClosedRange<Int>

    public init(terrain: String, placement: DecorationPlacement = .floor, count: DepthCurve, size: ClosedRange<Int> = 1...1) {
        self.terrain = terrain
        self.placement = placement
        self.count = count
        self.size = size
    }
}

/// Bridges: straight runs of `terrain` across chasm or deep water, where both ends are dry
/// ground and walking round is at least `detour` times the bridge's length.
public struct BridgeSpec: Hashable, Sendable {
    public var terrain: String
    /// Most bridges per level, by depth.
    public var count: DepthCurve
    /// Most cells of liquid or chasm a bridge spans.
    public var maxLength: Int
    /// A bridge is laid only where the walk between its ends is at least this many times
    /// its length (counting both ends).
    public var detour: Int

    public init(terrain: String, count: DepthCurve, maxLength: Int = 12, detour: Int = 4) {
        self.terrain = terrain
        self.count = count
        self.maxLength = maxLength
        self.detour = detour
    }
}

/// An integer that changes linearly from `start` at `fromDepth` to `end` at `toDepth`, and
/// stays flat outside them (Brogue's depth-scaled frequencies).
public struct DepthCurve: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var fromDepth: Int
    public var toDepth: Int

    public init(start: Int, end: Int, fromDepth: Int = 1, toDepth: Int = Dungeon.classicDepths) {
        self.start = start
        self.end = end
        self.fromDepth = fromDepth
        self.toDepth = toDepth
    }

    /// The value at `depth`, by integer interpolation.
    public func value(at depth: Int) -> Int {
        if depth <= fromDepth || toDepth <= fromDepth { return depth <= fromDepth ? start : end }
        if depth >= toDepth { return end }
        return start + (end - start) * (depth - fromDepth) / (toDepth - fromDepth)
    }
}

extension GeneratorProfile {
    /// The profile used when content defines none: Brogue-like rooms, water lakes, doors.
    public static let builtIn = GeneratorProfile(
        id: "built-in",
        depths: 1...Dungeon.deepestLevel,
        entrance: RoomSpec(design: .symmetricalCross, width: 9...13, height: 5...9),
        rooms: [
            RoomSpec(design: .cross, weight: 20),
            RoomSpec(design: .symmetricalCross, weight: 10),
            RoomSpec(design: .small, weight: 20),
            RoomSpec(design: .circular, weight: 5),
            RoomSpec(design: .chunky, weight: 10),
            RoomSpec(design: .cave, weight: 5),
        ],
        lakes: [LakeSpec(deep: "deep-water", shallow: "shallow-water", chance: DepthCurve(start: 40, end: 60))],
        secretDoors: DepthCurve(start: 0, end: 67, fromDepth: 1, toDepth: 26),
        decorations: [
            DecorationSpec(terrain: "grass", count: DepthCurve(start: 6, end: 2), size: 4...14),
            DecorationSpec(terrain: "rubble", count: DepthCurve(start: 1, end: 4), size: 1...5),
            DecorationSpec(terrain: "torch-wall", placement: .wall, count: DepthCurve(start: 4, end: 1)),
        ]
    )
}
