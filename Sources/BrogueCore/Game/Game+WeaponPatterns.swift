/// Weapons that strike other than by a plain blow (whips lash, flails spin), missiles that burst
/// into fire, and acid that eats at the gear that touches it.
extension Game {
    /// How the wielded weapon strikes.
    var wieldedAttack: WeaponAttack {
        inventory.weapon.flatMap { inventory[$0] }.map { catalog.items[$0.kind].attack } ?? .normal
    }

    /// A whip's target for a step in `dir`: the first creature within `WeaponAttack.lashReach` cells
    /// that way, when it is a hostile monster the player sees, not the one beside it (a plain blow
    /// reaches that) and nothing stands or blocks in between.
    func lashTarget(_ dir: Direction) -> Int? {
        guard wieldedAttack == .lash else { return nil }
        var p = player.position
        for step in 1...WeaponAttack.lashReach {
            guard level.canStep(from: p, dir) else { return nil }
            p = p + dir.offset
            guard let j = monsterIndex(at: p), monsters[j].hp > 0 else { continue }
            return step > 1 && monsters[j].isHostile && !monsters[j].submerged && canSee(monsters[j]) ? j : nil
        }
        return nil
    }

    /// A flail spins as its wielder steps: every hostile monster beside the new cell is struck, in turn.
    mutating func flailAfterStep(_ events: inout [GameEvent]) {
        guard wieldedAttack == .flail else { return }
        let targets = monsters.filter {
            $0.hp > 0 && $0.isHostile && !$0.submerged && $0.position.distance(to: player.position) == 1
        }.map(\.id)
        for id in targets where outcome == .playing {
            guard let j = monsters.firstIndex(where: { $0.id == id && $0.hp > 0 }) else { continue }
            playerAttack(j, &events)
        }
    }

    /// Sets terrain `fire` at `p` whatever lies there (not on walls), burning out by its own `decays-to`.
    mutating func setFire(_ fire: Int, at p: Point) {
        guard level.contains(p), level.isPassable(p) else { return }
        let kind = catalog.terrains[fire]
        let becomes = kind.decaysTo.flatMap { catalog.terrainIndexByID[$0] } ?? -1
        setHazardTerrain(fire, layer: kind.layer, at: p)
        level.timers.removeAll { $0.position == p && $0.layer == kind.layer }
        level.timers.append(TerrainTimer(position: p, layer: kind.layer, turnsLeft: rng.int(in: kind.decayTurns), becomes: becomes))
    }

    /// An incendiary missile comes down at `p`: it bursts into its fire there and is spent.
    mutating func burst(_ kind: ItemKind, at p: Point, _ events: inout [GameEvent]) -> Bool {
        guard let fire = kind.burstsInto.flatMap({ catalog.terrainIndexByID[$0] }) else { return false }
        setFire(fire, at: p)
        events.append(.message("The \(kind.name) bursts into flame!", .info))
        return true
    }

    /// Acid eats a point of enchantment off the wielded weapon (which struck an acidic monster) or the
    /// worn armor (which an acidic monster struck), unless a scroll made it proof.
    mutating func corrode(_ slot: RunicSlot, _ events: inout [GameEvent]) {
        guard let l = slot == .weapon ? inventory.weapon : inventory.armor, let item = inventory[l], !item.acidProof else { return }
        inventory[l]!.enchant -= 1
        events.append(.message("Your \(catalog.items[item.kind].name) corrodes!", .bad))
    }

    /// Acid eats a point of enchantment off a thrown weapon that struck an acidic monster, unless it is proof.
    func corrodeThrown(_ item: inout Item, _ events: inout [GameEvent]) {
        guard !item.acidProof else { return }
        item.enchant -= 1
        events.append(.message("The \(catalog.items[item.kind].name) corrodes!", .bad))
    }
}
