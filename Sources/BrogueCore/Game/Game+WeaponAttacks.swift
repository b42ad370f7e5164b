/// The blows of weapons that strike more than one monster (axes sweep, spears pierce, sickles cut an
/// arc), strike slowly (maces, war hammers) or lunge (rapiers). Each is one rule, used by whatever
/// weapon names it in its `attack`.
extension Game {
    /// The player strikes monster `i`, which stands one step `dir` away, as the wielded weapon strikes.
    /// - Returns: the ticks the attack took.
    mutating func strike(_ i: Int, toward dir: Direction, _ events: inout [GameEvent]) -> Int {
        let attack = wieldedAttack
        let others = player.status.frightened > 0 ? [] : alsoStruck(by: attack, beside: i, toward: dir)
        if !others.isEmpty, let verb = attack.strikeVerb {
            let names = ([monsters[i]] + others.compactMap { id in monsters.first { $0.id == id } }).map { "the \(seenName(of: $0))" }
            events.append(.message("You \(verb) \(Game.listed(names)).", .combat))
        }
        let ticks = playerAttack(i, &events)
        for id in others where outcome == .playing {
            guard let j = monsters.firstIndex(where: { $0.id == id && $0.hp > 0 }) else { continue }
            playerAttack(j, &events)
        }
        return attack == .slow ? ticks * WeaponAttack.slowFactor : ticks
    }

    /// The ids of the monsters a blow on monster `i` strikes besides it, in the order they are struck.
    private func alsoStruck(by attack: WeaponAttack, beside i: Int, toward dir: Direction) -> [Int] {
        let target = monsters[i].position
        let cells: [Point]
        switch attack {
        case .sweep:
            cells = Direction.clockwise.compactMap { d in
                let p = player.position + d.offset
                return p != target && level.canStep(from: player.position, d) ? p : nil
            }
        case .pierce:
            cells = level.canStep(from: target, dir) ? [target + dir.offset] : []
        case .arc:
            cells = dir.beside.compactMap { d in level.canStep(from: player.position, d) ? player.position + d.offset : nil }
        default:
            cells = []
        }
        return cells.compactMap { p in
            guard let j = monsterIndex(at: p), monsters[j].hp > 0, monsters[j].isHostile, !monsters[j].submerged else { return nil }
            return monsters[j].id
        }
    }

    /// The monster a rapier lunges at when the player steps `dir` to a free cell: a hostile one the
    /// player sees, standing on the next cell that way, reachable from where the step ends.
    func lungeTarget(_ dir: Direction) -> Int? {
        guard wieldedAttack == .lunge, player.status.frightened == 0 else { return nil }
        let to = player.position + dir.offset
        guard level.canStep(from: player.position, dir), monsterIndex(at: to) == nil, level.canStep(from: to, dir),
            let j = monsterIndex(at: to + dir.offset), monsters[j].hp > 0, monsters[j].isHostile, !monsters[j].submerged, canSee(monsters[j])
        else { return nil }
        return monsters[j].id
    }

    /// Finishes a lunge after the step: the monster `id` is struck if it still stands one step `dir`
    /// ahead (the step may have ended elsewhere: a trap door, a teleporting glyph).
    /// - Returns: the ticks the lunge took, or nil when there was none.
    mutating func lunge(at id: Int, toward dir: Direction, _ events: inout [GameEvent]) -> Int? {
        guard outcome == .playing,
            let j = monsters.firstIndex(where: { $0.id == id && $0.hp > 0 && $0.position == player.position + dir.offset })
        else { return nil }
        events.append(.message("You lunge at the \(seenName(of: monsters[j]))!", .combat))
        return playerAttack(j, lunge: true, &events)
    }

    /// "the A", "the A and the B", "the A, the B and the C".
    static func listed(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

extension WeaponAttack {
    /// What the message says the wielder does when a blow strikes more than one monster.
    var strikeVerb: String? {
        switch self {
        case .sweep: "sweep through"
        case .pierce: "skewer"
        case .arc: "cut through"
        default: nil
        }
    }
}

extension Direction {
    /// The eight directions in turn round the compass, north first.
    static let clockwise: [Direction] = [.north, .northEast, .east, .southEast, .south, .southWest, .west, .northWest]

    /// The two directions either side of this one: their cells are beside both the origin and this
    /// direction's cell.
    var beside: [Direction] {
        let k = Direction.clockwise.firstIndex(of: self)!
        return [Direction.clockwise[(k + 7) % 8], Direction.clockwise[(k + 1) % 8]]
    }
}
