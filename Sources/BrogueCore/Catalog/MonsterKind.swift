/// Monster abilities and habits that the built-in AI understands.
public struct MonsterFlags: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Runs away below a quarter of its hit points, and comes back when healed.
    public static let fleesNearDeath = MonsterFlags(rawValue: 1 << 0)
    public static let flies = MonsterFlags(rawValue: 1 << 1)
    /// Starts every level awake and hunting.
    public static let neverSleeps = MonsterFlags(rawValue: 1 << 2)
    /// Never moves (turrets, totems); still attacks what stands next to it.
    public static let immobile = MonsterFlags(rawValue: 1 << 3)
    /// Moves at random a third of the time (bats).
    public static let erratic = MonsterFlags(rawValue: 1 << 4)
    /// Ignores the player's stealth and always notices it in view.
    public static let keenSenses = MonsterFlags(rawValue: 1 << 5)
    /// Cannot be seen unless adjacent to the player.
    public static let invisible = MonsterFlags(rawValue: 1 << 6)
    /// Takes no damage from anything (a vault's guardian).
    public static let invulnerable = MonsterFlags(rawValue: 1 << 16)
    /// Walks through lava and fire unharmed.
    public static let fireImmune = MonsterFlags(rawValue: 1 << 7)
    /// Lives in deep water: spawns there, never leaves it, and sinks out of reach (and sight)
    /// whenever it is not biting.
    public static let submerges = MonsterFlags(rawValue: 1 << 8)
    /// Blows of weapons and claws do it no harm; bolts and fire still do.
    public static let immuneToWeapons = MonsterFlags(rawValue: 1 << 9)
    /// A blow that does not kill it splits it in two, each with half its hit points.
    public static let splitsWhenHit = MonsterFlags(rawValue: 1 << 10)
    /// Harmful bolts bounce off it without effect.
    public static let reflectsBolts = MonsterFlags(rawValue: 1 << 11)
    /// Steps back from the player rather than closing in (for casters).
    public static let keepsDistance = MonsterFlags(rawValue: 1 << 12)
    /// Each attack hits every foe next to it.
    public static let attacksAllAdjacent = MonsterFlags(rawValue: 1 << 13)
    /// Corrodes gear: a weapon that hits it and the armor it hits lose a point of enchantment, unless acid-proof.
    public static let acidic = MonsterFlags(rawValue: 1 << 24)

    public static let names: [(String, MonsterFlags)] = [
        ("flees-near-death", .fleesNearDeath),
        ("flies", .flies),
        ("never-sleeps", .neverSleeps),
        ("immobile", .immobile),
        ("erratic", .erratic),
        ("keen-senses", .keenSenses),
        ("invisible", .invisible),
        ("invulnerable", .invulnerable),
        ("fire-immune", .fireImmune),
        ("submerges", .submerges),
        ("immune-to-weapons", .immuneToWeapons),
        ("splits-when-hit", .splitsWhenHit),
        ("reflects-bolts", .reflectsBolts),
        ("keeps-distance", .keepsDistance),
        ("attacks-all-adjacent", .attacksAllAdjacent),
        ("acidic", .acidic),
    ]
}

/// One kind of monster, from content.
public struct MonsterKind: Hashable, Sendable {
    public var id: String
    public var name: String
    public var glyph: Character
    public var color: RGB
    public var hp: Int
    /// Armor-like defense; each point lowers the attacker's hit chance (see `Combat`).
    public var defense: Int
    /// Base hit chance in percent against defense 0.
    public var accuracy: Int
    public var damage: DamageRange
    /// Ticks per step; 100 is normal speed, 50 twice as fast.
    public var movementDuration: Int
    /// Ticks per attack; 100 is normal.
    public var attackDuration: Int
    /// Turns to regain one hit point; 0 means it never regenerates.
    public var regenTurns: Int
    /// Experience the player gains for killing it.
    public var xp: Int
    public var flags: MonsterFlags
    public var description: String
    /// A plugin's monster behaviour, `<plugin-id>.<name>`, asked for an intent on each waking turn; nil for the built-in AI alone.
    public var behaviour: String?
    /// Named rules with parameters (casting, summoning, stealing...), in the order content lists them.
    public var abilities: [MonsterAbility]
    /// What an ally learns by absorbing one that fell: names of its `flags` and of its abilities'
    /// rules, in content's order; empty when there is nothing to learn from it.
    public var learnable: [String]

    public init(
        id: String,
        name: String,
        glyph: Character,
        color: RGB,
        hp: Int,
        defense: Int,
        accuracy: Int,
        damage: DamageRange,
        movementDuration: Int = 100,
        attackDuration: Int = 100,
        regenTurns: Int = 20,
        xp: Int,
        flags: MonsterFlags = [],
        description: String = "",
        behaviour: String? = nil,
        abilities: [MonsterAbility] = [],
        learnable: [String] = []
    ) {
        self.id = id
        self.name = name
        self.glyph = glyph
        self.color = color
        self.hp = hp
        self.defense = defense
        self.accuracy = accuracy
        self.damage = damage
        self.movementDuration = movementDuration
        self.attackDuration = attackDuration
        self.regenTurns = regenTurns
        self.xp = xp
        self.flags = flags
        self.description = description
        self.behaviour = behaviour
        self.abilities = abilities
        self.learnable = learnable
    }

    /// The first ability running `rule`, if the kind has one.
    public func ability(_ rule: MonsterAbility.Rule) -> MonsterAbility? { abilities.first { $0.rule == rule } }

    /// The names `learnable` may list: the flags the rules read from an ally's learned traits, and
    /// the ability rules an ally uses.
    public static let learnableNames = [
        "flies", "fire-immune", "reflects-bolts", "attacks-all-adjacent", "immune-to-weapons", "casts-bolt", "summons",
    ]

    /// The names in `learnable` that this kind does not have (no such flag, no such ability).
    public var unlearnableNames: [String] {
        learnable.filter { name in
            if let flag = MonsterFlags.names.first(where: { $0.0 == name })?.1 { return !flags.contains(flag) }
            return !abilities.contains { $0.rule.rawValue == name }
        }
    }
}
