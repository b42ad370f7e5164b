/// The later potions and scrolls: hallucination, creeping death, extra healing, protect armor and weapon, sanctity.
extension Game {
    /// The monster kind the player believes it sees for `m`: its own, or while hallucinating a
    /// random other one, changing each turn. Worked out from the creature's id and the turn, not
    /// drawn from a stream, so looking changes nothing.
    public func apparentKind(of m: Creature) -> Int {
        guard player.status.hallucinating > 0, catalog.monsters.count > 1, !m.isPlayer else { return m.kind }
        var h = StableHasher()
        h.combine(m.id)
        h.combine(turn)
        return Int(h.value % UInt64(catalog.monsters.count))
    }

    /// The name the player knows `m` by: its kind's, or while hallucinating the kind it seems to be.
    /// Messages use it; causes of death keep the true name.
    public func seenName(of m: Creature) -> String { catalog.monsters[apparentKind(of: m)].name }

    mutating func applyLaterEffect(_ effect: ItemEffect, power: Int, _ events: inout [GameEvent]) {
        switch effect {
        case .hallucination:
            player.status.hallucinating = max(player.status.hallucinating, max(1, power))
            events.append(.message("Oh wow, everything looks so cosmic!", .bad))
        case .creepingDeath:
            let n = sprout("lichen", count: max(1, power))
            events.append(.message(n > 0 ? "Lichen sprouts from the ground around you!" : "The potion fizzles.", .bad))
        case .protectArmor, .protectWeapon:
            let letter = effect == .protectArmor ? inventory.armor : inventory.weapon
            let what = effect == .protectArmor ? "armor" : "weapon"
            guard let letter else {
                events.append(.message("A protective golden light surrounds you, then fades: you have no \(what).", .info))
                return
            }
            inventory[letter]!.acidProof = true
            events.append(.message("A protective golden light covers your \(catalog.items[inventory[letter]!.kind].name).", .good))
        case .sanctity:
            let n = consecrate(radius: max(1, power))
            events.append(.message(n > 0 ? "Sprays of color arc to the ground, forming glyphs where they alight." : "Nothing happens.", .good))
        default:
            break
        }
    }

    /// The potion of extra healing: heals `power` percent, cures confusion, darkness, poison, slowness
    /// and hallucination, and heals every ally in view by the same share.
    mutating func extraHeal(power: Int, _ events: inout [GameEvent]) {
        let share = max(power, 1)
        player.hp = min(player.maxHP, player.hp + max(1, player.maxHP * share / 100))
        var s = player.status
        (s.confused, s.darkened, s.poisoned, s.slowed, s.hallucinating) = (0, 0, 0, 0, 0)
        player.status = s
        var allies = 0
        for j in monsters.indices where monsters[j].hp > 0 && monsters[j].state == .ally && canSee(monsters[j]) {
            monsters[j].hp = min(monsters[j].maxHP, monsters[j].hp + max(1, monsters[j].maxHP * share / 100))
            monsters[j].status.poisoned = 0
            allies += 1
        }
        events.append(.message(allies > 0 ? "You and your allies feel much better." : "You feel much better.", .good))
    }

    /// Puts up to `count` monsters of kind `id`, hostile and awake, on open cells 2 to 4 steps from
    /// the player, picked at random (never beside it, so the drinker is not walled in); returns how many.
    private mutating func sprout(_ id: String, count: Int) -> Int {
        guard let kind = catalog.monsterIndexByID[id] else { return 0 }
        var open: [Point] = []
        for dy in -4...4 {
            for dx in -4...4 where max(abs(dx), abs(dy)) >= 2 {
                let p = Point(player.position.x + dx, player.position.y + dy)
                if level.contains(p), level.isPassable(p), monsterWillEnter(p), creature(at: p) == nil { open.append(p) }
            }
        }
        var made = 0
        while made < count, !open.isEmpty {
            let p = open.remove(at: rng.below(open.count))
            var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: catalog.monsters[kind].hp, state: .hunting)
            m.ticksUntilTurn = catalog.monsters[kind].movementDuration
            nextCreatureID += 1
            monsters.append(m)
            made += 1
        }
        return made
    }

    /// Lays the `sacred-glyphs` terrain on every open cell within `radius` steps of the player; returns how many.
    private mutating func consecrate(radius: Int) -> Int {
        guard let glyphs = catalog.terrainIndexByID["sacred-glyphs"] else { return 0 }
        let layer = catalog.terrains[glyphs].layer
        var n = 0
        for dy in -radius...radius {
            for dx in -radius...radius {
                let p = Point(player.position.x + dx, player.position.y + dy)
                guard level.contains(p), level.isPassable(p), level.flags[p].isDisjoint(with: .hazards) else { continue }
                setHazardTerrain(glyphs, layer: layer, at: p)
                n += 1
            }
        }
        // The monsters' maps must now go round the glyphs, even if the player has not moved.
        scratch.invalidate()
        scratch.waypointDepth = 0
        return n
    }
}
