/// The item categories the rules know, each with its own glyph and inventory behaviour.
public enum ItemCategory: String, CaseIterable, Sendable, Codable {
    case weapon, armor, potion, scroll, food, gold, amulet
    /// Opens one machine's locks on the level where it was found.
    case key
    /// Zaps a bolt; its charges come back over time, more and faster the higher its level.
    case staff
    /// Zaps a bolt; a few charges that never come back.
    case wand
    /// Worn (two at most); its power grows with its enchantment, and a cursed one works backwards.
    case ring
    /// Used for its effect, then recharges over turns, faster the higher its level.
    case charm
    /// A lumenstone: worth points at the end, and placed by the rules, one on each depth below the Amulet's.
    case gem

    /// The glyph drawn for an item of this category unless its kind names another.
    public var defaultGlyph: Character {
        switch self {
        case .weapon: "("
        case .armor: "["
        case .potion: "!"
        case .scroll: "?"
        case .food: ":"
        case .gold: "*"
        case .amulet: ","
        case .key: "-"
        case .staff: "/"
        case .wand: "~"
        case .ring: "="
        case .charm: "&"
        case .gem: "$"
        }
    }

    /// Whether identical items of this category stack in one inventory slot.
    public var stacks: Bool { self == .potion || self == .scroll || self == .food }
}

/// How a weapon strikes besides a plain blow.
public enum WeaponAttack: String, CaseIterable, Sendable, Codable {
    case normal
    /// A step toward a monster up to `WeaponAttack.lashReach` cells away in that straight line lashes it instead.
    case lash
    /// Each step the wielder takes hits every hostile monster beside where it lands.
    case flail
    /// A blow on one monster strikes every hostile monster beside the wielder (an axe).
    case sweep
    /// A blow strikes the monster and the hostile one directly behind it in that line (a spear).
    case pierce
    /// A step that ends beside a monster which stood two cells away in that straight line strikes it
    /// at once, never missing, for `lungeMultiplier` times the damage (a rapier).
    case lunge
    /// A blow takes `slowFactor` times as long (a mace, a war hammer).
    case slow
    /// A blow strikes the monster and the hostile ones on the two cells beside it that are also beside
    /// the wielder: a forward arc (a sickle).
    case arc

    /// How far a lash reaches.
    public static let lashReach = 5
    /// How many times the damage a lunge deals.
    public static let lungeMultiplier = 3
    /// How many times as long a slow weapon's blow takes.
    public static let slowFactor = 2
}

/// One kind of item, from content. Which fields matter depends on `category`.
public struct ItemKind: Hashable, Sendable {
    public var id: String
    public var name: String
    public var category: ItemCategory
    public var glyph: Character
    public var color: RGB
    /// Worth in gold when the game is scored.
    public var value: Int
    /// Weapons: the damage roll.
    public var damage: DamageRange?
    /// Weapons: added to the wielder's accuracy (percent points).
    public var accuracy: Int
    /// Weapons and armor: strength needed; each point short costs accuracy or armor.
    public var strength: Int
    /// Weapons: thrown as a missile (darts, javelins) rather than swung.
    public var throwable: Bool
    /// Weapons thrown as missiles come in stacks of this size.
    public var quantity: ClosedRange<Int>
    /// Armor: armor value in tenths, as Brogue counts it (leather armor is 30, shown as 3).
    public var armor: Int
    /// Potions, scrolls and charms: the id of the rule function run when used (`heal`, `teleport`, ...).
    public var effect: String?
    /// Potions and scrolls: the effect's strength (percent healed, turns of haste, ...). Charms: the
    /// same at level 1 (a level-n charm has n times it). Rings: the change one level of enchantment makes.
    public var power: Int
    /// Potions and scrolls: a plugin native whose result replaces `power` when the item is used.
    public var nativePower: NativeCall?
    /// Potions and scrolls: true when using it harms the user; the bot learns to avoid it.
    public var malevolent: Bool
    /// Food: turns of nutrition it gives.
    public var nutrition: Int
    /// Staffs and wands: the id of the bolt it zaps.
    public var bolt: String?
    /// Staffs, rings and charms: the level (enchantment) one is found at. Wands: the charges one holds.
    public var charges: ClosedRange<Int>
    /// Staffs and charms: turns to regain one charge at level 1; a level-n one takes 1/n of it.
    public var recharge: Int
    /// Rings: what the ring changes while worn.
    public var ring: RingPower?
    /// Weapons: how it strikes besides a plain blow.
    public var attack: WeaponAttack = .normal
    /// Thrown weapons: the terrain (fire) it bursts into where it lands; the missile is spent.
    public var burstsInto: String?
    public var description: String

    public init(
        id: String,
        name: String,
        category: ItemCategory,
        glyph: Character? = nil,
        color: RGB = .white,
        value: Int = 0,
        damage: DamageRange? = nil,
        accuracy: Int = 0,
        strength: Int = 0,
        throwable: Bool = false,
        quantity: ClosedRange<Int> = 1...1,
        armor: Int = 0,
        effect: String? = nil,
        power: Int = 0,
        nativePower: NativeCall? = nil,
        malevolent: Bool = false,
        nutrition: Int = 0,
        bolt: String? = nil,
        charges: ClosedRange<Int> = 1...1,
        recharge: Int = 500,
        ring: RingPower? = nil,
        description: String = ""
    ) {
        self.id = id
        self.name = name
        self.category = category
        self.glyph = glyph ?? category.defaultGlyph
        self.color = color
        self.value = value
        self.damage = damage
        self.accuracy = accuracy
        self.strength = strength
        self.throwable = throwable
        self.quantity = quantity
        self.armor = armor
        self.effect = effect
        self.power = power
        self.nativePower = nativePower
        self.malevolent = malevolent
        self.nutrition = nutrition
        self.bolt = bolt
        self.charges = charges
        self.recharge = recharge
        self.ring = ring
        self.description = description
    }
}
