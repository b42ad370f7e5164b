/// Charms: used for their effect, then spent until they recharge; a higher level works harder and
/// recharges sooner. Their kind is always known.
extension Game {
    /// Uses the charm at `letter`. A charm still recharging is refused and takes no time.
    mutating func useCharm(_ letter: Letter, _ events: inout [GameEvent]) -> Int? {
        guard let item = inventory[letter] else { return refuse("You have no item \(letter).", &events) }
        let kind = catalog.items[item.kind]
        guard kind.category == .charm else { return refuse("You cannot use \(displayName(item)) that way.", &events) }
        guard item.charges > 0 else {
            return refuse("Your \(kind.name) is still recharging (\(item.rechargeIn) turns).", &events)
        }
        let level = max(1, item.enchant)
        inventory[letter]!.charges = 0
        inventory[letter]!.rechargeIn = rechargeTurns(kind, level: level)
        events.append(.itemUsed(kind: item.kind))
        if let name = kind.effect, let effect = ItemEffect(rawValue: name) {
            apply(effect, power: kind.power * level, target: nil, &events)
        } else if let name = kind.effect, let effect = catalog.extensions.itemEffects[name] {
            _ = effect.apply(target: player.position, power: kind.power * level, game: &self, events: &events)
        }
        if let b = kind.bolt.flatMap({ catalog.boltIndexByID[$0] }) { castBolt(b, power: level, toward: player.position, &events) }
        return 100
    }

    /// Moves every staff and spent charm `turns` nearer its next charge (farther when negative).
    mutating func advanceRecharges(by turns: Int, _ events: inout [GameEvent]) {
        for l in Letter.all {
            guard let item = inventory[l] else { continue }
            let kind = catalog.items[item.kind]
            let full = kind.category == .staff ? item.charges >= item.enchant : kind.category == .charm ? item.charges > 0 : true
            guard !full else { continue }
            inventory[l]!.rechargeIn -= turns
            while inventory[l]!.rechargeIn <= 0 {
                inventory[l]!.charges += 1
                let stillShort = kind.category == .staff && inventory[l]!.charges < item.enchant
                guard stillShort else {
                    inventory[l]!.rechargeIn = 0
                    if kind.category == .charm { events.append(.message("Your \(kind.name) has recharged.", .info)) }
                    break
                }
                inventory[l]!.rechargeIn += rechargeTurns(kind, level: item.enchant)
            }
        }
    }

    /// Every staff full and every charm ready.
    mutating func rechargeAll() {
        for l in Letter.all {
            guard let item = inventory[l] else { continue }
            switch catalog.items[item.kind].category {
            case .staff: inventory[l]!.charges = max(item.charges, item.enchant)
            case .charm: inventory[l]!.charges = 1
            default: continue
            }
            inventory[l]!.rechargeIn = 0
        }
    }
}
