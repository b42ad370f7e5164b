/// The four terrain layers of a cell, drawn and checked in this order.
public enum TerrainLayer: Int, CaseIterable, Sendable, Codable {
    case dungeon, liquid, surface, gas

    public var name: String {
        switch self {
        case .dungeon: "dungeon"
        case .liquid: "liquid"
        case .surface: "surface"
        case .gas: "gas"
        }
    }
}

/// What a terrain does to whatever stands in, moves through or looks across its cell.
public struct TerrainFlags: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let blocksMovement = TerrainFlags(rawValue: 1 << 0)
    public static let blocksVision = TerrainFlags(rawValue: 1 << 1)
    /// No diagonal step may cut past this cell's corner (walls, as in Brogue).
    public static let blocksDiagonal = TerrainFlags(rawValue: 1 << 2)
    public static let isLiquid = TerrainFlags(rawValue: 1 << 3)
    /// Deep liquid: a creature that does not fly swims, and may drop what it holds.
    public static let isDeep = TerrainFlags(rawValue: 1 << 4)
    public static let isDoor = TerrainFlags(rawValue: 1 << 5)
    public static let isSecret = TerrainFlags(rawValue: 1 << 6)
    public static let stairsDown = TerrainFlags(rawValue: 1 << 7)
    public static let stairsUp = TerrainFlags(rawValue: 1 << 8)
    /// The cell gives light, so it is seen from afar when in line of sight.
    public static let glows = TerrainFlags(rawValue: 1 << 9)
    public static let isFlammable = TerrainFlags(rawValue: 1 << 10)
    /// The dungeon's outer rock: never dug, never changed.
    public static let isImpregnable = TerrainFlags(rawValue: 1 << 11)
    /// The exit: leaving the dungeon upward from depth 1.
    public static let isDungeonExit = TerrainFlags(rawValue: 1 << 12)
    /// A commutation altar: an item laid here trades its enchantment with the item on the other
    /// altar of its machine (see `Game+Commutation`).
    public static let commutes = TerrainFlags(rawValue: 1 << 13)
    /// Lava: a creature that enters burns to death unless it flies or is immune to fire.
    public static let lethalFire = TerrainFlags(rawValue: 1 << 16)
    /// A chasm or trap door: a creature that enters falls to the next depth unless it flies.
    public static let autoDescent = TerrainFlags(rawValue: 1 << 17)
    /// Fire (burning brimstone): hurts, by the terrain's `damage`, whoever enters or stays.
    public static let causesDamage = TerrainFlags(rawValue: 1 << 18)
    /// Becomes its `onStep` terrain when a creature steps on it (inert brimstone flaring up).
    public static let promotesOnStep = TerrainFlags(rawValue: 1 << 19)
    /// A trap: stepping on it springs its `trap` effect (and a trap door drops you).
    public static let isTrap = TerrainFlags(rawValue: 1 << 20)
    /// A bridge over a chasm or deep water, laid by the generator's bridge stage.
    public static let isBridge = TerrainFlags(rawValue: 1 << 21)
    /// Part of a machine's wiring: becomes its `promotes-to` terrain when the machine fires.
    public static let isWired = TerrainFlags(rawValue: 1 << 24)
    /// Lifting an item from this cell fires its machine (altars that cage the others).
    public static let firesOnPickup = TerrainFlags(rawValue: 1 << 25)
    /// Walking into this cell fires its machine (a lever in a wall).
    public static let firesOnBump = TerrainFlags(rawValue: 1 << 26)
    /// Opens (becomes its `promotes-to` terrain) only for someone carrying its machine's key.
    public static let isLocked = TerrainFlags(rawValue: 1 << 27)
    /// An item lying here cannot be taken (a caged altar).
    public static let holdsItem = TerrainFlags(rawValue: 1 << 28)
    /// Sacred glyphs: no monster steps here (allies included); the player may.
    public static let isSacred = TerrainFlags(rawValue: 1 << 29)
    /// A pressure plate: a creature that steps on it (and does not fly) fires its machine.
    public static let firesOnStep = TerrainFlags(rawValue: 1 << 30)

    /// What a creature that knows the level steps round: cells that burn, drop, hurt or spring.
    /// Monster paths, the player's travel and exploration, and every cell the game picks for a
    /// creature or an item avoid them.
    public static let hazards: TerrainFlags = [.lethalFire, .autoDescent, .causesDamage, .promotesOnStep, .isTrap, .firesOnStep]

    /// Flag names as content writes them (kebab-case), in a fixed order.
    public static let names: [(String, TerrainFlags)] = [
        ("blocks-movement", .blocksMovement),
        ("blocks-vision", .blocksVision),
        ("blocks-diagonal", .blocksDiagonal),
        ("liquid", .isLiquid),
        ("deep", .isDeep),
        ("door", .isDoor),
        ("secret", .isSecret),
        ("stairs-down", .stairsDown),
        ("stairs-up", .stairsUp),
        ("glows", .glows),
        ("flammable", .isFlammable),
        ("impregnable", .isImpregnable),
        ("dungeon-exit", .isDungeonExit),
        ("lethal-fire", .lethalFire),
        ("auto-descent", .autoDescent),
        ("causes-damage", .causesDamage),
        ("promotes-on-step", .promotesOnStep),
        ("is-trap", .isTrap),
        ("bridge", .isBridge),
        ("wired", .isWired),
        ("fires-on-pickup", .firesOnPickup),
        ("fires-on-bump", .firesOnBump),
        ("locked", .isLocked),
        ("holds-item", .holdsItem),
        ("sacred", .isSacred),
        ("fires-on-step", .firesOnStep),
        ("commutes", .commutes),
    ]
}

/// One kind of terrain, from content.
public struct TerrainKind: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The glyph drawn for it (one Unicode character).
    public var glyph: Character
    /// The glyph drawn when the terminal asks for plain ASCII.
    public var asciiGlyph: Character
    public var foreground: RGB
    public var background: RGB
    public var layer: TerrainLayer
    public var flags: TerrainFlags
    /// Lower numbers draw on top when layers compete (Brogue's draw priority).
    public var drawPriority: Int
    /// What a secret becomes once found by searching (a terrain id), if anything.
    public var discoverAs: String?
    /// What this terrain becomes when its machine fires (wired) or its lock opens (locked).
    public var promotesTo: String?
    public var description: String
    /// What springs when a creature steps on this trap (with `isTrap`); a trap door needs
    /// none, its `autoDescent` is the effect.
    public var trap: TrapEffect?
    /// The terrain (same layer) this one becomes when stepped on (with `promotesOnStep`).
    public var onStep: String?
    /// The terrain (same layer) this one turns back into after `decayTurns` turns.
    public var decaysTo: String?
    public var decayTurns: ClosedRange<Int>
    /// Damage dealt by `causesDamage` terrain each turn, and by a fire trap.
    public var damage: DamageRange?
    /// What this terrain lets loose when its machine turns a wired cell into it (a vent
    /// opening): another terrain spread round it.
    public var release: TerrainRelease?
    /// What a creature standing in this terrain (a gas) suffers each turn.
    public var breathed: TrapEffect?

    public init(
        id: String,
        name: String,
        glyph: Character,
        asciiGlyph: Character,
        foreground: RGB,
        background: RGB,
        layer: TerrainLayer,
        flags: TerrainFlags,
        drawPriority: Int,
        discoverAs: String? = nil,
        promotesTo: String? = nil,
        description: String = "",
        trap: TrapEffect? = nil,
        onStep: String? = nil,
        decaysTo: String? = nil,
        decayTurns: ClosedRange<Int> = 5...10,
        damage: DamageRange? = nil,
        release: TerrainRelease? = nil,
        breathed: TrapEffect? = nil
    ) {
        self.id = id
        self.name = name
        self.glyph = glyph
        self.asciiGlyph = asciiGlyph
        self.foreground = foreground
        self.background = background
        self.layer = layer
        self.flags = flags
        self.drawPriority = drawPriority
        self.discoverAs = discoverAs
        self.promotesTo = promotesTo
        self.description = description
        self.trap = trap
        self.onStep = onStep
        self.decaysTo = decaysTo
        self.decayTurns = decayTurns
        self.damage = damage
        self.release = release
        self.breathed = breathed
    }
}

/// A terrain spread from a cell when a machine opens it: gas from a vent, water from a sluice.
/// It covers every cell within `radius` steps that a creature could walk to from the source
/// (it does not pass walls or closed doors), and lasts `turns` before becoming its own
/// `decays-to` terrain, or clearing when it has none.
public struct TerrainRelease: Hashable, Sendable {
    /// The terrain id laid (on its own layer).
    public var terrain: String
    public var radius: Int
    public var turns: ClosedRange<Int>

    public init(terrain: String, radius: Int, turns: ClosedRange<Int>) {
        self.terrain = terrain
        self.radius = radius
        self.turns = turns
    }
}

/// What a trap does to the creatures round it when it springs (see `Game+Hazards`).
public enum TrapEffect: String, CaseIterable, Hashable, Sendable {
    /// Paralyses every creature within two cells.
    case paralysis
    /// Caustic gas: poisons every creature within one cell (a hit point a turn, no regeneration).
    case poison
    /// Confuses every creature within two cells.
    case confusion
    /// Wakes every monster on the level and sets it hunting the player.
    case alarm
    /// Burns every creature within one cell for the trap's `damage`.
    case fire
}
