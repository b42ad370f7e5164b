/// Monsters casting bolts and summoning: the rules of `casts-bolt` and `summons`.
extension Game {
    /// Carries out monster `i`'s ability on `at`; returns the ticks it took.
    mutating func useAbility(_ ability: MonsterAbility, by i: Int, at: Point, _ events: inout [GameEvent]) -> Int {
        switch ability.rule {
        case .castsBolt:
            guard let b = ability.bolt.flatMap({ catalog.boltIndexByID[$0] }) else { return 100 }
            monsterCasts(b, by: i, at: at, &events)
        case .summons: summonFor(i, ability, &events)
        case .steals, .diesInto, .carriesItem, .bursts: break
        }
        return 100
    }

    /// Where monster `i` would fire its `casts-bolt`: a helpful bolt at the first ally in line of
    /// fire that needs it, a harmful one at the player; nil when there is no such target.
    func boltTarget(for i: Int, _ ability: MonsterAbility) -> Point? {
        guard let b = ability.bolt.flatMap({ catalog.boltIndexByID[$0] }) else { return nil }
        let me = monsters[i]
        let effect = catalog.bolts[b].effect
        guard effect.isHelpful else {
            let p = player.position
            return me.position.distance(to: p) <= ability.range && lineOfFire(from: me.position, to: p) ? p : nil
        }
        for j in monsters.indices where j != i {
            let other = monsters[j]
            guard other.hp > 0, !other.submerged, other.isHostile == me.isHostile, other.state != .dormant,
                other.position.distance(to: me.position) <= ability.range, needs(effect, other), lineOfFire(from: me.position, to: other.position)
            else { continue }
            return other.position
        }
        return nil
    }

    /// Whether `c` would gain from a helpful bolt: hurt for healing, bare for a shield, and so on.
    private func needs(_ effect: BoltEffect, _ c: Creature) -> Bool {
        switch effect {
        case .heal: c.hp < c.maxHP
        case .protect: c.status.shield == 0
        case .haste: c.status.hasted == 0
        case .invisibility: c.status.invisible == 0
        case .empower: c.empowerment == 0
        default: false
        }
    }

    /// Whether a bolt from `from` reaches `to` with nothing solid and nobody standing between.
    func lineOfFire(from: Point, to: Point) -> Bool {
        for p in Self.line(from: from, to: to, maxLength: from.distance(to: to)) {
            if p == to { return true }
            if level.has(.blocksMovement, at: p) || p == player.position { return false }
            if let j = monsterIndex(at: p), !monsters[j].submerged { return false }
        }
        return false
    }

    /// Monster `i` fires bolt `b` at `at`, as a level-2 caster.
    mutating func monsterCasts(_ b: Int, by i: Int, at: Point, _ events: inout [GameEvent]) {
        let bolt = catalog.bolts[b]
        let from = monsters[i].position
        let path = Self.line(from: from, to: at, maxLength: from.distance(to: at))
        events.append(.bolt(kind: b, path: path))
        let caster = catalog.monsters[monsters[i].kind].name
        if canSee(monsters[i]) { events.append(.message("The \(seenName(of: monsters[i])) casts \(bolt.name).", .warning)) }
        if at == player.position, armorReflects(bolt, &events) {
            events.append(.bolt(kind: b, path: path.reversed().dropFirst() + [from]))
            hit(i, with: bolt, power: 2, &events)
        } else if at == player.position {
            boltHitsPlayer(bolt, from: caster, &events)
        } else if let j = monsterIndex(at: at) {
            hit(j, with: bolt, power: 2, &events)
        }
    }

    /// A monster's bolt reaches the player: the rules a monster may cast at it (`monstersCastAtPlayer`).
    private mutating func boltHitsPlayer(_ bolt: BoltKind, from caster: String, _ events: inout [GameEvent]) {
        switch bolt.effect {
        case .damage:
            guard let d = bolt.damage else { return }
            let damage = max(1, rng.clumped(d.min...max(d.min, d.max), clump: max(1, d.clump)))
            player.hp -= damage
            events.append(.message("The \(bolt.name) hits you.", .bad))
            if player.hp <= 0 { die(cause: "killed by \(article(caster)) \(caster)'s \(bolt.name)", &events) }
        case .poison:
            player.status.poisoned += max(1, bolt.turns * 2)
            events.append(.message("You feel very sick.", .bad))
        case .slow:
            player.status.slowed = max(player.status.slowed, max(1, bolt.turns * 2))
            events.append(.message("You feel yourself slow down.", .bad))
        case .frighten: frightenPlayer(turns: max(1, bolt.turns * 2), &events)
        default: break
        }
    }

    /// Whether anything monster `i` summoned is still about.
    func hasLivingSummons(_ i: Int) -> Bool {
        let id = monsters[i].id
        return monsters.contains { $0.summoner == id && $0.hp > 0 }
    }

    /// Monster `i` calls up its `summons` beside itself, on its side, for the ability's `turns`.
    private mutating func summonFor(_ i: Int, _ ability: MonsterAbility, _ events: inout [GameEvent]) {
        guard let kind = ability.monster.flatMap({ catalog.monsterIndexByID[$0] }) else { return }
        let me = monsters[i]
        var made = 0
        for _ in 0..<rng.int(in: ability.count) {
            guard let p = openCell(beside: me.position) else { break }
            var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: catalog.monsters[kind].hp, state: me.state == .ally ? .ally : .hunting)
            m.ticksUntilTurn = 100
            m.lifespan = ability.turns
            m.summoner = me.id
            nextCreatureID += 1
            monsters.append(m)
            made += 1
        }
        guard made > 0, canSee(me) else { return }
        let name = catalog.monsters[kind].name
        let who = catalog.monsters[me.kind].name
        events.append(.message("The \(who) calls up \(made == 1 ? "\(article(name)) \(name)" : "\(made) \(Self.plural(name))")!", .warning))
    }
}
