/// What machines do beyond locks, levers and altars: pressure plates that fire them, vents and
/// sluices that let a terrain loose when they open (gas, water), floors that give way under
/// whoever stands on them, and the gas that then hangs in the room. Each piece is named by
/// terrain in content (`fires-on-step`, `release`, `breathed`); see `docs/content/blueprints.md`.
extension Game {
    /// Turns of paralysis or confusion a breath of vent gas keeps up; poison adds one a breath.
    static let breathTurns = 3

    /// A creature stepped on the pressure plate at `p`: its machine fires.
    mutating func steppedOnPlate(at p: Point, by monster: Int?, _ events: inout [GameEvent]) {
        let n = Int(level.machineAt[p])
        guard n > 0, n <= level.machines.count, !level.machines[n - 1].fired else { return }
        if monster == nil || visible[p] {
            let who = monster.map { "The \(catalog.monsters[monsters[$0].kind].name) steps" } ?? "You step"
            events.append(.message("\(who) on a pressure plate. It clicks.", .warning))
        }
        fireMachine(n, from: nil, byPlayer: monster == nil, &events)
    }

    /// A thrown item came down at `p`: a pressure plate there fires its machine as a step would
    /// (a plate out of reach across a chasm is pressed this way). A creature on the cell
    /// already stands on it.
    mutating func landedOnPlate(at p: Point, _ name: String, _ events: inout [GameEvent]) {
        let n = Int(level.machineAt[p])
        guard p != player.position, level.flags[p].contains(.firesOnStep), monsterIndex(at: p) == nil,
            n > 0, n <= level.machines.count, !level.machines[n - 1].fired
        else { return }
        events.append(.message("The \(name) lands on a pressure plate. It clicks.", .warning))
        fireMachine(n, from: nil, &events)
    }

    /// Cells that opened when machine `n` fired and let something loose, spread in cell order so
    /// the result never depends on how the machine's cells were visited.
    mutating func releaseFrom(_ sources: [Point]) {
        for source in sources {
            for layer in TerrainLayer.allCases {
                guard let t = level.terrain(layer, at: source), let r = catalog.terrains[t].release,
                    let laid = catalog.terrainIndexByID[r.terrain]
                else { continue }
                spread(laid, from: source, radius: r.radius, turns: r.turns)
            }
        }
    }

    /// Lays terrain `kind` on every cell within `radius` steps of `source` that one could walk
    /// to from it, each lasting `turns` before its own `decays-to` (or clearing).
    private mutating func spread(_ kind: Int, from source: Point, radius: Int, turns: ClosedRange<Int>) {
        let k = catalog.terrains[kind]
        let becomes = k.decaysTo.flatMap { catalog.terrainIndexByID[$0] } ?? -1
        for p in cellsWithin(radius, stepsOf: source) {
            level.setTerrain(kind, layer: k.layer, at: p, catalog: catalog)
            level.timers.removeAll { $0.position == p && $0.layer == k.layer }
            level.timers.append(TerrainTimer(position: p, layer: k.layer, turnsLeft: rng.int(in: turns), becomes: becomes))
        }
    }

    /// The cells within `radius` steps of `source` that one could walk to from it, `source`
    /// first, in the order a breadth-first walk reaches them (directions in their fixed order).
    func cellsWithin(_ radius: Int, stepsOf source: Point) -> [Point] {
        var steps = Grid(width: Dungeon.width, height: Dungeon.height, filling: -1)
        steps[source] = 0
        var queue = [source]
        var head = 0
        while head < queue.count {
            let p = queue[head]
            head += 1
            guard steps[p] < radius else { continue }
            for d in Direction.allCases where level.canStep(from: p, d) && steps[p + d.offset] < 0 {
                steps[p + d.offset] = steps[p] + 1
                queue.append(p + d.offset)
            }
        }
        return queue
    }

    /// After a machine changed the cells `changed`: whoever stands on one that now drops or
    /// burns falls or burns (the player only when `player`).
    mutating func groundGaveWay(_ changed: [Point], player: Bool, _ events: inout [GameEvent]) {
        func givesWay(_ p: Point) -> Bool {
            changed.contains(p) && !level.flags[p].isDisjoint(with: [.autoDescent, .lethalFire])
        }
        for i in monsters.indices where monsters[i].hp > 0 && level.contains(monsters[i].position) && givesWay(monsters[i].position) {
            monsterEnteredCell(i, &events)
        }
        if player && givesWay(self.player.position) {
            events.append(.message("The ground gives way beneath you!", .bad))
            playerEnteredCell(&events)
        }
    }

    /// One environment turn of gas: whoever stands in a `breathed` gas suffers it (armor of
    /// respiration keeps it out).
    mutating func breatheGas(_ events: inout [GameEvent]) {
        if let effect = breathedEffect(at: player.position), !wears(.respiration) {
            let was = player.status
            breathe(effect, &player.status)
            if was.paralyzed == 0 && player.status.paralyzed > 0 { events.append(.message("The gas numbs you. You cannot move!", .bad)) }
            if was.confused == 0 && player.status.confused > 0 { events.append(.message("The gas makes your head spin.", .bad)) }
            if was.poisoned == 0 && player.status.poisoned > 0 { events.append(.message("The gas burns your throat.", .bad)) }
        }
        for i in monsters.indices where monsters[i].hp > 0 && level.contains(monsters[i].position) {
            if let effect = breathedEffect(at: monsters[i].position) { breathe(effect, &monsters[i].status) }
        }
    }

    private func breathedEffect(at p: Point) -> TrapEffect? {
        level.terrain(.gas, at: p).flatMap { catalog.terrains[$0].breathed }
    }

    private func breathe(_ effect: TrapEffect, _ status: inout StatusEffects) {
        switch effect {
        case .paralysis: status.paralyzed = max(status.paralyzed, Self.breathTurns)
        case .confusion: status.confused = max(status.confused, Self.breathTurns)
        case .poison: status.poisoned += 1
        case .alarm, .fire: break
        }
    }
}
