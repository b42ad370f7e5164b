/// Monsters that burst when they die (`bursts`): the bloat family's gas, pits and flame.
extension Game {
    /// Monster `i` of kind `kind` just fell at `at`: its `bursts` ability, if any, lays its terrain
    /// round the spot. A monster caught in a pit falls or in flame burns at once; the player does so
    /// at the end of the turn (see `hazardTurn`), so no attack or bolt is cut short by a change of level.
    mutating func burst(_ kind: MonsterKind, at at: Point, _ events: inout [GameEvent]) {
        guard let ability = kind.ability(.bursts), let laid = ability.terrain.flatMap({ catalog.terrainIndexByID[$0] }),
            level.contains(at)
        else { return }
        let cells = burstCells(from: at, radius: ability.radius, laying: laid)
        let k = catalog.terrains[laid]
        let decaysTo = k.decaysTo.flatMap { catalog.terrainIndexByID[$0] }
        for p in cells {
            let before = level.terrain(k.layer, at: p) ?? -1
            setHazardTerrain(laid, layer: k.layer, at: p)
            level.timers.removeAll { $0.position == p && $0.layer == k.layer }
            let turns = ability.turns > 0 ? ability.turns : rng.int(in: k.decayTurns)
            level.timers.append(TerrainTimer(position: p, layer: k.layer, turnsLeft: turns, becomes: decaysTo ?? before))
        }
        if visible[at] { events.append(.message("The \(kind.name) bursts, and \(k.name) spreads!", .warning)) }
        for j in monsters.indices where monsters[j].hp > 0 && cells.contains(monsters[j].position) {
            monsterEnteredCell(j, &events)
        }
    }

    /// The cells within `radius` steps of `source` one could walk to from it, in the order reached.
    /// A pit or fire never opens on stairs, so the way on is never lost.
    private func burstCells(from source: Point, radius: Int, laying kind: Int) -> [Point] {
        let harmful = !catalog.terrains[kind].flags.isDisjoint(with: [.autoDescent, .lethalFire, .causesDamage])
        let spared: TerrainFlags = [.stairsDown, .stairsUp, .isDungeonExit]
        let reached = cellsWithin(radius, stepsOf: source)
        return harmful ? reached.filter { level.flags[$0].isDisjoint(with: spared) } : reached
    }
}
