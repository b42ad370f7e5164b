/// Rings: put on (two at most) and taken off like armour; while worn, each changes one rule by its
/// enchantment. A cursed ring (enchantment below 0) works backwards and cannot be taken off.
extension Game {
    /// The sum, over the worn rings of `power`, of enchantment x the kind's `power` (1 when unset).
    public func ringBonus(_ power: RingPower) -> Int {
        var total = 0
        for l in inventory.rings {
            guard let item = inventory[l] else { continue }
            let kind = catalog.items[item.kind]
            guard kind.ring == power else { continue }
            total += item.enchant * (kind.power > 0 ? kind.power : 1)
        }
        return total
    }

    /// Puts on the ring at `letter`: its kind becomes known; its enchantment after some turns.
    mutating func putOn(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        guard !inventory.rings.contains(letter) else { return refuse("You are already wearing that.", &events) }
        guard inventory.rings.count < Inventory.ringSlots else {
            return refuse("You are already wearing two rings; remove one first.", &events)
        }
        inventory.rings.append(letter)
        let kind = inventory[letter]!.kind
        if !knownKinds[kind] {
            knownKinds[kind] = true
            events.append(.identified(kind: kind))
        }
        if !inventory[letter]!.enchantKnown { inventory[letter]!.rechargeIn = Self.revealTurns }
        events.append(.message("You are now wearing \(displayName(inventory[letter]!)).", .info))
        if inventory[letter]!.enchant < 0 { events.append(.message("You feel a malevolent aura settle over you.", .bad)) }
        return 100
    }

    /// Takes off a ring, unless it is cursed.
    mutating func takeOff(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        let item = inventory[letter]!
        guard item.enchant >= 0 || item.curseLifted else { return refuse("You can't remove \(displayName(item)): it appears to be cursed.", &events) }
        inventory.rings.removeAll { $0 == letter }
        events.append(.message("You are no longer wearing \(displayName(item)).", .info))
        return 100
    }

    /// One turn of worn rings: awareness searches.
    mutating func ringTurn(_ events: inout [GameEvent]) {
        let aware = ringBonus(.awareness)
        if aware > 0 { search(radius: 5, adjacentSurely: false, chance: aware, &events) }
    }

    /// `base` turns made 3/4 as long for each point of `bonus` (4/3 as long for each point below 0).
    static func ringScaled(_ base: Int, by bonus: Int) -> Int {
        var t = base
        if bonus > 0 {
            for _ in 0..<min(bonus, 30) { t = t * 3 / 4 }
        } else if bonus < 0 {
            for _ in 0..<min(-bonus, 30) { t = t * 4 / 3 }
        }
        return max(1, t)
    }

    /// Turns for the player to regain one hit point.
    var playerRegenTurns: Int {
        let base = catalog.player.regenTurns
        guard base > 0 else { return 0 }
        return Self.ringScaled(base, by: ringBonus(.regeneration))
    }

    /// After a melee hit of `damage`: transference heals or drains, reaping moves recharges.
    mutating func ringsAfterHit(damage: Int, _ events: inout [GameEvent]) {
        guard damage > 0, !inventory.rings.isEmpty else { return }
        let transference = ringBonus(.transference)
        if transference != 0 {
            let change = damage * transference / 100
            player.hp = max(1, min(player.maxHP, player.hp + change))
        }
        let reaping = ringBonus(.reaping)
        if reaping != 0 { advanceRecharges(by: damage * reaping, &events) }
    }

    /// Cells the player's clairvoyance reaches: within this many steps (0 for none, below 0 cursed).
    var clairvoyanceRadius: Int { ringBonus(.clairvoyance) }

    /// Reveals (or, cursed, hides) the cells clairvoyance reaches; called after the field of view.
    mutating func applyClairvoyance() {
        let r = clairvoyanceRadius
        guard r != 0 else { return }
        let origin = player.position
        let reach = abs(r)
        let r2 = reach * reach + reach
        var learned = false
        for dy in -reach...reach {
            for dx in -reach...reach where dx * dx + dy * dy <= r2 {
                let p = Point(origin.x + dx, origin.y + dy)
                guard level.contains(p) else { continue }
                if r < 0 {
                    if max(abs(dx), abs(dy)) >= 2 { visible[p] = false }
                } else if !level.discovered[p] && !level.has(.isImpregnable, at: p) {
                    level.discovered[p] = true
                    learned = true
                }
            }
        }
        if learned { scratch.epoch += 1 }
    }
}
