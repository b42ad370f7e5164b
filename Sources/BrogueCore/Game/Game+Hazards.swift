/// Hazards and traps: what happens when a creature steps into lava, a chasm, fire, brimstone or
/// a trap, and what burns or poisons it as turns pass.
///
/// The rest of the rules call in from a few hooks: a step taken (`playerEnteredCell`,
/// `monsterEnteredCell`), an environment turn (`hazardTurn`), a thrown item coming down
/// (`land`). Monsters never choose a hazard: their maps treat hazards as walls and a chosen step
/// onto one is refused, so only a confused stumble takes them in. The player's travel and
/// exploration avoid every hazard the player can see; a plain move into one is allowed (front
/// ends ask first, with `hazardWarning(for:)`).
extension Game {
    /// Damage of a fall to the next depth.
    static let fallDamage = DamageRange(min: 3, max: 7, clump: 2)
    /// Turns of paralysis or confusion from a trap's gas, and of poison from caustic gas.
    static let trapGasTurns = 10
    /// Damage of flames when the terrain gives none.
    static let defaultBurn = DamageRange(min: 3, max: 6)

    /// Whether the player can tell that `p` is a hazard: it has a hazard flag and is not hidden.
    public func isKnownHazard(_ p: Point) -> Bool {
        let f = level.flags[p]
        return !f.isDisjoint(with: .hazards) && !f.contains(.isSecret)
    }

    /// A question for the player before a move in `dir`, when the move leads into a hazard the
    /// player can see (or, confused, may stumble into one); nil when it is safe as far as the
    /// player knows. The rules never refuse such a move: a front end asks and sends it only
    /// when the player confirms.
    public func hazardWarning(for dir: Direction) -> String? {
        let here = player.position
        if player.status.confused > 0 {
            for d in Direction.allCases where level.canStep(from: here, d) {
                let p = here + d.offset
                guard isKnown(p), !level.has(.isSecret, at: p), monsterIndex(at: p) == nil,
                    let kind = hazardKind(at: p, [.lethalFire, .autoDescent])
                else { continue }
                return "You are confused. Risk stumbling into \(kind.name)?"
            }
        }
        let to = here + dir.offset
        guard level.canStep(from: here, dir), isKnown(to), isKnownHazard(to), monsterIndex(at: to) == nil,
            let kind = hazardKind(at: to, .hazards)
        else { return nil }
        return "Really step \(kind.flags.contains(.isTrap) ? "onto" : "into") \(kind.name)?"
    }

    /// The topmost terrain at `p` with any of `flags`.
    func hazardKind(at p: Point, _ flags: TerrainFlags) -> TerrainKind? {
        hazardLayer(at: p, flags).map { catalog.terrains[$0.kind] }
    }

    private func hazardLayer(at p: Point, _ flags: TerrainFlags) -> (layer: TerrainLayer, kind: Int)? {
        for layer in TerrainLayer.allCases.reversed() {
            if let t = level.terrain(layer, at: p), !catalog.terrains[t].flags.isDisjoint(with: flags) { return (layer, t) }
        }
        return nil
    }

    // MARK: - Stepping in

    /// The player has just stepped onto its cell: brimstone flares, traps spring, lava burns,
    /// chasms drop it a depth.
    mutating func playerEnteredCell(_ events: inout [GameEvent]) {
        let p = player.position
        guard !level.flags[p].isDisjoint(with: .hazards), player.status.levitating == 0 else { return }
        if level.flags[p].contains(.promotesOnStep) { promote(at: p) }
        if level.flags[p].contains(.firesOnStep) {
            let here = depth
            steppedOnPlate(at: p, by: nil, &events)
            // The floor gave way under the plate: the fall has been taken.
            guard depth == here, outcome == .playing, player.position == p else { return }
        }
        let f = level.flags[p]
        if f.contains(.isTrap) {
            springTrap(at: p, by: nil, &events)
            guard outcome == .playing else { return }
        }
        if f.contains(.lethalFire), let kind = hazardKind(at: p, .lethalFire), !playerIsFireproof(&events) {
            events.append(.message("You are consumed by \(kind.name)!", .bad))
            die(cause: "burned to death by \(kind.name)", &events)
            return
        }
        if f.contains(.autoDescent) { playerFalls(&events) }
    }

    /// The player drops to the next depth, lands on a random safe cell and is hurt by the fall.
    /// Nothing falls from the deepest level (the generator puts no chasm there).
    mutating func playerFalls(_ events: inout [GameEvent]) {
        guard depth < catalog.deepestLevel else { return }
        events.append(.message("You plunge downward!", .bad))
        changeDepth(depth + 1, arriving: .fall, &events)
        let d = Self.fallDamage
        let damage = rng.clumped(d.min...d.max, clump: d.clump)
        player.hp -= damage
        events.append(.message("You are hurt by the fall.", .bad))
        if player.hp <= 0 { die(cause: "killed by a fall", &events) }
    }

    /// Monster `i` has just stepped onto its cell. Flying creatures spring nothing and do not
    /// fall; fire-immune ones walk through lava and fire.
    mutating func monsterEnteredCell(_ i: Int, _ events: inout [GameEvent]) {
        let p = monsters[i].position
        guard !level.flags[p].isDisjoint(with: .hazards) else { return }
        let kind = catalog.monsters[monsters[i].kind]
        let flies = traits(of: monsters[i]).contains(.flies)
        let fireproof = traits(of: monsters[i]).contains(.fireImmune)
        if !flies && level.flags[p].contains(.promotesOnStep) { promote(at: p) }
        if !flies && level.flags[p].contains(.firesOnStep) { steppedOnPlate(at: p, by: i, &events) }
        let f = level.flags[p]
        if !flies && f.contains(.isTrap) {
            springTrap(at: p, by: i, &events)
            guard outcome == .playing, monsters[i].hp > 0 else { return }
        }
        if f.contains(.lethalFire) && !flies && !fireproof, let lava = hazardKind(at: p, .lethalFire) {
            if canSee(monsters[i]) { events.append(.message("The \(kind.name) is consumed by \(lava.name)!", .info)) }
            hazardKill(i, &events)
            return
        }
        if f.contains(.autoDescent) && !flies && depth < catalog.deepestLevel {
            if canSee(monsters[i]) { events.append(.message("The \(kind.name) plunges out of sight!", .info)) }
            // Gone from this level; the scheduler sweeps it with the dead.
            monsters[i].hp = 0
            monsters[i].position = Point(-1, -1)
        }
    }

    /// Whether a monster will choose to step onto `p`: never onto a hazard.
    func monsterWillEnter(_ p: Point) -> Bool { level.flags[p].isDisjoint(with: .hazards) }

    /// Monster `i` dies of a hazard: no experience for the player.
    mutating func hazardKill(_ i: Int, _ events: inout [GameEvent]) {
        let m = monsters[i]
        monsters[i].hp = min(m.hp, 0)
        monsters[i].position = Point(-1, -1)
        events.append(.died(creature: m.id, kind: m.kind))
        leaveRemains(of: i, at: m.position, &events)
    }

    // MARK: - Traps

    /// Springs the trap at `p`, stepped on by monster `monster` or (nil) the player. A hidden
    /// trap is revealed when the player steps on it or sees it spring.
    mutating func springTrap(at p: Point, by monster: Int?, _ events: inout [GameEvent]) {
        guard let (layer, t) = hazardLayer(at: p, .isTrap) else { return }
        var kind = catalog.terrains[t]
        let witnessed = monster == nil || visible[p]
        if kind.flags.contains(.isSecret), witnessed, let shown = kind.discoverAs.flatMap({ catalog.terrainIndexByID[$0] }) {
            setHazardTerrain(shown, layer: layer, at: p)
            level.discovered[p] = true
            kind = catalog.terrains[shown]
        }
        if witnessed {
            let who = monster.map { "The \(catalog.monsters[monsters[$0].kind].name) steps" } ?? "You step"
            events.append(.message("\(who) on \(kind.name)!", .bad))
        }
        guard let effect = catalog.terrains[t].trap else { return }
        switch effect {
        case .paralysis:
            if witnessed { events.append(.message("Paralytic gas sprays from vents in the floor!", .bad)) }
            affect(within: 2, of: p, &events) { $0.paralyzed = max($0.paralyzed, Self.trapGasTurns) }
            if breathes(p, 2) { events.append(.message("You are paralyzed!", .bad)) }
        case .poison:
            if witnessed { events.append(.message("Caustic gas billows up from the floor!", .bad)) }
            let before = player.status.poisoned
            affect(within: 1, of: p, &events) { $0.poisoned += Self.trapGasTurns }
            if player.status.poisoned > before { events.append(.message("You feel very sick.", .bad)) }
        case .confusion:
            if witnessed { events.append(.message("A cloud of shimmering gas bursts from the floor!", .bad)) }
            affect(within: 2, of: p, &events) { $0.confused = max($0.confused, Self.trapGasTurns) }
            if breathes(p, 2) { events.append(.message("You feel confused.", .bad)) }
        case .alarm:
            events.append(.message("A loud alarm rings out across the level!", .warning))
            for i in monsters.indices where monsters[i].hp > 0 && monsters[i].state != .fleeing {
                monsters[i].state = .hunting
                monsters[i].turnsSinceSeen = 0
            }
        case .fire:
            if witnessed { events.append(.message("Flames burst out of the floor!", .bad)) }
            let d = catalog.terrains[t].damage ?? kind.damage ?? Self.defaultBurn
            for i in monsters.indices where monsters[i].hp > 0 && reaches(p, monsters[i].position, 1) {
                burn(monster: i, d, &events)
            }
            if reaches(p, player.position, 1) { burnPlayer(d, by: "flames", &events) }
        }
    }

    /// Whether gas or flame from `origin` reaches `target` within `radius`: near enough, and
    /// nothing that blocks movement or vision in between.
    private func reaches(_ origin: Point, _ target: Point, _ radius: Int) -> Bool {
        guard origin.distance(to: target) <= radius else { return false }
        for p in Self.line(from: origin, to: target, maxLength: radius) where p != target {
            if !level.flags[p].isDisjoint(with: [.blocksMovement, .blocksVision]) { return false }
        }
        return true
    }

    /// Whether a trap's gas from `origin` reaches the player and is breathed in (armor of respiration keeps it out).
    private func breathes(_ origin: Point, _ radius: Int) -> Bool { reaches(origin, player.position, radius) && !wears(.respiration) }

    /// Changes the status of every living creature a trap at `p` reaches.
    private mutating func affect(within radius: Int, of p: Point, _ events: inout [GameEvent], _ change: (inout StatusEffects) -> Void) {
        if reaches(p, player.position, radius), !armorProtects(.respiration, &events) { change(&player.status) }
        for i in monsters.indices where monsters[i].hp > 0 && reaches(p, monsters[i].position, radius) {
            change(&monsters[i].status)
        }
    }

    // MARK: - Fire, poison and turning terrain

    private mutating func burnPlayer(_ d: DamageRange, by what: String, _ events: inout [GameEvent]) {
        guard !playerIsFireproof(&events) else { return }
        let damage = max(1, rng.clumped(d.min...max(d.min, d.max), clump: max(1, d.clump)))
        player.hp -= damage
        events.append(.message("You are burned by \(what)!", .bad))
        if player.hp <= 0 { die(cause: "burned to death", &events) }
    }

    private mutating func burn(monster i: Int, _ d: DamageRange, _ events: inout [GameEvent]) {
        let kind = catalog.monsters[monsters[i].kind]
        guard !traits(of: monsters[i]).contains(.fireImmune) else { return }
        monsters[i].hp -= max(1, rng.clumped(d.min...max(d.min, d.max), clump: max(1, d.clump)))
        if monsters[i].hp <= 0 {
            if canSee(monsters[i]) { events.append(.message("The \(kind.name) burns to death.", .info)) }
            hazardKill(i, &events)
        } else if monsters[i].state == .sleeping {
            monsters[i].state = .hunting
        }
    }

    /// One environment turn of hazards on the player's level: terrain timers run down, poison
    /// and fire hurt whoever they hold.
    mutating func hazardTurn(_ events: inout [GameEvent]) {
        if !level.timers.isEmpty { runTimers() }
        // A passing pit (one with a timer: a bursting monster opened it) under the player: the
        // fall waits for the turn's end. A machine's lasting chasm keeps its own rule.
        if level.flags[player.position].contains(.autoDescent), level.timers.contains(where: { $0.position == player.position }),
            player.status.levitating == 0, depth < catalog.deepestLevel
        {
            events.append(.message("The ground gives way beneath you!", .bad))
            playerFalls(&events)
            return
        }
        breatheGas(&events)
        if player.status.poisoned > 0 {
            player.hp -= 1
            if player.hp <= 0 {
                die(cause: "killed by caustic poison", &events)
                return
            }
        }
        if level.flags[player.position].contains(.causesDamage), let fire = hazardKind(at: player.position, .causesDamage) {
            burnPlayer(fire.damage ?? Self.defaultBurn, by: fire.name, &events)
            if outcome != .playing { return }
        }
        for i in monsters.indices where monsters[i].hp > 0 {
            if monsters[i].status.poisoned > 0 {
                monsters[i].hp -= 1
                if monsters[i].hp <= 0 {
                    if canSee(monsters[i]) { events.append(.message("The \(catalog.monsters[monsters[i].kind].name) dies of poison.", .info)) }
                    hazardKill(i, &events)
                    continue
                }
            }
            let p = monsters[i].position
            if level.flags[p].contains(.causesDamage), let fire = hazardKind(at: p, .causesDamage) {
                burn(monster: i, fire.damage ?? Self.defaultBurn, &events)
            }
        }
    }

    /// Turns the terrain at `p` that promotes on a step into its `onStep` terrain, and starts
    /// the timer that turns it back.
    private mutating func promote(at p: Point) {
        for layer in TerrainLayer.allCases {
            guard let t = level.terrain(layer, at: p), let to = catalog.terrains[t].onStep.flatMap({ catalog.terrainIndexByID[$0] }) else {
                continue
            }
            setHazardTerrain(to, layer: layer, at: p)
            level.timers.removeAll { $0.position == p && $0.layer == layer }
            let next = catalog.terrains[to]
            if let back = next.decaysTo.flatMap({ catalog.terrainIndexByID[$0] }) {
                level.timers.append(TerrainTimer(position: p, layer: layer, turnsLeft: rng.int(in: next.decayTurns), becomes: back))
            }
        }
    }

    private mutating func runTimers() {
        var i = 0
        while i < level.timers.count {
            level.timers[i].turnsLeft -= 1
            if level.timers[i].turnsLeft > 0 {
                i += 1
                continue
            }
            let t = level.timers.remove(at: i)
            setHazardTerrain(t.becomes >= 0 ? t.becomes : nil, layer: t.layer, at: t.position)
        }
    }

    /// Sets one layer of one cell during play, refreshing what depends on it: maps, the
    /// explore frontier, and light when a glow comes or goes.
    mutating func setHazardTerrain(_ kind: Int?, layer: TerrainLayer, at p: Point) {
        let before = level.flags[p]
        level.setTerrain(kind, layer: layer, at: p, catalog: catalog)
        let after = level.flags[p]
        scratch.invalidate()
        scratch.epoch += 1
        if before.isDisjoint(with: .hazards) != after.isDisjoint(with: .hazards) { scratch.waypointDepth = 0 }
        if before.contains(.glows) != after.contains(.glows) { LevelGenerator.computeLight(&level) }
    }

    // MARK: - Items

    /// Where a thrown item comes down: lava burns it and a chasm swallows it (the Amulet is
    /// never lost: it lands on the nearest safe cell); anywhere else it stays.
    mutating func land(_ item: Item, at p: Point, _ events: inout [GameEvent]) {
        let f = level.flags[p]
        let lost = f.contains(.lethalFire) || (f.contains(.autoDescent) && depth < catalog.deepestLevel)
        guard lost else {
            dropNear(item, p)
            return
        }
        if catalog.items[item.kind].category == .amulet {
            dropNear(item, safeCell(near: p))
            return
        }
        let name = displayName(item)
        let what = name.prefix(1).uppercased() + name.dropFirst()
        events.append(.message(f.contains(.lethalFire) ? "\(what) burns up." : "\(what) falls out of sight.", .info))
    }

    /// The nearest passable cell to `p` that is no hazard and holds no item, searched outward.
    func safeCell(near p: Point) -> Point {
        for r in 0..<Dungeon.width {
            for dy in -r...r {
                for dx in -r...r where max(abs(dx), abs(dy)) == r {
                    let c = Point(p.x + dx, p.y + dy)
                    if level.isPassable(c) && monsterWillEnter(c) && level.itemIndex(at: c) == nil { return c }
                }
            }
        }
        return level.upStairs
    }
}
