/// Carrying out what a behaviour decided: one way for the built-in behaviours and plugins' alike.
extension Game {
    /// Asks `behaviour` what monster `i` does and carries it out.
    /// - Returns: the ticks the turn took, or nil when the behaviour handed the turn on.
    mutating func act(_ behaviour: any MonsterBehaviour, _ i: Int, _ events: inout [GameEvent]) -> Int? {
        carryOut(behaviour.intent(monster: i, game: &self, events: &events), by: i, &events)
    }

    /// Carries out monster `i`'s intent.
    /// - Returns: the ticks the turn took, or nil to let the next behaviour decide (`.defaultAI`,
    ///   and `.flee` once the monster is fleeing).
    mutating func carryOut(_ intent: MonsterIntent, by i: Int, _ events: inout [GameEvent]) -> Int? {
        // A behaviour may have harmed its own monster through the game's actions.
        guard monsters.indices.contains(i), monsters[i].hp > 0 else { return 100 }
        let kind = catalog.monsters[monsters[i].kind]
        let pos = monsters[i].position
        switch intent {
        case .defaultAI: return nil
        case .wait: return 100
        case .flee:
            monsters[i].state = .fleeing
            return nil
        case .move(let toward):
            let d = toward - pos
            guard !kind.flags.contains(.immobile), let dir = Direction(delta: Point(d.x.signum(), d.y.signum())) else { return 100 }
            let to = pos + dir.offset
            guard level.canStep(from: pos, dir), creature(at: to) == nil, machineAllows(i, to), habitatAllows(i, to), monsterWillEnter(to) else {
                return 100
            }
            monsters[i].position = to
            monsterEnteredCell(i, &events)
            return kind.movementDuration
        case .step(let dir), .stumble(let dir):
            let voluntary = if case .step = intent { true } else { false }
            guard !kind.flags.contains(.immobile), stepMonster(i, dir, voluntary: voluntary, &events) else { return 100 }
            return kind.movementDuration
        case .attack(let at):
            surface(i)
            guard let dir = Direction(delta: at - pos), level.canStep(from: pos, dir) else { return 100 }
            switch creature(at: at) {
            case .player: monsterAttack(i, &events)
            case .monster(let j): monsterAttack(i, monster: j, &events)
            case nil: return 100
            }
            if traits(of: monsters[i]).contains(.attacksAllAdjacent) { sweep(i, besides: at, &events) }
            afterAttack(i)
            return kind.attackDuration
        case .useAbility(let a, let at):
            let all = abilities(of: monsters[i])
            guard all.indices.contains(a) else { return 100 }
            return useAbility(all[a], by: i, at: at, &events)
        }
    }
}
