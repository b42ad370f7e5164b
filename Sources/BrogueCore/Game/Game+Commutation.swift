/// Commutation altars: two altars in one machine that trade the enchantments of the items laid
/// on them, once (Brogue's way to move a good enchantment onto the gear one wants to keep).
extension Game {
    /// The categories whose enchantment an altar can move: the others have none worth the name.
    static let commutable: Set<ItemCategory> = [.weapon, .armor, .ring, .charm]

    /// The player just laid an item at `p`: on a commutation altar whose twin holds an item too,
    /// the two trade enchantments and the machine fires (its altars are spent).
    mutating func commute(at p: Point, _ events: inout [GameEvent]) {
        guard level.has(.commutes, at: p), let here = level.itemIndex(at: p) else { return }
        let n = Int(level.machineAt[p])
        guard n > 0, n <= level.machines.count, !level.machines[n - 1].fired else { return }
        let twin = level.items.indices.first { i in
            i != here && level.has(.commutes, at: level.items[i].position) && Int(level.machineAt[level.items[i].position]) == n
        }
        guard let there = twin else { return }
        let (a, b) = (level.items[here].item, level.items[there].item)
        guard Self.commutable.contains(catalog.items[a.kind].category), Self.commutable.contains(catalog.items[b.kind].category) else {
            events.append(.message("The altars stay dark: only weapons, armor, rings and charms can trade their power.", .info))
            return
        }
        level.items[here].item.enchant = b.enchant
        level.items[there].item.enchant = a.enchant
        events.append(.message("The altars flare: \(displayName(a)) and \(displayName(b)) trade their power.", .good))
        fireMachine(n, from: nil, &events)
    }
}
