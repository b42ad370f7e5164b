/// What a bolt does to the monster it hits: one rule per `BoltEffect`, reading the bolt's
/// parameters and the caster's power.
extension Game {
    mutating func hit(_ j: Int, with bolt: BoltKind, power: Int, _ events: inout [GameEvent]) {
        let name = seenName(of: monsters[j])
        let seen = canSee(monsters[j])
        func say(_ text: String, _ kind: MessageKind = .info) { if seen { events.append(.message(text, kind)) } }
        let timed = max(1, bolt.turns * power)
        if bolt.effect.angers { provoke(j) }
        switch bolt.effect {
        case .damage:
            guard let d = bolt.damage else { return }
            let roll = rng.clumped(d.min...max(d.min, d.max), clump: max(1, d.clump))
            hurt(j, by: max(1, roll * power / 2), with: bolt.name, &events)
        case .poison:
            monsters[j].status.poisoned += timed
            say("The \(name) looks very sick.", .combat)
        case .entrance:
            monsters[j].status.entranced = max(monsters[j].status.entranced, timed)
            say("The \(name) is entranced!", .good)
        case .discord:
            monsters[j].status.discordant = max(monsters[j].status.discordant, timed)
            say("The \(name) turns on its companions!", .good)
        case .heal:
            monsters[j].hp = min(monsters[j].maxHP, monsters[j].hp + max(1, monsters[j].maxHP * bolt.amount * power / 100))
            say("The \(name) looks healthier.")
        case .haste:
            monsters[j].status.hasted = max(monsters[j].status.hasted, timed)
            monsters[j].status.slowed = 0
            say("The \(name) speeds up.")
        case .slow:
            monsters[j].status.slowed = max(monsters[j].status.slowed, timed)
            monsters[j].status.hasted = 0
            say("The \(name) slows down.", .good)
        case .protect:
            monsters[j].status.shield = max(monsters[j].status.shield, bolt.amount * power)
            monsters[j].status.shielded = max(monsters[j].status.shielded, max(1, bolt.turns))
            say("A shimmering shield surrounds the \(name).")
        case .invisibility:
            monsters[j].status.invisible = max(monsters[j].status.invisible, timed)
            say("The \(name) vanishes!")
        case .empower:
            let more = max(1, monsters[j].maxHP / 10)
            monsters[j].empowerment += 1
            monsters[j].maxHP += more
            monsters[j].hp += more
            say("The \(name) looks stronger!", .good)
        case .teleportOther:
            if let p = randomOpenCell(awayFrom: player.position) {
                monsters[j].position = p
                say("The \(name) disappears!", .good)
            }
        case .polymorph: polymorph(j, &events)
        case .negate: negate(j, &events)
        case .dominate: dominate(j, power: power, &events)
        case .beckon: beckon(j)
        case .plenty: split(j, &events)
        case .frighten: frighten(j, turns: timed, &events)
        case .tunnel, .blink, .obstruct, .conjure: break
        }
    }

    /// Wakes a monster a harmful bolt hit and sets it on the player; allies and captives keep their state.
    private mutating func provoke(_ j: Int) {
        switch monsters[j].state {
        case .sleeping, .wandering: monsters[j].state = .hunting
        case .dormant:
            monsters[j].state = .hunting
            monsters[j].machine = 0
        default: break
        }
    }

    /// Bolt damage to monster `j`, through its shield; the player gets the experience for a kill.
    private mutating func hurt(_ j: Int, by damage: Int, with what: String, _ events: inout [GameEvent]) {
        let kind = catalog.monsters[monsters[j].kind]
        guard !kind.flags.contains(.invulnerable) else {
            events.append(.message("The \(what) glances off the \(seenName(of: monsters[j])) harmlessly.", .combat))
            return
        }
        let through = absorbed(damage, by: j)
        monsters[j].hp -= through
        events.append(.attacked(attacker: player.id, defender: monsters[j].id, damage: through, hit: true))
        if monsters[j].hp <= 0 {
            killMonster(j, &events)
        } else {
            events.append(.message("The \(what) hits the \(seenName(of: monsters[j])).", .combat))
        }
    }

    private mutating func polymorph(_ j: Int, _ events: inout [GameEvent]) {
        let old = monsters[j].kind
        let choices = catalog.monsters.indices.filter { $0 != old && !catalog.monsters[$0].flags.contains(.invulnerable) }
        guard let new = rng.pick(choices) else { return }
        let share = max(1, monsters[j].hp * 100 / max(1, monsters[j].maxHP))
        monsters[j].kind = new
        monsters[j].maxHP = catalog.monsters[new].hp
        monsters[j].hp = max(1, catalog.monsters[new].hp * share / 100)
        monsters[j].empowerment = 0
        if canSee(monsters[j]) {
            events.append(
                .message("The \(catalog.monsters[old].name) turns into \(article(catalog.monsters[new].name)) \(catalog.monsters[new].name)!", .info)
            )
        }
    }

    mutating func negate(_ j: Int, _ events: inout [GameEvent]) {
        let name = seenName(of: monsters[j])
        if monsters[j].lifespan > 0 {
            vanish(j, &events)
            return
        }
        var s = monsters[j].status
        (s.hasted, s.slowed, s.entranced, s.discordant, s.invisible, s.shielded, s.shield) = (0, 0, 0, 0, 0, 0, 0)
        s.frightened = 0
        monsters[j].status = s
        if canSee(monsters[j]) { events.append(.message("The \(name) is stripped of its magic.", .info)) }
    }

    /// Always below a fifth of its hit points; otherwise with a chance of 100 less its percentage of hit points.
    private mutating func dominate(_ j: Int, power: Int, _ events: inout [GameEvent]) {
        let m = monsters[j]
        let kind = catalog.monsters[m.kind]
        let percent = m.hp * 100 / max(1, m.maxHP)
        let chance = kind.flags.contains(.invulnerable) ? 0 : m.hp * 5 < m.maxHP ? 100 : 100 - percent
        guard rng.percent(chance) else {
            provoke(j)
            events.append(.message("The \(kind.name) resists your will.", .info))
            return
        }
        monsters[j].state = .ally
        monsters[j].machine = 0
        monsters[j].status.discordant = 0
        monsters[j].status.entranced = 0
        events.append(.message("The \(kind.name) is bound to your will.", .good))
    }

    /// Pulls monster `j` along the line toward the player, as far as the cells beside it.
    private mutating func beckon(_ j: Int) {
        let from = monsters[j].position
        var at = from
        for p in Self.line(from: from, to: player.position, maxLength: from.distance(to: player.position)) {
            guard p != player.position, level.isPassable(p), monsterWillEnter(p), creature(at: p) == nil else { break }
            at = p
        }
        monsters[j].position = at
    }

    /// A copy of monster `j` appears beside it; the two share its hit points.
    mutating func split(_ j: Int, _ events: inout [GameEvent]) {
        let at = monsters[j].position
        guard
            let d = Direction.allCases.first(where: {
                let p = at + $0.offset
                return level.canStep(from: at, $0) && creature(at: p) == nil && monsterWillEnter(p)
            })
        else { return }
        var copy = Creature(id: nextCreatureID, kind: monsters[j].kind, position: at + d.offset, hp: monsters[j].hp, state: monsters[j].state)
        nextCreatureID += 1
        monsters[j].hp = max(1, monsters[j].hp / 2)
        copy.hp = monsters[j].hp
        copy.maxHP = monsters[j].maxHP
        copy.status = monsters[j].status
        copy.empowerment = monsters[j].empowerment
        copy.lifespan = monsters[j].lifespan
        copy.ticksUntilTurn = 100
        monsters.append(copy)
        let name = catalog.monsters[copy.kind].name
        if canSee(copy) { events.append(.message("The \(name) splits in two!", .bad)) }
    }
}

extension BoltEffect {
    /// Whether the rule harms its target, so a sleeping or wandering monster it hits turns on the player.
    var angers: Bool {
        switch self {
        case .damage, .poison, .slow, .polymorph, .negate, .beckon, .teleportOther, .discord, .frighten: true
        default: false
        }
    }
}
