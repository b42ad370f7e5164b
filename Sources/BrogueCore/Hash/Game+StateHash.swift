extension Game {
    /// A stable 64-bit digest of everything that decides the game's future: the same on every
    /// machine for the same content, seed and actions. The cosmetic stream and caches are
    /// left out on purpose.
    public var stateHash: UInt64 {
        var h = StableHasher()
        h.combine(catalog.contentHash)
        h.combine(seed)
        h.combine(rng.generator.s0)
        h.combine(rng.generator.s1)
        h.combine(rng.generator.s2)
        h.combine(rng.generator.s3)
        for v in [depth, turn, ticks, environmentTicks, strength, experience, experienceLevel, nutrition, gold, nextCreatureID] {
            h.combine(v)
        }
        switch outcome {
        case .playing: h.combine(0)
        case .won: h.combine(1)
        case .died(let cause, let d):
            h.combine(2)
            h.combine(cause)
            h.combine(d)
        }
        hash(player, into: &h)
        for (i, known) in knownKinds.enumerated() where known { h.combine(i) }
        h.combine(-1)
        for l in Letter.all {
            if let item = inventory[l] {
                h.combine(l.index)
                hash(item, into: &h)
            }
        }
        h.combine(inventory.weapon.map { $0.index } ?? -1)
        h.combine(inventory.armor.map { $0.index } ?? -1)
        // Only when some are worn, so the games stored before rings keep their hashes.
        if !inventory.rings.isEmpty {
            h.combine(-3)
            for l in inventory.rings { h.combine(l.index) }
        }
        // Only while counting, so the games stored before strong searches keep their hashes.
        if searchTurns != 0 {
            h.combine(-6)
            h.combine(searchTurns)
        }
        h.combine(monsters.count)
        for m in monsters { hash(m, into: &h) }
        for (d, frozen) in frozenMonsters.enumerated() where !frozen.isEmpty {
            h.combine(d)
            h.combine(frozen.count)
            for m in frozen { hash(m, into: &h) }
        }
        for case let level? in levels { hash(level, into: &h) }
        return h.value
    }

    private func hash(_ c: Creature, into h: inout StableHasher) {
        for v in [
            c.id, c.kind, c.hp, c.maxHP, c.ticksUntilTurn, c.state.rawValue, c.waypoint, c.turnsSinceSeen, c.regenCounter, c.machine,
            c.leadsHorde ? 1 : 0,
        ] {
            h.combine(v)
        }
        h.combine(c.position)
        let s = c.status.all
        if c.status.hallucinating != 0 {
            h.combine(-6)
            h.combine(c.status.hallucinating)
        }
        if c.status.frightened != 0 || c.status.fearImmune != 0 {
            h.combine(-7)
            h.combine(c.status.frightened)
            h.combine(c.status.fearImmune)
        }
        for v in s.prefix(StatusEffects.firstMagical) { h.combine(v) }
        // The magic of staffs and wands only when some is on the creature, so the games stored
        // before it keep their hashes.
        let magic = [c.lifespan, c.empowerment] + s.dropFirst(StatusEffects.firstMagical)
        if magic.contains(where: { $0 != 0 }) {
            h.combine(-2)
            for v in magic { h.combine(v) }
        }
        // Monster abilities' state only when some is set, for the same reason.
        if c.carried != nil || c.submerged || c.summoner != 0 {
            h.combine(-3)
            h.combine(c.submerged)
            h.combine(c.summoner)
            if let item = c.carried { hash(item, into: &h) } else { h.combine(-1) }
        }
        // Captives and allies' progress only when some is set, for the same reason.
        if c.freeing != 0 || c.absorbing != 0 || !c.learnedFlags.isEmpty || !c.learnedAbilities.isEmpty {
            h.combine(-4)
            for v in [c.freeing, c.absorbing] { h.combine(v) }
            h.combine(UInt64(c.learnedFlags.rawValue))
            h.combine(c.learnedAbilities.count)
            for a in c.learnedAbilities {
                h.combine(a.rule.rawValue)
                h.combine(a.bolt)
                h.combine(a.monster)
                h.combine(a.count)
                for v in [a.range, a.chance, a.turns] { h.combine(v) }
            }
        }
    }

    private func hash(_ item: Item, into h: inout StableHasher) {
        h.combine(item.kind)
        h.combine(item.quantity)
        h.combine(item.enchant)
        h.combine(item.enchantKnown)
        h.combine(item.opensMachine)
        h.combine(item.keyDepth)
        // Only for what has charges, so the games stored before staffs and wands keep their hashes.
        if item.charges != 0 || item.rechargeIn != 0 {
            h.combine(-2)
            h.combine(item.charges)
            h.combine(item.rechargeIn)
        }
        if item.curseLifted { h.combine(-4) }
        if item.acidProof { h.combine(-6) }
        // Only on an item with a runic, so the games stored before runics keep their hashes.
        if item.runic != 0 {
            h.combine(-5)
            h.combine(item.runic)
            h.combine(item.runicKnown)
        }
    }

    private func hash(_ level: Level, into h: inout StableHasher) {
        h.combine(level.depth)
        h.combine(level.seed)
        h.combine(level.populated)
        for layer in level.layers {
            for v in layer.cells { h.combine(UInt64(UInt16(bitPattern: v))) }
        }
        // Two bits per cell: discovered and magic-mapped, packed 32 cells a word.
        var word: UInt64 = 0
        for i in level.discovered.cells.indices {
            word = word << 2 | (level.discovered.cells[i] ? 1 : 0) | (level.magicMapped.cells[i] ? 2 : 0)
            if i % 32 == 31 {
                h.combine(word)
                word = 0
            }
        }
        h.combine(word)
        h.combine(level.machines.count)
        for m in level.machines { h.combine(m.fired) }
        h.combine(level.items.count)
        for fi in level.items {
            h.combine(fi.position)
            hash(fi.item, into: &h)
        }
        h.combine(level.timers.count)
        for t in level.timers {
            h.combine(t.position)
            for v in [t.layer.rawValue, t.turnsLeft, t.becomes] { h.combine(v) }
        }
        // Only when some lie there, so the games stored before them keep their hashes.
        if !level.remains.isEmpty {
            h.combine(-5)
            h.combine(level.remains.count)
            for r in level.remains {
                h.combine(r.position)
                for v in [r.kind, r.turnsLeft] { h.combine(v) }
            }
        }
    }
}

extension UInt64 {
    /// Sixteen lowercase hex digits, as `stateHash` is printed.
    public var hex16: String {
        let digits = Array("0123456789abcdef")
        return String((0..<16).map { digits[Int((self >> UInt64(60 - 4 * $0)) & 15)] })
    }
}
