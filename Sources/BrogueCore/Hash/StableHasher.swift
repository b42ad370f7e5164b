/// A 64-bit hash whose value depends only on what is fed to it, in order: the same on every
/// process and machine (unlike Swift's `Hasher`, which is seeded per process).
///
/// Each word is folded in with the SplitMix64 finaliser, a strong 64-bit mixer.
public struct StableHasher: Sendable {
    public private(set) var value: UInt64 = 0x6A09_E667_F3BC_C908

    public init() {}

    public mutating func combine(_ word: UInt64) {
        var z = value ^ (word &+ 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        value = z ^ (z >> 31)
    }

    public mutating func combine(_ v: Int) { combine(UInt64(bitPattern: Int64(v))) }
    public mutating func combine(_ v: Bool) { combine(v ? 1 as UInt64 : 2) }

    /// Strings are hashed by their UTF-8 bytes with a length prefix, so "ab","c" != "a","bc".
    public mutating func combine(_ s: String) {
        combine(s.utf8.count)
        var word: UInt64 = 0
        var n = 0
        for byte in s.utf8 {
            word = word << 8 | UInt64(byte)
            n += 1
            if n == 8 {
                combine(word)
                word = 0
                n = 0
            }
        }
        if n > 0 { combine(word) }
    }

    public mutating func combine(_ c: Character) { combine(String(c)) }
    public mutating func combine(_ r: ClosedRange<Int>) {
        combine(r.lowerBound)
        combine(r.upperBound)
    }
    public mutating func combine(_ c: RGB) { combine(UInt64(c.r) << 16 | UInt64(c.g) << 8 | UInt64(c.b)) }
    public mutating func combine(_ d: DamageRange) {
        combine(d.min)
        combine(d.max)
        combine(d.clump)
    }
    public mutating func combine(_ p: Point) {
        combine(p.x)
        combine(p.y)
    }
    public mutating func combine(_ s: String?) {
        if let s { combine(s) } else { combine(0 as UInt64) }
    }
}

extension ContentCatalog {
    static func hash(
        _ terrains: [TerrainKind],
        _ monsters: [MonsterKind],
        _ items: [ItemKind],
        _ spawns: SpawnRules,
        _ player: PlayerKind,
        _ appearances: Appearances
    ) -> UInt64 {
        var h = StableHasher()
        h.combine(terrains.count)
        for t in terrains {
            h.combine(t.id)
            h.combine(t.name)
            h.combine(t.glyph)
            h.combine(t.asciiGlyph)
            h.combine(t.foreground)
            h.combine(t.background)
            h.combine(t.layer.rawValue)
            h.combine(UInt64(t.flags.rawValue))
            h.combine(t.drawPriority)
            h.combine(t.discoverAs)
            h.combine(t.promotesTo)
            h.combine(t.description)
            h.combine(t.trap?.rawValue)
            h.combine(t.onStep)
            h.combine(t.decaysTo)
            h.combine(t.decayTurns)
            h.combine(t.damage ?? DamageRange(min: 0, max: 0, clump: 0))
            // Mixed in only when set, so content without them hashes as before.
            if let r = t.release {
                h.combine(r.terrain)
                h.combine(r.radius)
                h.combine(r.turns)
            }
            if let b = t.breathed { h.combine("breathed:" + b.rawValue) }
        }
        h.combine(monsters.count)
        for m in monsters {
            h.combine(m.id)
            h.combine(m.name)
            h.combine(m.glyph)
            h.combine(m.color)
            for v in [m.hp, m.defense, m.accuracy, m.movementDuration, m.attackDuration, m.regenTurns, m.xp] { h.combine(v) }
            h.combine(m.damage)
            h.combine(UInt64(m.flags.rawValue))
            h.combine(m.description)
            // Only when set, so content without plugin behaviours keeps its hash.
            if let b = m.behaviour { h.combine(b) }
            // Only when there are some, so content without abilities keeps its hash.
            if !m.abilities.isEmpty {
                h.combine(-3)
                h.combine(m.abilities.count)
                for a in m.abilities {
                    h.combine(a.rule.rawValue)
                    h.combine(a.bolt)
                    h.combine(a.monster)
                    h.combine(a.count)
                    for v in [a.range, a.chance, a.turns] { h.combine(v) }
                    // Only for the rule that reads them, so content from before it keeps its hash.
                    if a.rule == .bursts {
                        h.combine(a.terrain)
                        h.combine(a.radius)
                    }
                }
            }
            // Only when there are some, so content without them keeps its hash.
            if !m.learnable.isEmpty {
                h.combine(-4)
                h.combine(m.learnable.count)
                for name in m.learnable { h.combine(name) }
            }
        }
        // Only when not the classic shape, so content that names none keeps its hash.
        if spawns.dungeon != .classic {
            h.combine(-5)
            h.combine(spawns.dungeon.depths)
            h.combine(spawns.dungeon.amuletDepth)
            if spawns.dungeon.spawnScale != 1 { h.combine(spawns.dungeon.spawnScale) }
        }
        h.combine(items.count)
        for i in items {
            h.combine(i.id)
            h.combine(i.name)
            h.combine(i.category.rawValue)
            h.combine(i.glyph)
            h.combine(i.color)
            for v in [i.value, i.accuracy, i.strength, i.armor, i.power, i.nutrition] { h.combine(v) }
            h.combine(i.damage ?? DamageRange(min: 0, max: 0, clump: 0))
            h.combine(i.throwable)
            h.combine(i.quantity)
            h.combine(i.effect)
            // Only when set, so content without natives keeps its hash.
            if let n = i.nativePower {
                h.combine(n.native)
                h.combine(n.arguments.count)
                for a in n.arguments { h.combine(a.name) }
            }
            h.combine(i.malevolent)
            h.combine(i.description)
            // Only when set, so content without staffs and wands keeps its hash.
            if let b = i.bolt {
                h.combine(b)
                h.combine(i.charges)
                h.combine(i.recharge)
            }
            // Only when set, so content without whips, flails or incendiary missiles keeps its hash.
            if i.attack != .normal || i.burstsInto != nil {
                h.combine(-5)
                h.combine(i.attack.rawValue)
                h.combine(i.burstsInto)
            }
            if i.category == .ring || i.category == .charm {
                h.combine(i.ring?.rawValue ?? "-")
                h.combine(i.charges)
                h.combine(i.recharge)
            }
        }
        for table in [spawns.monsters, spawns.items] {
            h.combine(table.count)
            for e in table {
                h.combine(e.kind)
                h.combine(e.depths)
                h.combine(e.weight)
                h.combine(e.group)
                // Only when there are some, so content without followers keeps its hash.
                if !e.followers.isEmpty {
                    h.combine(-3)
                    h.combine(e.followers.count)
                    for f in e.followers {
                        h.combine(f.kind)
                        h.combine(f.count)
                    }
                }
                if e.captive { h.combine(-4) }
            }
        }
        h.combine(spawns.population.count)
        for p in spawns.population {
            h.combine(p.depths)
            h.combine(p.monsters)
            h.combine(p.items)
            h.combine(p.gold)
            h.combine(p.food)
        }
        h.combine(player.name)
        for v in [player.hp, player.accuracy, player.defense, player.strength, player.regenTurns, player.stomach, player.stealthRange] {
            h.combine(v)
        }
        h.combine(player.damage)
        h.combine(player.lightRadius)
        // Only when not the old rules' values, so content from before them keeps its hash.
        if player.freeingTurns != 1 || player.strongSearchTurns != 0 || player.runningNoise {
            h.combine(-5)
            h.combine(player.freeingTurns)
            h.combine(player.strongSearchTurns)
            h.combine(player.runningNoise)
        }
        h.combine(player.startingItems.count)
        for s in player.startingItems {
            h.combine(s.kind)
            h.combine(s.quantity)
            h.combine(s.equipped)
        }
        h.combine(appearances.potionColors.count)
        for c in appearances.potionColors {
            h.combine(c.name)
            h.combine(c.color)
        }
        h.combine(appearances.scrollSyllables.count)
        for s in appearances.scrollSyllables { h.combine(s) }
        // Only when given, so content from before them keeps its hash.
        for list in [appearances.staffWoods, appearances.wandMetals, appearances.ringGems] where !list.isEmpty {
            h.combine(list.count)
            for s in list { h.combine(s) }
        }
        return h.value
    }
}
