/// Allies that learn: a fallen monster whose kind lists something `learnable` leaves its remains,
/// and an ally that spends `absorbTurns` beside them learns one trait or ability from them.
extension Game {
    /// Turns an ally spends beside remains before it has absorbed them.
    static let absorbTurns = 5
    /// Turns remains lie before they are of no more use.
    static let remainsTurns = 20

    /// The flags monster `c` has: its kind's and those it learned.
    func traits(of c: Creature) -> MonsterFlags { catalog.monsters[c.kind].flags.union(c.learnedFlags) }

    /// Monster `c`'s abilities: its kind's, then those it learned (the indices `.useAbility` takes).
    func abilities(of c: Creature) -> [MonsterAbility] {
        let own = catalog.monsters[c.kind].abilities
        return c.learnedAbilities.isEmpty ? own : own + c.learnedAbilities
    }

    /// Leaves monster `i`'s remains at `at` when there is something to learn from them. Conjured
    /// creatures leave none: they fade.
    mutating func leaveBody(of i: Int, at: Point) {
        let m = monsters[i]
        guard !catalog.monsters[m.kind].learnable.isEmpty, m.lifespan == 0, level.contains(at) else { return }
        level.remains.append(Remains(position: at, kind: m.kind, turnsLeft: Self.remainsTurns))
    }

    /// One turn of wasting away for the level's remains.
    mutating func remainsTurn() {
        guard !level.remains.isEmpty else { return }
        for r in level.remains.indices { level.remains[r].turnsLeft -= 1 }
        level.remains.removeAll { $0.turnsLeft <= 0 }
    }

    /// What ally `c` could still learn from remains of `kind`, in content's order.
    func lessons(for c: Creature, from kind: Int) -> [String] {
        let k = catalog.monsters[kind]
        let known = traits(of: c)
        let abilities = abilities(of: c)
        return k.learnable.filter { name in
            if let flag = MonsterFlags.names.first(where: { $0.0 == name })?.1 { return !known.contains(flag) }
            return !abilities.contains { $0.rule.rawValue == name }
        }
    }

    /// The index in `level.remains` of the nearest remains within `radius` steps of ally `i` that
    /// could teach it something (the oldest first among the nearest).
    func teachingRemains(near i: Int, radius: Int) -> Int? {
        let me = monsters[i]
        var best: (index: Int, distance: Int)?
        for (r, remains) in level.remains.enumerated() {
            let d = remains.position.distance(to: me.position)
            guard d <= radius, best.map({ d < $0.distance }) ?? true, !lessons(for: me, from: remains.kind).isEmpty else { continue }
            best = (r, d)
        }
        return best?.index
    }

    /// Ally `i` spends a turn absorbing remains `r` beside it; after `absorbTurns` it learns one of
    /// their lessons, drawn at random, and the remains are used up.
    mutating func absorb(_ i: Int, remains r: Int, _ events: inout [GameEvent]) {
        let remains = level.remains[r]
        let name = catalog.monsters[monsters[i].kind].name
        let fallen = catalog.monsters[remains.kind]
        if monsters[i].absorbing == 0, canSee(monsters[i]) {
            events.append(.message("The \(name) begins to absorb the fallen \(fallen.name).", .info))
        }
        monsters[i].absorbing += 1
        guard monsters[i].absorbing >= Self.absorbTurns else { return }
        monsters[i].absorbing = 0
        level.remains.remove(at: r)
        let choices = lessons(for: monsters[i], from: remains.kind)
        guard let lesson = rng.pick(choices) else { return }
        var learned = "its trait: \(lesson)"
        if let flag = MonsterFlags.names.first(where: { $0.0 == lesson })?.1 {
            monsters[i].learnedFlags.insert(flag)
        } else if let ability = fallen.abilities.first(where: { $0.rule.rawValue == lesson }) {
            monsters[i].learnedAbilities.append(ability)
            learned = describe(ability)
        }
        events.append(.message("The \(name) absorbs the fallen \(fallen.name) and learns \(learned).", .good))
    }

    /// How messages and the ally screen name an ability: "to cast spark", "to summon spectral blades".
    public func describe(_ ability: MonsterAbility) -> String {
        switch ability.rule {
        case .castsBolt: "to cast \(ability.bolt.flatMap { catalog.boltIndexByID[$0] }.map { catalog.bolts[$0].name } ?? "bolts")"
        case .summons:
            "to summon \(ability.monster.flatMap { catalog.monsterIndexByID[$0] }.map { Self.plural(catalog.monsters[$0].name) } ?? "help")"
        default: ability.rule.rawValue
        }
    }
}
