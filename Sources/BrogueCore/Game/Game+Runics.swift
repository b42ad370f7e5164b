/// Runics: the powers some weapons and armors carry (`RunicKind`). The wielded weapon's runic acts
/// when the player's blow lands, the worn armor's when a monster's blow or bolt reaches the player;
/// each is hidden until it first acts or the item is identified. Nothing here draws from the random
/// stream unless an equipped item carries a runic, so games without runics play as before.
extension Game {
    /// The runic the item carries, if any.
    public func runic(of item: Item) -> RunicKind? {
        item.runic > 0 && item.runic <= catalog.runics.count ? catalog.runics[item.runic - 1] : nil
    }

    /// The runic of the wielded weapon or worn armor, with the item's letter and enchantment.
    func equippedRunic(_ slot: RunicSlot) -> (letter: Letter, runic: RunicKind, enchant: Int)? {
        guard let l = slot == .weapon ? inventory.weapon : inventory.armor, let item = inventory[l], let r = runic(of: item) else { return nil }
        return (l, r, item.enchant)
    }

    /// Whether the worn armor's runic follows `rule` (a lasting protection: respiration, dampening).
    func wears(_ rule: RunicRule) -> Bool { equippedRunic(.armor)?.runic.rule == rule }

    /// The worn armor's lasting protection `rule` counts now: true when it is worn, and the player learns of it.
    mutating func armorProtects(_ rule: RunicRule, _ events: inout [GameEvent]) -> Bool {
        guard let (l, r, _) = equippedRunic(.armor), r.rule == rule else { return false }
        revealRunic(l, &events)
        return true
    }

    /// Fire and lava do not burn the player: a potion of fire immunity, or armor of dampening.
    mutating func playerIsFireproof(_ events: inout [GameEvent]) -> Bool {
        player.status.fireImmune > 0 || armorProtects(.dampening, &events)
    }

    /// The runic of the equipped item in `slot` if it follows one of `rules` and its chance comes up.
    private mutating func firing(_ slot: RunicSlot, _ rules: [RunicRule]) -> (letter: Letter, runic: RunicKind)? {
        guard let (l, r, enchant) = equippedRunic(slot), rules.contains(r.rule) else { return nil }
        let chance = r.chance(enchant: enchant)
        guard chance >= 100 || rng.percent(chance) else { return nil }
        return (l, r)
    }

    /// The player learns the runic of the item at `letter`, the first time it shows itself.
    mutating func revealRunic(_ letter: Letter, _ events: inout [GameEvent]) {
        guard let item = inventory[letter], let r = runic(of: item), !item.runicKnown else { return }
        inventory[letter]!.runicKnown = true
        let name = catalog.items[item.kind].name
        events.append(.message("Your \(name) is \(article(name)) \(name) of \(r.name)!", r.bad ? .bad : .good))
    }

    // MARK: - Weapon runics

    /// Slaying and quietus: the damage of a blow that lands on monster `i`, raised to kill it outright
    /// when the runic acts.
    mutating func weaponRunicDamage(_ damage: Int, on i: Int, hp: Int, _ events: inout [GameEvent]) -> Int {
        guard let (l, r, enchant) = equippedRunic(.weapon) else { return damage }
        switch r.rule {
        case .slaying:
            guard r.monsters.contains(catalog.monsters[monsters[i].kind].id) else { return damage }
        case .quietus:
            let chance = r.chance(enchant: enchant)
            guard chance >= 100 || rng.percent(chance) else { return damage }
        default: return damage
        }
        revealRunic(l, &events)
        return max(damage, hp)
    }

    /// The runic acts on monster `i`, which a blow hit and did not kill. Returns the ticks the blow
    /// took: none for a weapon of speed that acted, else 100.
    mutating func weaponRunicAfterHit(_ i: Int, _ events: inout [GameEvent]) -> Int {
        let rules: [RunicRule] = [.speed, .paralysis, .multiplicity, .slowing, .confusion, .force, .mercy, .plenty]
        guard let (l, r) = firing(.weapon, rules) else { return 100 }
        revealRunic(l, &events)
        let name = seenName(of: monsters[i])
        let turns = max(1, r.turns)
        switch r.rule {
        case .speed:
            events.append(.message("Your blow is over in a flash.", .good))
            return 0
        case .paralysis:
            monsters[i].status.paralyzed = max(monsters[i].status.paralyzed, turns)
            events.append(.message("The \(name) is paralyzed!", .good))
        case .slowing:
            monsters[i].status.slowed = max(monsters[i].status.slowed, turns)
            monsters[i].status.hasted = 0
            events.append(.message("The \(name) slows down.", .good))
        case .confusion:
            monsters[i].status.confused = max(monsters[i].status.confused, turns)
            events.append(.message("The \(name) looks confused.", .good))
        case .force: knockBack(i, cells: max(1, r.amount), &events)
        case .multiplicity: callUp(r, &events)
        case .mercy:
            monsters[i].hp = min(monsters[i].maxHP, monsters[i].hp + max(1, monsters[i].maxHP * r.amount / 100))
            events.append(.message("The \(name) looks healthier.", .bad))
        case .plenty: split(i, &events)
        default: break
        }
        return 100
    }

    /// Throws monster `i` straight away from the player, `cells` steps at most; it stops before a
    /// wall or a creature, and lands in whatever hazard it is thrown into.
    private mutating func knockBack(_ i: Int, cells: Int, _ events: inout [GameEvent]) {
        let d = monsters[i].position - player.position
        guard let dir = Direction.allCases.first(where: { $0.offset == Point(d.x.signum(), d.y.signum()) }) else { return }
        let from = monsters[i].position
        var landed = from
        while landed.distance(to: from) < cells, monsters[i].hp > 0 {
            let to = landed + dir.offset
            guard level.canStep(from: landed, dir), creature(at: to) == nil else { break }
            monsters[i].position = to
            landed = to
            monsterEnteredCell(i, &events)
        }
        guard landed != from else { return }
        events.append(.moved(creature: monsters[i].id, from: from, to: landed))
        if monsters[i].hp > 0 { events.append(.message("The \(seenName(of: monsters[i])) is hurled backward!", .good)) }
    }

    /// Multiplicity: `amount` of the runic's `summons` appear beside the player as allies for `turns` turns.
    private mutating func callUp(_ r: RunicKind, _ events: inout [GameEvent]) {
        guard let kind = r.summons.flatMap({ catalog.monsterIndexByID[$0] }) else { return }
        var made = 0
        for _ in 0..<max(1, r.amount) {
            guard let p = openCell(beside: player.position) else { break }
            var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: catalog.monsters[kind].hp, state: .ally)
            m.ticksUntilTurn = 100
            m.lifespan = max(1, r.turns)
            nextCreatureID += 1
            monsters.append(m)
            made += 1
        }
        if made > 0 { events.append(.message("Spectral images of your \(r.slot == .weapon ? "weapon" : "armor") spring up to fight!", .good)) }
    }

    // MARK: - Armor runics

    /// The damage of monster `i`'s blow that hit the player, after the worn armor's runic: immunity,
    /// absorption, vulnerability and mutuality.
    mutating func armorRunicDamage(_ damage: Int, from i: Int, _ events: inout [GameEvent]) -> Int {
        guard let (l, r) = firing(.armor, [.immunity, .absorption, .vulnerability, .mutuality]) else { return damage }
        switch r.rule {
        case .immunity:
            guard r.monsters.contains(catalog.monsters[monsters[i].kind].id) else { return damage }
            revealRunic(l, &events)
            return 0
        case .absorption:
            revealRunic(l, &events)
            return damage > 0 ? max(1, damage - r.amount) : 0
        case .vulnerability:
            revealRunic(l, &events)
            return damage + damage * r.amount / 100
        default:
            return shareDamage(damage, from: i, l, &events)
        }
    }

    /// Mutuality: the blow is split evenly between the player and every other hostile monster beside
    /// it; the player takes its share and what does not divide.
    private mutating func shareDamage(_ damage: Int, from i: Int, _ letter: Letter, _ events: inout [GameEvent]) -> Int {
        let others = monsters.indices.filter {
            $0 != i && monsters[$0].hp > 0 && monsters[$0].isHostile && monsters[$0].position.distance(to: player.position) == 1
        }
        guard !others.isEmpty, damage > 0 else { return damage }
        revealRunic(letter, &events)
        let share = damage / (others.count + 1)
        for j in others where share > 0 {
            monsters[j].hp -= share
            events.append(.attacked(attacker: player.id, defender: monsters[j].id, damage: share, hit: true))
            if monsters[j].hp <= 0 { killMonster(j, &events) }
        }
        return damage - share * others.count
    }

    /// After monster `i`'s blow dealt `damage` to the player: reprisal, multiplicity, burden, immolation.
    mutating func armorRunicAfterBlow(_ damage: Int, from i: Int, _ events: inout [GameEvent]) {
        guard let (l, r) = firing(.armor, [.reprisal, .multiplicity, .burden, .immolation]) else { return }
        switch r.rule {
        case .reprisal:
            guard damage > 0, monsters[i].hp > 0 else { return }
            revealRunic(l, &events)
            let back = max(1, damage * r.amount / 100)
            monsters[i].hp -= back
            events.append(.attacked(attacker: player.id, defender: monsters[i].id, damage: back, hit: true))
            events.append(.message("Your armor lashes back at the \(seenName(of: monsters[i])).", .good))
            if monsters[i].hp <= 0 { killMonster(i, &events) }
        case .multiplicity:
            revealRunic(l, &events)
            callUp(r, &events)
        case .burden:
            revealRunic(l, &events)
            inventory[l]!.enchant -= 1
            events.append(.message("Your \(catalog.items[inventory[l]!.kind].name) feels heavier.", .bad))
        default:
            revealRunic(l, &events)
            immolate(r, &events)
        }
    }

    /// Immolation: the runic's terrain bursts out on every open cell around the player, burning out
    /// by the terrain's own `decays-to`.
    private mutating func immolate(_ r: RunicKind, _ events: inout [GameEvent]) {
        guard let fire = r.terrain.flatMap({ catalog.terrainIndexByID[$0] }) else { return }
        for d in Direction.allCases { setFire(fire, at: player.position + d.offset) }
        events.append(.message("Flames burst out of your armor!", .bad))
    }

    /// Reflection: whether a harmful bolt cast at the player flies back at its caster.
    mutating func armorReflects(_ bolt: BoltKind, _ events: inout [GameEvent]) -> Bool {
        guard !bolt.effect.isHelpful, let (l, _) = firing(.armor, [.reflection]) else { return false }
        revealRunic(l, &events)
        events.append(.message("Your armor sends the \(bolt.name) back!", .good))
        return true
    }

    // MARK: - Generation

    /// A generated weapon or armor may carry a runic: a good one when its enchantment is positive,
    /// a bad one when negative, with `runicPercent` chance, picked by `frequency`. Draws nothing when
    /// the content has no runic for the slot.
    mutating func rollRunic(_ item: inout Item, slot: RunicSlot) {
        guard item.enchant != 0 else { return }
        let bad = item.enchant < 0
        let fitting = catalog.runics.indices.filter { catalog.runics[$0].slot == slot && catalog.runics[$0].bad == bad }
        guard !fitting.isEmpty, rng.percent(Self.runicPercent) else { return }
        guard let pick = rng.weightedIndex(fitting.map { catalog.runics[$0].frequency }) else { return }
        item.runic = fitting[pick] + 1
    }

    /// Percent of enchanted generated weapons and armors that carry a runic.
    static let runicPercent = 30
}
