/// Magic that lasts: staffs and charms regaining charges, worn rings, conjured creatures fading, shields, empowerment,
/// and entranced monsters copying the player's steps.
extension Game {
    /// One environment turn of lasting magic.
    mutating func magicTurn(_ events: inout [GameEvent]) {
        advanceRecharges(by: 1, &events)
        revealWornEnchantments(&events)
        if !inventory.rings.isEmpty { ringTurn(&events) }
        for i in monsters.indices where monsters[i].hp > 0 && monsters[i].lifespan > 0 {
            monsters[i].lifespan -= 1
            if monsters[i].lifespan == 0 { vanish(i, &events) }
        }
    }

    /// A conjured creature fades away (no experience).
    mutating func vanish(_ i: Int, _ events: inout [GameEvent]) {
        if canSee(monsters[i]) { events.append(.message("The \(catalog.monsters[monsters[i].kind].name) fades away.", .info)) }
        hazardKill(i, &events)
    }

    /// Takes `damage` off monster `i`'s shield first; returns what gets through.
    mutating func absorbed(_ damage: Int, by i: Int) -> Int {
        let soaked = min(damage, monsters[i].status.shield)
        monsters[i].status.shield -= soaked
        return damage - soaked
    }

    /// A monster's hit chance against defense 0: its kind's, plus 10 a level of empowerment.
    func accuracy(of m: Creature) -> Int { catalog.monsters[m.kind].accuracy + 10 * m.empowerment }

    /// A monster's defense: its kind's, plus 10 a level of empowerment.
    func defense(of m: Creature) -> Int { catalog.monsters[m.kind].defense + 10 * m.empowerment }

    /// The player stepped in `dir`: every entranced monster takes the same step if it can, into a
    /// hazard too (it does not choose where it goes).
    mutating func mirrorEntranced(_ dir: Direction, _ events: inout [GameEvent]) {
        for i in monsters.indices where monsters[i].hp > 0 && monsters[i].status.entranced > 0 {
            _ = stepMonster(i, dir, voluntary: false, &events)
        }
    }
}
