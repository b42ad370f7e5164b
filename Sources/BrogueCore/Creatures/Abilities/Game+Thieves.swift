/// Thieves and what monsters leave behind: `steals`, `carries-item`, `dies-into` and `bursts`.
extension Game {
    /// Monster `i` hit the player: a thief with empty hands takes an unequipped item instead of
    /// hurting and flees with it. Returns whether it stole.
    mutating func steal(by i: Int, _ events: inout [GameEvent]) -> Bool {
        let kind = catalog.monsters[monsters[i].kind]
        guard let ability = kind.ability(.steals), monsters[i].carried == nil else { return false }
        let loot = inventory.letters.filter { l in
            l != inventory.weapon && l != inventory.armor && catalog.items[inventory[l]!.kind].category != .amulet
        }
        guard !loot.isEmpty, rng.percent(ability.chance), let letter = rng.pick(loot), let item = inventory.take(letter) else { return false }
        monsters[i].carried = item
        monsters[i].state = .fleeing
        events.append(.message("The \(kind.name) snatches \(displayName(item)) and runs!", .bad))
        return true
    }

    /// Whether monster `m` flees whatever its hit points: a frightened one while its fear lasts, and a
    /// thief with its loot for good.
    func keepsFleeing(_ m: Creature) -> Bool {
        m.status.frightened > 0 || (m.carried != nil && catalog.monsters[m.kind].ability(.steals) != nil)
    }

    /// A monster is being placed on a new level: a carrier may start with an item of the depth.
    mutating func equipCarrier(_ m: inout Creature) {
        guard let ability = catalog.monsters[m.kind].ability(.carriesItem), rng.percent(ability.chance) else { return }
        m.carried = randomItem()
    }

    /// Monster `i`, just dead at `at`, drops what it carried and turns into what its kind dies into.
    mutating func leaveRemains(of i: Int, at: Point, _ events: inout [GameEvent]) {
        leaveBody(of: i, at: at)
        if let item = monsters[i].carried {
            monsters[i].carried = nil
            dropNear(item, at)
            if visible[at] { events.append(.message("The \(catalog.monsters[monsters[i].kind].name) drops \(displayName(item)).", .info)) }
        }
        burst(catalog.monsters[monsters[i].kind], at: at, &events)
        guard let ability = catalog.monsters[monsters[i].kind].ability(.diesInto),
            let kind = ability.monster.flatMap({ catalog.monsterIndexByID[$0] })
        else { return }
        for _ in 0..<rng.int(in: ability.count) {
            let p = freeCell(near: at)
            guard monsterIndex(at: p) == nil, p != player.position else { break }
            var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: catalog.monsters[kind].hp, state: .hunting)
            m.ticksUntilTurn = 100
            nextCreatureID += 1
            monsters.append(m)
        }
    }
}
