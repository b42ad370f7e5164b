/// Allies (freed captives): they follow the player and fight the monsters next to them.
/// Hostile monsters fight back when an ally is next to them and the player is not.
extension Game {
    /// Whether monster `i` is against the player (and so against allies).
    func isHostile(_ m: Creature) -> Bool { m.hp > 0 && m.isHostile && m.state != .dormant }

    /// The index of a monster next to `pos` that `attacker` may hit: hostile ones for an ally,
    /// allies for a hostile monster. Directions are tried in a fixed order.
    func adjacentFoe(of i: Int) -> Int? {
        let me = monsters[i]
        for d in Direction.allCases where level.canStep(from: me.position, d) {
            guard let j = monsterIndex(at: me.position + d.offset), j != i, !monsters[j].submerged else { continue }
            let other = monsters[j]
            if isFoe(me, other) { return j }
        }
        return nil
    }

    /// Whether `me` fights `other`: allies fight hostile monsters and hostile monsters allies; a
    /// discordant monster and the hostile monsters round it fight each other.
    func isFoe(_ me: Creature, _ other: Creature) -> Bool {
        guard other.hp > 0 else { return false }
        if me.state == .ally { return isHostile(other) }
        if other.state == .ally { return true }
        return (me.status.discordant > 0 || other.status.discordant > 0) && isHostile(other)
    }

    /// Monster `i` attacks monster `j` (an ally and a hostile monster fighting, or discord).
    mutating func monsterAttack(_ i: Int, monster j: Int, _ events: inout [GameEvent]) {
        let a = monsters[i]
        let ak = catalog.monsters[a.kind]
        let dk = catalog.monsters[monsters[j].kind]
        let seen = canSee(a) || canSee(monsters[j])
        guard rng.percent(Combat.hitProbability(accuracy: accuracy(of: a), defense: defense(of: monsters[j]))) else {
            events.append(.attacked(attacker: a.id, defender: monsters[j].id, damage: 0, hit: false))
            if seen { events.append(.message("The \(ak.name) misses the \(dk.name).", .combat)) }
            return
        }
        let immune = traits(of: monsters[j]).contains(.invulnerable) || traits(of: monsters[j]).contains(.immuneToWeapons)
        let rolled = immune ? 0 : max(0, rng.clumped(ak.damage.min...ak.damage.max, clump: ak.damage.clump))
        let damage = absorbed(rolled, by: j)
        monsters[j].hp -= damage
        events.append(.attacked(attacker: a.id, defender: monsters[j].id, damage: damage, hit: true))
        if monsters[j].hp <= 0 {
            let at = monsters[j].position
            monsters[j].position = Point(-1, -1)
            events.append(.died(creature: monsters[j].id, kind: monsters[j].kind))
            if seen { events.append(.message("The \(ak.name) kills the \(dk.name).", .combat)) }
            leaveRemains(of: j, at: at, &events)
            return
        }
        if seen { events.append(.message("The \(ak.name) hits the \(dk.name).", .combat)) }
        if monsters[j].state == .sleeping || monsters[j].state == .wandering { monsters[j].state = .hunting }
    }

    /// The player walks into an ally: they swap places.
    mutating func swapWithAlly(_ i: Int, _ events: inout [GameEvent]) {
        let from = player.position
        player.position = monsters[i].position
        monsters[i].position = from
        scratch.invalidate()
        events.append(.moved(creature: player.id, from: from, to: player.position))
    }

    /// Takes off the level the allies that come along when the player takes the stairs: those
    /// within two steps that can walk (not shackled, held, rooted or bound to water).
    mutating func alliesTakingStairs() -> [Creature] {
        let at = player.position
        let coming = monsters.filter { m in
            m.state == .ally && m.hp > 0 && m.position.distance(to: at) <= 2 && m.status.paralyzed == 0 && m.status.entranced == 0
                && traits(of: m).isDisjoint(with: [.immobile, .submerges])
        }
        guard !coming.isEmpty else { return [] }
        let ids = coming.map(\.id)
        monsters.removeAll { ids.contains($0.id) }
        return coming
    }

    /// Places the allies that came down (or up) the stairs round the player, in the order they came.
    mutating func arrive(_ allies: [Creature], _ events: inout [GameEvent]) {
        for var m in allies {
            m.position = freeCell(near: player.position, besidePlayer: true)
            m.absorbing = 0
            monsters.append(m)
        }
        guard let first = allies.first else { return }
        let name = catalog.monsters[first.kind].name
        events.append(.message(allies.count == 1 ? "Your \(name) follows you." : "Your \(allies.count) allies follow you.", .info))
        scratch.invalidate()
    }
}
