/// What a monster is doing, as Brogue's monsters do.
public enum MonsterState: Int, Sendable, Codable {
    case sleeping, wandering, hunting, fleeing
    /// Shackled in a machine: never acts until the player frees it.
    case captive
    /// Waits, unseeing, until its machine fires; then hunts.
    case dormant
    /// On the player's side: follows the player and fights hostile monsters.
    case ally
}

/// Timed conditions, counted in turns left.
public struct StatusEffects: Sendable, Hashable {
    public var hasted = 0
    public var confused = 0
    public var paralyzed = 0
    public var telepathic = 0
    public var darkened = 0
    /// Loses a hit point a turn and does not regenerate.
    public var poisoned = 0
    /// Takes twice as long over everything.
    public var slowed = 0
    /// Does not act; copies the player's steps instead.
    public var entranced = 0
    /// Fights the creatures of its own side.
    public var discordant = 0
    /// Seen only from beside it.
    public var invisible = 0
    /// Turns the shield in `shield` lasts.
    public var shielded = 0
    /// Damage the shield still absorbs.
    public var shield = 0
    /// Floats over chasms, lava and traps.
    public var levitating = 0
    /// Fire and lava do not harm it.
    public var fireImmune = 0
    /// Sees monsters as random other kinds. Kept out of `all` (hashed on its own when set), so the
    /// games stored before it keep their hashes.
    public var hallucinating = 0
    /// A frightened monster flees; a frightened player cannot bring itself to strike a blow.
    /// Hashed on its own when set, as `hallucinating` is.
    public var frightened = 0
    /// Fear does not take hold (the charm of fear immunity). Hashed with `frightened`.
    public var fearImmune = 0

    public init() {}

    mutating func tick() {
        if hasted > 0 { hasted -= 1 }
        if confused > 0 { confused -= 1 }
        if paralyzed > 0 { paralyzed -= 1 }
        if telepathic > 0 { telepathic -= 1 }
        if darkened > 0 { darkened -= 1 }
        if poisoned > 0 { poisoned -= 1 }
        if slowed > 0 { slowed -= 1 }
        if entranced > 0 { entranced -= 1 }
        if discordant > 0 { discordant -= 1 }
        if invisible > 0 { invisible -= 1 }
        if shielded > 0 { shielded -= 1 }
        if shielded == 0 { shield = 0 }
        if levitating > 0 { levitating -= 1 }
        if fireImmune > 0 { fireImmune -= 1 }
        if hallucinating > 0 { hallucinating -= 1 }
        if frightened > 0 { frightened -= 1 }
        if fearImmune > 0 { fearImmune -= 1 }
    }

    /// Where the values the staffs, wands, charms and later potions added start in `all`.
    static let firstMagical = 6

    /// Every timed value, in a fixed order (for `stateHash`).
    var all: [Int] {
        [
            hasted, confused, paralyzed, telepathic, darkened, poisoned, slowed, entranced, discordant, invisible, shielded, shield, levitating,
            fireImmune,
        ]
    }
}

/// A creature on a level: the player or a monster.
public struct Creature: Sendable, Hashable {
    /// Unique within a game and never reused: the tie-breaker that keeps turn order stable.
    public let id: Int
    /// Index into `ContentCatalog.monsters`, or -1 for the player. Polymorph changes it.
    public internal(set) var kind: Int
    public var position: Point
    public var hp: Int
    public var maxHP: Int
    /// Ticks until this creature acts again; it acts when this reaches 0.
    public var ticksUntilTurn: Int
    public var state: MonsterState
    /// Where a wandering monster is heading (a waypoint index), or -1.
    public var waypoint: Int
    /// Turns since a hunting monster last saw the player.
    public var turnsSinceSeen: Int
    /// Fractional regeneration, counted in turns toward the next hit point.
    public var regenCounter: Int
    public var status: StatusEffects
    /// The machine (1-based index into `Level.machines`) this monster belongs to, or 0.
    /// A guarding monster never leaves its machine; a dormant one wakes when it fires.
    public var machine: Int
    /// The first of a horde: named as its leader in the seed catalog.
    public var leadsHorde: Bool
    /// Turns left before a conjured creature fades away; 0 for a creature that stays.
    public var lifespan: Int
    /// Levels of empowerment: each adds 10 accuracy and 10 defense.
    public var empowerment: Int
    /// What it carries (a stolen or found item), dropped where it dies.
    public var carried: Item?
    /// Under deep water: unseen, and out of reach of blows and bolts.
    public var submerged: Bool
    /// The id of the monster that summoned it, or 0.
    public var summoner: Int
    /// A captive: turns of work the player has put into its shackles.
    public var freeing: Int
    /// An ally: turns spent beside a fallen monster, absorbing it.
    public var absorbing: Int
    /// An ally: traits learned by absorbing fallen monsters (see `MonsterKind.learnable`).
    public var learnedFlags: MonsterFlags
    /// An ally: abilities learned the same way, used after its kind's own.
    public var learnedAbilities: [MonsterAbility]

    public var isPlayer: Bool { kind < 0 }

    /// Whether this monster is against the player: not a captive in shackles, not an ally.
    public var isHostile: Bool { state != .captive && state != .ally }

    public init(id: Int, kind: Int, position: Point, hp: Int, state: MonsterState) {
        self.id = id
        self.kind = kind
        self.position = position
        self.hp = hp
        self.maxHP = hp
        self.ticksUntilTurn = 0
        self.state = state
        self.waypoint = -1
        self.turnsSinceSeen = 0
        self.regenCounter = 0
        self.status = StatusEffects()
        self.machine = 0
        self.leadsHorde = false
        self.lifespan = 0
        self.empowerment = 0
        self.carried = nil
        self.submerged = false
        self.summoner = 0
        self.freeing = 0
        self.absorbing = 0
        self.learnedFlags = []
        self.learnedAbilities = []
    }
}
