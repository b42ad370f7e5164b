/// Which equipment slot a runic belongs on.
public enum RunicSlot: String, CaseIterable, Sendable, Codable {
    case weapon, armor
}

/// The built-in rule a runic runs, named by content as its `rule`.
///
/// A weapon runic acts when its wielder's blow lands, an armor runic when a blow or a bolt reaches
/// its wearer; each fires with the runic's chance (`RunicKind.chance(enchant:)`) and reads the
/// runic's `amount`, `turns`, `monsters`, `summons` and `terrain` as its comment says.
public enum RunicRule: String, CaseIterable, Sendable, Codable {
    /// Weapon: the blow takes no time.
    case speed
    /// Weapon: the monster hit dies outright (not the invulnerable).
    case quietus
    /// Weapon: the monster hit cannot act for `turns` turns.
    case paralysis
    /// Weapon or armor: `amount` of its `summons` appear beside the wielder as allies for `turns` turns.
    case multiplicity
    /// Weapon: the monster hit is slowed for `turns` turns.
    case slowing
    /// Weapon: the monster hit staggers about, confused, for `turns` turns.
    case confusion
    /// Weapon: the monster hit is thrown `amount` cells back, stopping before anything in the way.
    case force
    /// Weapon: a monster whose kind is in `monsters` dies outright.
    case slaying
    /// Weapon, bad: the monster hit is healed by `amount` percent of its maximum hit points.
    case mercy
    /// Weapon, bad: the monster hit splits in two.
    case plenty
    /// Armor: a blow's damage is shared evenly with the other hostile monsters beside the wearer.
    case mutuality
    /// Armor: each blow is lessened by `amount` (at least 1 is always taken by a blow that hits).
    case absorption
    /// Armor: the attacker takes `amount` percent of the damage it dealt.
    case reprisal
    /// Armor: blows from monsters whose kind is in `monsters` do nothing.
    case immunity
    /// Armor: a harmful bolt cast at the wearer flies back and hits its caster.
    case reflection
    /// Armor: gas (a trap's paralytic, caustic or confusing cloud) does not reach the wearer.
    case respiration
    /// Armor: fire and lava do not burn the wearer.
    case dampening
    /// Armor, bad: the armor grows heavier: its enchantment drops by 1.
    case burden
    /// Armor, bad: blows against the wearer do `amount` percent more damage.
    case vulnerability
    /// Armor, bad: its `terrain` (fire) bursts out on the open cells around the wearer.
    case immolation

    /// The slots a runic with this rule may be on.
    public var slots: [RunicSlot] {
        switch self {
        case .multiplicity: [.weapon, .armor]
        case .speed, .quietus, .paralysis, .slowing, .confusion, .force, .slaying, .mercy, .plenty: [.weapon]
        default: [.armor]
        }
    }

    /// The fields of `RunicKind` the rule cannot do without.
    public var needs: [String] {
        switch self {
        case .slaying, .immunity: ["monsters"]
        case .multiplicity: ["summons"]
        case .immolation: ["terrain"]
        default: []
        }
    }
}

/// One kind of runic, from content: a named power some weapons or armors carry, hidden until it
/// first acts or the item is identified.
public struct RunicKind: Hashable, Sendable {
    public var id: String
    /// Shown after the item's name: "sword of quietus".
    public var name: String
    public var slot: RunicSlot
    /// A bad runic comes on items of negative enchantment.
    public var bad: Bool
    public var rule: RunicRule
    /// Percent chance it acts, at enchantment 0.
    public var chance: Int
    /// Percent points added to `chance` for each point of enchantment (of either sign).
    public var chancePerEnchant: Int
    public var amount: Int
    public var turns: Int
    /// `slaying` and `immunity`: the monster kinds it acts on.
    public var monsters: [String]
    /// `multiplicity`: the monster it calls up.
    public var summons: String?
    /// `immolation`: the terrain it sets around the wearer.
    public var terrain: String?
    /// Relative weight among the runics of its slot and sign when an item is generated with one.
    public var frequency: Int
    public var description: String

    public init(
        id: String,
        name: String,
        slot: RunicSlot,
        bad: Bool = false,
        rule: RunicRule,
        chance: Int = 100,
        chancePerEnchant: Int = 0,
        amount: Int = 0,
        turns: Int = 0,
        monsters: [String] = [],
        summons: String? = nil,
        terrain: String? = nil,
        frequency: Int = 10,
        description: String = ""
    ) {
        self.id = id
        self.name = name
        self.slot = slot
        self.bad = bad
        self.rule = rule
        self.chance = chance
        self.chancePerEnchant = chancePerEnchant
        self.amount = amount
        self.turns = turns
        self.monsters = monsters
        self.summons = summons
        self.terrain = terrain
        self.frequency = frequency
        self.description = description
    }

    /// Percent chance it acts on an item of enchantment `enchant`, from 0 to 100.
    public func chance(enchant: Int) -> Int { min(100, max(0, chance + chancePerEnchant * abs(enchant))) }
}

extension RunicKind {
    /// What no single runic file can check: a rule on the wrong slot, and the monsters and terrain it names.
    static func problems(_ runics: [RunicKind], terrainIndexByID: [String: Int], monsterIndexByID: [String: Int]) -> [String] {
        var problems: [String] = []
        for r in runics {
            if !r.rule.slots.contains(r.slot) {
                problems.append("runic '\(r.id)' has rule '\(r.rule.rawValue)', which no \(r.slot.rawValue) can carry")
            }
            for field in r.rule.needs {
                let given = field == "monsters" ? !r.monsters.isEmpty : field == "summons" ? r.summons != nil : r.terrain != nil
                if !given { problems.append("runic '\(r.id)' has rule '\(r.rule.rawValue)', which needs '\(field)'") }
            }
            for m in r.monsters + [r.summons].compactMap({ $0 }) where monsterIndexByID[m] == nil {
                problems.append("runic '\(r.id)' names unknown monster '\(m)'")
            }
            if let t = r.terrain, terrainIndexByID[t] == nil { problems.append("runic '\(r.id)' names unknown terrain '\(t)'") }
        }
        return problems
    }

    /// Mixes the runics into the content hash (unchanged when there are none).
    static func hash(_ runics: [RunicKind], base: UInt64) -> UInt64 {
        guard !runics.isEmpty else { return base }
        var h = StableHasher()
        h.combine(base)
        h.combine(-4)
        h.combine(runics.count)
        for r in runics {
            h.combine(r.id)
            h.combine(r.name)
            h.combine(r.slot.rawValue)
            h.combine(r.bad)
            h.combine(r.rule.rawValue)
            for v in [r.chance, r.chancePerEnchant, r.amount, r.turns, r.frequency, r.monsters.count] { h.combine(v) }
            for m in r.monsters { h.combine(m) }
            h.combine(r.summons)
            h.combine(r.terrain)
            h.combine(r.description)
        }
        return h.value
    }
}
