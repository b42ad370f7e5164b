/// Captives: shackled monsters in vaults and at the head of captive hordes, freed by the
/// player's work over `PlayerKind.freeingTurns` turns (walking into one is a turn of it).
extension Game {
    /// The player spends a turn on captive `i`'s shackles; once the work is done it is freed and
    /// joins the player. The work done stays on the captive when the player stops.
    mutating func freeCaptive(_ i: Int, _ events: inout [GameEvent]) {
        let name = catalog.monsters[monsters[i].kind].name
        let needed = max(1, catalog.player.freeingTurns)
        monsters[i].freeing += 1
        guard monsters[i].freeing >= needed else {
            events.append(.message("You work at the \(name)'s shackles (\(monsters[i].freeing)/\(needed)).", .info))
            return
        }
        monsters[i].freeing = 0
        monsters[i].state = .ally
        monsters[i].machine = 0
        events.append(.message("You free the \(name) from its shackles. It joins you.", .good))
    }

    /// Turns of work left on a captive's shackles.
    public func freeingTurnsLeft(_ m: Creature) -> Int { max(1, catalog.player.freeingTurns) - m.freeing }

    /// The state of a new horde member: a captive horde's first is shackled, the rest (its captors)
    /// sleep or wander as any horde does.
    func captiveHordeState(_ entry: SpawnEntry, placed: Int) -> MonsterState? { entry.captive && placed == 0 ? .captive : nil }
}
