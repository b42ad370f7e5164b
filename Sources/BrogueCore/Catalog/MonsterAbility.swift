/// One named piece of monster rule code, with its parameters from content. Any monster kind may
/// list any of them under `abilities`; what needs no parameter is a `MonsterFlags` flag instead.
public struct MonsterAbility: Hashable, Sendable {
    /// The rule an ability runs, named in content as its `ability`.
    public enum Rule: String, CaseIterable, Sendable {
        /// Fires its `bolt` on a turn with `chance` percent, within `range` cells: a harmful bolt at
        /// the player in view, a helpful one (heal, protect, haste, ...) at a hurt or bare ally.
        case castsBolt = "casts-bolt"
        /// Calls up `count` of its `monster` beside itself with `chance` percent a turn while it
        /// sees the player and none of its earlier summons is left; they fade after `turns` turns
        /// (0: they stay).
        case summons
        /// A hit on the player takes an unequipped item instead of hurting, with `chance` percent;
        /// the thief then flees for good. Killing it drops the item.
        case steals
        /// On death, `count` of its `monster` appear where it fell.
        case diesInto = "dies-into"
        /// Starts with `chance` percent carrying an item of its depth, dropped where it dies.
        case carriesItem = "carries-item"
        /// When it dies, however it dies, lays its `terrain` on every cell within `radius` steps
        /// one could walk to from where it fell, for `turns` turns (0: the terrain's own
        /// `decay-turns`): a bloat's puff of gas, a pit, a flash of flame.
        case bursts

        /// The parameters the rule cannot do without.
        public var needs: [String] {
            switch self {
            case .castsBolt: ["bolt"]
            case .summons, .diesInto: ["monster"]
            case .steals, .carriesItem: []
            case .bursts: ["terrain"]
            }
        }

        /// The parameters the rule reads (the others are refused in content).
        public var reads: [String] {
            switch self {
            case .castsBolt: ["bolt", "range", "chance"]
            case .summons: ["monster", "count", "turns", "chance"]
            case .steals: ["chance"]
            case .diesInto: ["monster", "count"]
            case .carriesItem: ["chance"]
            case .bursts: ["terrain", "radius", "turns"]
            }
        }
    }

    public var rule: Rule
    /// `casts-bolt`: the bolt id it fires.
    public var bolt: String?
    /// `summons`, `dies-into`: the monster id it calls up.
    public var monster: String?
    /// How many it calls up.
    public var count: ClosedRange<Int>
    /// `casts-bolt`: the farthest target, in cells.
    public var range: Int
    /// Percent chance on each turn it could (or on each hit, for `steals`).
    public var chance: Int
    /// `summons`: turns the summoned last; 0 for good. `bursts`: turns the terrain lasts; 0 for its own.
    public var turns: Int
    /// `bursts`: the terrain id it lays.
    public var terrain: String?
    /// `bursts`: how many steps from where it fell the terrain reaches.
    public var radius: Int

    public init(
        _ rule: Rule,
        bolt: String? = nil,
        monster: String? = nil,
        count: ClosedRange<Int> = 1...1,
        range: Int = 7,
        chance: Int = 100,
        turns: Int = 0,
        terrain: String? = nil,
        radius: Int = 1
    ) {
        self.rule = rule
        self.bolt = bolt
        self.monster = monster
        self.count = count
        self.range = range
        self.chance = chance
        self.turns = turns
        self.terrain = terrain
        self.radius = radius
    }
}

extension MonsterAbility {
    /// What no single monster file can check: the bolts and monsters abilities name, and that a
    /// cast bolt is one a monster can cast.
    static func problems(
        _ monsters: [MonsterKind],
        boltIndexByID: [String: Int],
        bolts: [BoltKind],
        monsterIndexByID: [String: Int],
        terrainIndexByID: [String: Int]
    )
        -> [String]
    {
        var problems: [String] = []
        for m in monsters {
            for a in m.abilities {
                let label = "monster '\(m.id)' ability '\(a.rule.rawValue)'"
                for field in a.rule.needs where (field == "bolt" ? a.bolt : field == "terrain" ? a.terrain : a.monster) == nil {
                    problems.append("\(label) needs '\(field)'")
                }
                if let id = a.monster, monsterIndexByID[id] == nil { problems.append("\(label) names unknown monster '\(id)'") }
                if let id = a.terrain, terrainIndexByID[id] == nil { problems.append("\(label) names unknown terrain '\(id)'") }
                if let id = a.bolt {
                    if let b = boltIndexByID[id] {
                        let effect = bolts[b].effect
                        if !effect.isHelpful && !effect.monstersCastAtPlayer {
                            problems.append("\(label) casts bolt '\(id)', whose effect '\(effect.rawValue)' monsters cannot cast")
                        }
                    } else {
                        problems.append("\(label) names unknown bolt '\(id)'")
                    }
                }
            }
        }
        return problems
    }
}

extension BoltEffect {
    /// Whether the rule helps the creature it hits, so a monster casts it at its allies.
    public var isHelpful: Bool {
        switch self {
        case .heal, .haste, .protect, .invisibility, .empower: true
        default: false
        }
    }

    /// Whether a monster may cast the rule at the player (those the player's side of the rules knows).
    public var monstersCastAtPlayer: Bool {
        switch self {
        case .damage, .poison, .slow, .frighten: true
        default: false
        }
    }
}
