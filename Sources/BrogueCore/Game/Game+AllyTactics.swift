/// What allies weigh on their turn: how hurt they are, where their foes stand, which of their
/// abilities a foe in reach calls for.
extension Game {
    /// Below a third of its hit points an ally stops fighting and runs from its foes.
    func isBadlyHurt(_ c: Creature) -> Bool { c.hp * 3 < c.maxHP }

    /// The foes of monster `i` that are about: awake or not, above water, on this level.
    private func foes(of i: Int) -> [Creature] {
        let me = monsters[i]
        return monsters.filter { $0.id != me.id && $0.hp > 0 && !$0.submerged && isFoe(me, $0) }
    }

    /// Steps from `p` to the nearest hostile monster (Int.max when there is none).
    func nearestFoeDistance(from p: Point) -> Int {
        monsters.lazy.filter { self.isHostile($0) && !$0.submerged }.map { $0.position.distance(to: p) }.min() ?? Int.max
    }

    /// The step that takes ally `i` farthest from its nearest foe within 3 steps, when one does;
    /// directions are tried in a fixed order, the first of equals wins.
    func fleeStep(for i: Int) -> Direction? {
        let near = foes(of: i).filter { $0.position.distance(to: monsters[i].position) <= 3 }
        guard !near.isEmpty else { return nil }
        func safety(_ p: Point) -> Int { near.map { $0.position.distance(to: p) }.min() ?? Int.max }
        var best: (dir: Direction, safety: Int)?
        let here = safety(monsters[i].position)
        for dir in Direction.allCases where monsterCanStep(i, dir) {
            let s = safety(monsters[i].position + dir.offset)
            if s > here && s > (best?.safety ?? Int.min) { best = (dir, s) }
        }
        return best?.dir
    }

    /// The ability ally `i` uses this turn, if any: a harmful bolt at the nearest foe in reach and
    /// line of fire, a helpful one at a friend who needs it, a summons while a foe is within 7 steps.
    mutating func allyAbility(_ i: Int) -> MonsterIntent? {
        let me = monsters[i]
        guard !me.submerged, me.status.discordant == 0 else { return nil }
        for (a, ability) in abilities(of: me).enumerated() {
            switch ability.rule {
            case .castsBolt:
                guard let b = ability.bolt.flatMap({ catalog.boltIndexByID[$0] }) else { continue }
                let target = catalog.bolts[b].effect.isHelpful ? boltTarget(for: i, ability) : foeInLine(of: i, within: ability.range)
                if let target, rng.percent(ability.chance) { return .useAbility(a, at: target) }
            case .summons:
                guard !hasLivingSummons(i), nearestFoeDistance(from: me.position) <= 7, rng.percent(ability.chance) else { continue }
                return .useAbility(a, at: me.position)
            case .steals, .diesInto, .carriesItem, .bursts: continue
            }
        }
        return nil
    }

    /// The nearest foe of monster `i` within `range` steps with a clear line of fire to it.
    private func foeInLine(of i: Int, within range: Int) -> Point? {
        let from = monsters[i].position
        let inReach = foes(of: i).filter { $0.state != .dormant && $0.position.distance(to: from) <= range }
        let nearest = inReach.sorted { a, b in
            let (da, db) = (a.position.distance(to: from), b.position.distance(to: from))
            return da != db ? da < db : a.id < b.id
        }
        return nearest.first { lineOfFire(from: from, to: $0.position) }?.position
    }
}
