/// One line of a spawn table: a kind, the depths where it may appear, and how often. In the
/// monster table each line is a horde: `group` of its kind lead, then its `followers` come.
public struct SpawnEntry: Hashable, Sendable, Codable {
    /// A monster id (in monster tables: the horde's leader) or an item id (in item tables).
    public var kind: String
    public var depths: ClosedRange<Int>
    public var weight: Int
    /// Monsters only: how many of `kind` appear together.
    public var group: ClosedRange<Int>
    /// Monsters only: who comes with the leader.
    public var followers: [HordeMember]
    /// Monsters only: the leader is a captive in shackles and its followers are its captors.
    public var captive: Bool

    public init(
        kind: String,
        depths: ClosedRange<Int>,
        weight: Int,
        group: ClosedRange<Int> = 1...1,
        followers: [HordeMember] = [],
        captive: Bool = false
    ) {
        self.kind = kind
        self.depths = depths
        self.weight = weight
        self.group = group
        self.followers = followers
        self.captive = captive
    }

    /// The most monsters the line places at once.
    public var largestHorde: Int { group.upperBound + followers.reduce(0) { $0 + $1.count.upperBound } }
}

/// Followers of one kind in a horde.
public struct HordeMember: Hashable, Sendable, Codable {
    public var kind: String
    public var count: ClosedRange<Int>

    public init(kind: String, count: ClosedRange<Int>) {
        self.kind = kind
        self.count = count
    }
}

/// How many monsters and items a level of some depths starts with.
public struct LevelPopulation: Hashable, Sendable, Codable {
    public var depths: ClosedRange<Int>
    public var monsters: ClosedRange<Int>
    public var items: ClosedRange<Int>
    /// Piles of gold, on top of `items`.
    public var gold: ClosedRange<Int>
    /// Food items, on top of `items`, drawn from the depth's food lines: a food clock, so a
    /// careful player does not starve by bad luck.
    public var food: ClosedRange<Int>

    public init(depths: ClosedRange<Int>, monsters: ClosedRange<Int>, items: ClosedRange<Int>, gold: ClosedRange<Int>, food: ClosedRange<Int> = 0...0)
    {
        self.depths = depths
        self.monsters = monsters
        self.items = items
        self.gold = gold
        self.food = food
    }
}

/// The per-depth spawn tables of a content set.
public struct SpawnRules: Hashable, Sendable, Codable {
    public var monsters: [SpawnEntry]
    public var items: [SpawnEntry]
    public var population: [LevelPopulation]
    /// How deep the dungeon goes and where the Amulet lies.
    public var dungeon: DungeonShape

    public init(monsters: [SpawnEntry], items: [SpawnEntry], population: [LevelPopulation], dungeon: DungeonShape = .classic) {
        self.monsters = monsters
        self.items = items
        self.population = population
        self.dungeon = dungeon
    }

    /// The population line for `depth`: the first that covers it.
    public func population(at depth: Int) -> LevelPopulation? {
        population.first { $0.depths.contains(depth) }
    }
}

/// An item the player starts with.
public struct StartingItem: Hashable, Sendable, Codable {
    public var kind: String
    public var quantity: Int
    public var equipped: Bool

    public init(kind: String, quantity: Int = 1, equipped: Bool = false) {
        self.kind = kind
        self.quantity = quantity
        self.equipped = equipped
    }
}

/// The player's starting statistics, from content.
public struct PlayerKind: Hashable, Sendable, Codable {
    public var name: String
    public var hp: Int
    public var accuracy: Int
    public var defense: Int
    public var strength: Int
    /// Damage with bare hands.
    public var damage: DamageRange
    public var regenTurns: Int
    /// Turns of food a full stomach holds.
    public var stomach: Int
    /// Light radius on depth 1 and on the deepest level; depths between are interpolated.
    public var lightRadius: ClosedRange<Int>
    /// How far monsters notice the player when it moves normally (Brogue: 14).
    public var stealthRange: Int
    /// Turns of the player's work that free a captive from its shackles (1: at once).
    public var freeingTurns: Int
    /// Searches in a row whose last is a strong search (farther, and sure in view); 0 for none.
    public var strongSearchTurns: Int
    /// Whether running (travel and explore steps) doubles the stealth range, as fighting does.
    public var runningNoise: Bool
    public var startingItems: [StartingItem]

    public init(
        name: String = "you",
        hp: Int = 40,
        accuracy: Int = 100,
        defense: Int = 0,
        strength: Int = 12,
        damage: DamageRange = DamageRange(min: 1, max: 2, clump: 1),
        regenTurns: Int = 9,
        stomach: Int = 2150,
        lightRadius: ClosedRange<Int> = 3...9,
        stealthRange: Int = 14,
        freeingTurns: Int = 1,
        strongSearchTurns: Int = 0,
        runningNoise: Bool = false,
        startingItems: [StartingItem] = []
    ) {
        self.name = name
        self.hp = hp
        self.accuracy = accuracy
        self.defense = defense
        self.strength = strength
        self.damage = damage
        self.regenTurns = regenTurns
        self.stomach = stomach
        self.lightRadius = lightRadius
        self.stealthRange = stealthRange
        self.freeingTurns = freeingTurns
        self.strongSearchTurns = strongSearchTurns
        self.runningNoise = runningNoise
        self.startingItems = startingItems
    }
}

/// Names used to disguise unidentified potions and scrolls; shuffled per seed.
public struct Appearances: Hashable, Sendable, Codable {
    public struct PotionColor: Hashable, Sendable, Codable {
        public var name: String
        public var color: RGB
        public init(name: String, color: RGB) {
            self.name = name
            self.color = color
        }
    }

    public var potionColors: [PotionColor]
    /// Syllables joined at random to make scroll titles ("xodu zanfel").
    public var scrollSyllables: [String]
    /// What unknown staffs are made of ("teak staff"); `defaultStaffWoods` when empty.
    public var staffWoods: [String]
    /// What unknown wands are made of ("brass wand"); `defaultWandMetals` when empty.
    public var wandMetals: [String]
    /// What unknown rings are set with ("garnet ring"); `defaultRingGems` when empty.
    public var ringGems: [String]

    public init(potionColors: [PotionColor], scrollSyllables: [String], staffWoods: [String] = [], wandMetals: [String] = [], ringGems: [String] = [])
    {
        self.potionColors = potionColors
        self.scrollSyllables = scrollSyllables
        self.staffWoods = staffWoods
        self.wandMetals = wandMetals
        self.ringGems = ringGems
    }

    public static let defaultStaffWoods = [
        "teak", "redwood", "willow", "mahogany", "pine", "maple", "bamboo", "ironwood", "pearwood", "birch", "cherry", "eucalyptus",
        "walnut", "cedar", "rosewood", "yew", "sandalwood", "hickory", "hemlock",
    ]
    public static let defaultWandMetals = [
        "bronze", "steel", "brass", "copper", "nickel", "tin", "silver", "pewter", "gold", "zinc", "platinum", "iron", "lead",
    ]
    public static let defaultRingGems = [
        "diamond", "ruby", "emerald", "sapphire", "amethyst", "topaz", "opal", "garnet", "jade", "onyx", "peridot", "quartz",
        "turquoise", "moonstone",
    ]

    /// The disguises for unknown items of `category` (staffs, wands, rings); empty for others.
    public func disguises(for category: ItemCategory) -> [String] {
        switch category {
        case .staff: staffWoods.isEmpty ? Self.defaultStaffWoods : staffWoods
        case .wand: wandMetals.isEmpty ? Self.defaultWandMetals : wandMetals
        case .ring: ringGems.isEmpty ? Self.defaultRingGems : ringGems
        default: []
        }
    }
}

/// How many depths a dungeon has and where the Amulet lies: below the Amulet's depth the
/// levels go on, each holding a lumenstone (an item of category `gem`).
public struct DungeonShape: Hashable, Sendable, Codable {
    /// The deepest depth (1 to `Dungeon.deepestLevel`): it has no stairs down.
    public var depths: Int
    /// The depth where the Amulet lies, on the spot of the down stairs when it is the deepest.
    public var amuletDepth: Int
    /// How many depths of the spawn tables one depth spans: depth `d` draws its monsters, items
    /// and gold as depth `1 + (d - 1) * spawnScale` would (at most `Dungeon.deepestLevel`). 1 in
    /// the core game; a short variant uses more to meet the deep monsters and items sooner.
    public var spawnScale: Int

    public init(depths: Int, amuletDepth: Int, spawnScale: Int = 1) {
        self.depths = depths
        self.amuletDepth = amuletDepth
        self.spawnScale = spawnScale
    }

    /// The depth of the spawn tables that `depth` draws from.
    public func spawnDepth(of depth: Int) -> Int {
        spawnScale == 1 ? depth : min(Dungeon.deepestLevel, 1 + (depth - 1) * spawnScale)
    }

    /// Brogue's classic dungeon of 26 depths, the Amulet on the last: the shape of content that names none.
    public static let classic = DungeonShape(depths: 26, amuletDepth: 26)

    /// What is wrong with the shape, if anything.
    public var problems: [String] {
        var out: [String] = []
        if !(1...Dungeon.deepestLevel).contains(depths) { out.append("the dungeon has \(depths) depths; it must have 1 to \(Dungeon.deepestLevel)") }
        if !(1...max(1, depths)).contains(amuletDepth) {
            out.append("the Amulet lies on depth \(amuletDepth), outside the dungeon's depths 1-\(depths)")
        }
        return out
    }
}
