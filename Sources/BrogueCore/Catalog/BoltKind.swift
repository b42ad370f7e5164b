/// The built-in rule a bolt runs on what it meets, named by content as its `effect`.
///
/// `power` is the casting item's level (a staff's enchantment, a wand's `power`); the bolt's
/// `damage`, `turns` and `amount` are the parameters each rule reads, as its comment says.
public enum BoltEffect: String, CaseIterable, Sendable, Codable {
    /// Hurts the creature hit: `damage` scaled by power / 2 (a level-2 staff rolls `damage` as written).
    case damage
    /// Poisons the creature hit for `turns` x power turns (a hit point a turn, no regeneration).
    case poison
    /// Bores through the first `amount` x power rock or wall cells it meets (never the map's rim or a
    /// machine's cells); passes creatures by.
    case tunnel
    /// Carries the caster along its path, at most `amount` x power cells, stopping before anything in the way.
    case blink
    /// The creature hit copies the player's steps instead of acting, for `turns` x power turns.
    case entrance
    /// Fills up to `amount` x power open cells round where it stops with its `terrain`, which lasts `turns` turns.
    case obstruct
    /// The creature hit fights its own kind for `turns` x power turns.
    case discord
    /// Needs no aim: `amount` x power / 2 (at least 1) of its `summons` appear beside the caster as allies for `turns` turns.
    case conjure
    /// Heals the creature hit by `amount` x power percent of its maximum hit points.
    case heal
    /// Doubles the speed of the creature hit for `turns` x power turns.
    case haste
    /// Shields the creature hit: absorbs `amount` x power damage, for at most `turns` turns.
    case protect
    /// Halves the speed of the creature hit for `turns` x power turns.
    case slow
    /// Sends the creature hit somewhere else on the level, far away.
    case teleportOther = "teleport-other"
    /// Turns the creature hit into a random other kind of monster, keeping its share of hit points.
    case polymorph
    /// Strips the creature hit of magic: its timed magical states end, and a conjured creature vanishes.
    case negate
    /// Makes the creature hit an ally for good: always below a fifth of its hit points, else with
    /// a chance of 100 less its percentage of hit points.
    case dominate
    /// Pulls the creature hit toward the caster until it stands beside it.
    case beckon
    /// Splits the creature hit in two: a copy appears beside it, and both keep half its hit points.
    case plenty
    /// Makes the creature hit invisible (seen only from beside it) for `turns` x power turns.
    case invisibility
    /// Strengthens the creature hit for good: +10 accuracy, +10 defense and +10% maximum hit points a level.
    case empower
    /// Frightens the creature hit: a monster flees for `turns` x power turns; the player cannot
    /// strike a blow for `turns` x power turns, unless it is immune to fear (a charm of fear immunity).
    case frighten

    /// Whether the bolt is aimed at a cell; one that is not acts where its caster stands.
    public var isAimed: Bool { self != .conjure }

    /// The fields of `BoltKind` the rule cannot do without.
    public var needs: [String] {
        switch self {
        case .damage: ["damage"]
        case .obstruct: ["terrain"]
        case .conjure: ["summons"]
        default: []
        }
    }
}

/// One kind of bolt, from content: what flies from a staff or wand, how far, how it looks in
/// flight, and the named rule it runs on what it meets.
public struct BoltKind: Hashable, Sendable {
    public var id: String
    public var name: String
    /// Drawn along the path while it flies.
    public var glyph: Character
    public var color: RGB
    /// The most cells it travels.
    public var reach: Int
    /// Flies on through the creatures it hits (lightning) rather than stopping at the first.
    public var passesThroughCreatures: Bool
    public var effect: BoltEffect
    /// `damage`: the damage roll of a level-2 caster.
    public var damage: DamageRange?
    /// Turns a timed effect lasts, per power level (see `BoltEffect`).
    public var turns: Int
    /// How much of the effect, per power level (see `BoltEffect`).
    public var amount: Int
    /// A terrain id set on every flammable cell the bolt passes and the cell it stops in (fire).
    public var lights: String?
    /// `obstruct`: the terrain id it leaves.
    public var terrain: String?
    /// `conjure`: the monster id it calls up.
    public var summons: String?
    public var description: String

    public init(
        id: String,
        name: String,
        glyph: Character = "*",
        color: RGB = .white,
        reach: Int = 20,
        passesThroughCreatures: Bool = false,
        effect: BoltEffect,
        damage: DamageRange? = nil,
        turns: Int = 0,
        amount: Int = 0,
        lights: String? = nil,
        terrain: String? = nil,
        summons: String? = nil,
        description: String = ""
    ) {
        self.id = id
        self.name = name
        self.glyph = glyph
        self.color = color
        self.reach = reach
        self.passesThroughCreatures = passesThroughCreatures
        self.effect = effect
        self.damage = damage
        self.turns = turns
        self.amount = amount
        self.lights = lights
        self.terrain = terrain
        self.summons = summons
        self.description = description
    }
}

extension BoltKind {
    /// What no single bolt file can check: the terrains and monsters bolts name, and the bolts items name.
    static func problems(
        _ bolts: [BoltKind],
        items: [ItemKind],
        boltIndexByID: [String: Int],
        terrainIndexByID: [String: Int],
        monsterIndexByID: [String: Int]
    ) -> [String] {
        var problems: [String] = []
        for b in bolts {
            for field in b.effect.needs {
                let given = field == "damage" ? b.damage != nil : field == "terrain" ? b.terrain != nil : b.summons != nil
                if !given { problems.append("bolt '\(b.id)' has effect '\(b.effect.rawValue)', which needs '\(field)'") }
            }
            for (field, id) in [("lights", b.lights), ("terrain", b.terrain)] {
                if let id, terrainIndexByID[id] == nil { problems.append("bolt '\(b.id)' \(field) unknown terrain '\(id)'") }
            }
            if let s = b.summons, monsterIndexByID[s] == nil { problems.append("bolt '\(b.id)' summons unknown monster '\(s)'") }
        }
        for k in items {
            let zapped = k.category == .staff || k.category == .wand
            if zapped && k.bolt == nil { problems.append("\(k.category.rawValue) '\(k.id)' names no bolt") }
            if k.category == .ring && k.ring == nil { problems.append("ring '\(k.id)' names no ring power") }
            if k.category == .charm && k.effect == nil && k.bolt == nil { problems.append("charm '\(k.id)' has neither an effect nor a bolt") }
            if let b = k.bolt, boltIndexByID[b] == nil { problems.append("item '\(k.id)' names unknown bolt '\(b)'") }
        }
        return problems
    }

    /// Mixes the bolts into the content hash (unchanged when there are none).
    static func hash(_ bolts: [BoltKind], base: UInt64) -> UInt64 {
        guard !bolts.isEmpty else { return base }
        var h = StableHasher()
        h.combine(base)
        h.combine(bolts.count)
        for b in bolts {
            h.combine(b.id)
            h.combine(b.name)
            h.combine(b.glyph)
            h.combine(b.color)
            h.combine(b.reach)
            h.combine(b.passesThroughCreatures)
            h.combine(b.effect.rawValue)
            h.combine(b.damage ?? DamageRange(min: 0, max: 0, clump: 0))
            h.combine(b.turns)
            h.combine(b.amount)
            h.combine(b.lights)
            h.combine(b.terrain)
            h.combine(b.summons)
            h.combine(b.description)
        }
        return h.value
    }
}
