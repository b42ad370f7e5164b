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
    /// Part of a machine's wiring: becomes its `promotes-to` terrain when the machine fires.
    public static let isWired = TerrainFlags(rawValue: 1 << 20)
    /// Lifting an item from this cell fires its machine (altars that cage the others).
    public static let firesOnPickup = TerrainFlags(rawValue: 1 << 21)
    /// Walking into this cell fires its machine (a lever in a wall).
    public static let firesOnBump = TerrainFlags(rawValue: 1 << 22)
    /// Opens (becomes its `promotes-to` terrain) only for someone carrying its machine's key.
    public static let isLocked = TerrainFlags(rawValue: 1 << 23)
    /// An item lying here cannot be taken (a caged altar).
    public static let holdsItem = TerrainFlags(rawValue: 1 << 24)

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
        ("wired", .isWired),
        ("fires-on-pickup", .firesOnPickup),
        ("fires-on-bump", .firesOnBump),
        ("locked", .isLocked),
        ("holds-item", .holdsItem),
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
        description: String = ""
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
    }
}
