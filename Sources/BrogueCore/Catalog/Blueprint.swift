/// A machine (Brogue's word for a vault, an altar room, a trap room...) described by content:
/// a room of its own, carved into rock beside the level and reached through one entrance
/// cell, with features placed inside it (and sometimes elsewhere on the level: a key, a lever).
///
/// The `MachinesStage` places blueprints; the rules in `Game+Machines.swift` make their
/// terrain work (locks, levers, altars that cage, captives, dormant guardians).
/// See `docs/content/blueprints.md`.
public struct Blueprint: Hashable, Sendable {
    public var id: String
    public var name: String
    /// Depths where the blueprint may be built.
    public var depths: ClosedRange<Int>
    /// Relative chance against the other blueprints that fit the depth.
    public var frequency: Int
    /// Size of the room's inside (its walls are one cell more on every side).
    public var width: ClosedRange<Int>
    public var height: ClosedRange<Int>
    /// Terrain of the entrance cell (a door, a locked door, a secret door, a portcullis);
    /// nil leaves it an open doorway.
    public var entrance: String?
    /// Terrain laid over every inside cell before the features (carpet, shallow water).
    public var floor: String?
    public var features: [BlueprintFeature]

    public init(
        id: String,
        name: String,
        depths: ClosedRange<Int>,
        frequency: Int = 10,
        width: ClosedRange<Int>,
        height: ClosedRange<Int>,
        entrance: String? = nil,
        floor: String? = nil,
        features: [BlueprintFeature] = []
    ) {
        self.id = id
        self.name = name
        self.depths = depths
        self.frequency = frequency
        self.width = width
        self.height = height
        self.entrance = entrance
        self.floor = floor
        self.features = features
    }

    /// Terrain ids the blueprint names; the catalog refuses unknown ones.
    public var terrainIDs: [String] {
        [entrance, floor].compactMap { $0 } + features.compactMap(\.terrain)
    }

    /// Whether this blueprint is a key room: one of its features holds another machine's key.
    public var holdsKey: Bool { features.contains(where: \.keySlot) }

    /// Inside cells the features need at least (every feature placed inside at its least count).
    public var cellsNeeded: Int {
        features.filter { $0.placement.isInside }.reduce(0) { $0 + $1.count.lowerBound }
    }
}

/// Where a feature's cells are chosen.
public enum FeaturePlacement: String, CaseIterable, Hashable, Sendable {
    /// Any free inside cell.
    case interior
    /// The free inside cell nearest the middle.
    case center
    /// The free inside cell farthest (on foot) from the entrance.
    case far
    /// A free inside cell against the room's wall.
    case edge
    /// One of the room's own wall cells, facing the inside (torches, levers inside).
    case wall
    /// A floor cell elsewhere on the level, reachable from the stairs without entering any
    /// machine (a vault's key).
    case outside
    /// A wall cell elsewhere on the level facing reachable floor (a lever for a portcullis).
    case outsideWall = "outside-wall"
    /// Every cell of the straight line from the entrance across the room to its far wall, but
    /// those a `path-end` took (a bridge or causeway over a room floored with chasm or water).
    /// Its `count` is not read. The liquid under it is cleared.
    case path
    /// The free cell of that line nearest the far wall (a landing at the bridge's end); the
    /// liquid under it is cleared.
    case pathEnd = "path-end"
    /// The free cell of that line nearest the entrance, past the cell inside it (a near ledge
    /// facing the drop); the liquid under it is cleared.
    case pathStart = "path-start"

    public var isInside: Bool {
        switch self {
        case .interior, .center, .far, .edge, .path, .pathEnd, .pathStart: true
        case .wall, .outside, .outsideWall: false
        }
    }
}

/// One feature of a blueprint: terrain, an item or a monster (or a mix), `count` times.
public struct BlueprintFeature: Hashable, Sendable {
    /// Terrain laid on each chosen cell (on its own layer).
    public var terrain: String?
    public var placement: FeaturePlacement
    public var count: ClosedRange<Int>
    public var item: ItemChoice?
    public var monster: MonsterChoice?
    /// In a key room (a blueprint another machine's key is `held-in`): the key lies on this
    /// feature's cell, or is carried by its monster.
    public var keySlot: Bool

    public init(
        terrain: String? = nil,
        placement: FeaturePlacement = .interior,
        count: ClosedRange<Int> = 1...1,
        item: ItemChoice? = nil,
        monster: MonsterChoice? = nil,
        keySlot: Bool = false
    ) {
        self.terrain = terrain
        self.placement = placement
        self.count = count
        self.item = item
        self.monster = monster
        self.keySlot = keySlot
    }
}

/// Which item a feature places: one kind, or one drawn from the depth's item table limited to
/// some categories. A key opens its own machine's locked cells and no other.
public struct ItemChoice: Hashable, Sendable {
    public var kind: String?
    public var categories: [ItemCategory]
    /// The item is this machine's key.
    public var key: Bool
    /// For a key: blueprints of key rooms, one of which is built to hold it (the key lies in
    /// its `keySlot`); when none fits, the key lies outside as usual.
    public var heldIn: [String]
    /// A drawn item's enchantment is raised to at least this (a vault's good treasure).
    public var leastEnchant: Int

    public init(kind: String? = nil, categories: [ItemCategory] = [], key: Bool = false, heldIn: [String] = [], leastEnchant: Int = 0) {
        self.kind = kind
        self.categories = categories
        self.key = key
        self.heldIn = heldIn
        self.leastEnchant = leastEnchant
    }
}

/// Which monster a feature places and how it waits.
public struct MonsterChoice: Hashable, Sendable {
    /// A monster id, or nil for one drawn from the depth's spawn table.
    public var kind: String?
    public var state: MachineMonsterState

    public init(kind: String? = nil, state: MachineMonsterState = .sleeping) {
        self.kind = kind
        self.state = state
    }
}

/// How a machine's monster starts.
public enum MachineMonsterState: String, CaseIterable, Hashable, Sendable {
    /// Asleep like any monster.
    case sleeping
    /// In shackles: never acts; the player frees it by walking into it, and it follows as an ally.
    case captive
    /// Does nothing until its machine fires (an item lifted, a lever pulled), then hunts.
    case dormant
    /// Awake and never leaves its machine's cells (guardians).
    case guarding
}
