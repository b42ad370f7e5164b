/// Machines at play: what their items and monsters are, and what their terrain does when
/// walked into, lifted from or unlocked. See `docs/content/blueprints.md`.
extension Game {
    /// Places the items and monsters of every machine on the level (first visit only).
    mutating func populateMachines() {
        for n in level.machines.indices {
            let machine = level.machines[n]
            let bp = catalog.blueprints[machine.blueprint]
            for spot in machine.spots {
                let f = bp.features[spot.feature]
                if let choice = f.item, var item = machineItem(choice) {
                    if choice.key {
                        item.opensMachine = n + 1
                        item.keyDepth = depth
                    }
                    level.items.removeAll { $0.position == spot.position }
                    level.items.append(FloorItem(item: item, position: spot.position))
                }
                if let choice = f.monster, monsterIndex(at: spot.position) == nil, spot.position != player.position,
                    let kind = choice.kind.flatMap({ catalog.monsterIndexByID[$0] }) ?? randomMonsterKind()
                {
                    var m = Creature(id: nextCreatureID, kind: kind, position: spot.position, hp: catalog.monsters[kind].hp, state: .sleeping)
                    m.ticksUntilTurn = rng.int(in: 0...catalog.monsters[kind].movementDuration)
                    switch choice.state {
                    case .sleeping: m.state = .sleeping
                    case .captive: m.state = .captive
                    case .dormant:
                        m.state = .dormant
                        m.machine = n + 1
                    case .guarding:
                        m.state = .hunting
                        m.machine = n + 1
                    }
                    // A key room's keeper carries the key laid on its cell.
                    if f.keySlot, let k = level.items.firstIndex(where: { $0.position == spot.position && $0.item.opensMachine > 0 }) {
                        m.carried = level.items.remove(at: k).item
                    }
                    nextCreatureID += 1
                    monsters.append(m)
                }
            }
        }
    }

    /// The item a machine feature asks for: its kind, or one drawn from the depth's table
    /// among the named categories (any depth's when this one has none).
    mutating func machineItem(_ choice: ItemChoice) -> Item? {
        if let id = choice.kind {
            guard let kind = catalog.itemIndexByID[id] else { return nil }
            return Item(kind: kind, quantity: rng.int(in: catalog.items[kind].quantity))
        }
        let wanted = choice.categories
        func fits(_ e: SpawnEntry) -> Bool {
            guard let k = catalog.itemIndexByID[e.kind] else { return false }
            return wanted.isEmpty || wanted.contains(catalog.items[k].category)
        }
        var table = catalog.spawns.items.filter { $0.depths.contains(spawnDepth) && fits($0) }
        if table.isEmpty { table = catalog.spawns.items.filter(fits) }
        guard let pick = rng.weightedIndex(table.map(\.weight)), let kind = catalog.itemIndexByID[table[pick].kind] else { return nil }
        var item = rollItem(kind)
        // A machine's treasure is never a cursed one, and a good one is better still.
        item.enchant = max(item.enchant, choice.leastEnchant)
        return item
    }

    /// A monster kind from the depth's spawn table.
    mutating func randomMonsterKind() -> Int? {
        let table = hordeTable(waterAllowed: false)
        guard let pick = rng.weightedIndex(table.map(\.weight)) else { return nil }
        return catalog.monsterIndexByID[table[pick].kind]
    }

    /// The player walks into a cell that blocks movement: pull a lever, unlock a lock.
    /// - Returns: the ticks taken, or nil when the cell is no machine part (the caller refuses).
    mutating func bumpMachinePart(at p: Point, _ events: inout [GameEvent]) -> Int? {
        let f = level.flags[p]
        let n = Int(level.machineAt[p])
        // A hidden lever is the wall it looks like until a search finds it.
        guard !f.contains(.isSecret) else { return nil }
        if f.contains(.firesOnBump) && n > 0 {
            guard !level.machines[n - 1].fired else { return refuse("It will not move again.", &events) }
            events.append(.message("You pull the lever. Something grinds in the walls.", .info))
            fireMachine(n, from: nil, &events)
            return 100
        }
        if f.contains(.isLocked) {
            guard
                let letter = Letter.all.first(where: { l in
                    inventory[l].map { $0.opensMachine == n && $0.keyDepth == depth && n > 0 } ?? false
                })
            else {
                return refuse("It is locked. Its key must lie somewhere on this level.", &events)
            }
            let key = inventory.take(letter)!
            promote(p, layersWith: .isLocked)
            events.append(.message("You unlock it with \(displayName(key)).", .good))
            terrainChanged()
            return 100
        }
        return nil
    }

    /// Whether an item lying at `p` may be taken; says why not.
    func itemHeld(at p: Point, _ events: inout [GameEvent]) -> Bool {
        guard level.has(.holdsItem, at: p) else { return false }
        events.append(.refused("The cage is locked around it."))
        return true
    }

    /// After an item was lifted from `p`: an altar that is wired fires its machine.
    mutating func liftedItem(from p: Point, _ events: inout [GameEvent]) {
        let n = Int(level.machineAt[p])
        guard n > 0, level.has(.firesOnPickup, at: p), !level.machines[n - 1].fired else { return }
        let open = cagesOpen(n)
        fireMachine(n, from: p, &events)
        if cagesOpen(n) < open { events.append(.message("The cages lower over the other altars.", .warning)) }
    }

    /// How many of machine `n`'s altars can still be taken from.
    private func cagesOpen(_ n: Int) -> Int {
        let owner = UInt8(n)
        return level.machineAt.cells.indices.filter { level.machineAt.cells[$0] == owner && level.flags.cells[$0].contains(.firesOnPickup) }.count
    }

    /// Fires machine `n` (1-based): every wired cell it owns becomes its `promotes-to`
    /// terrain (except the altar at `trigger`, just emptied; what lies under it still changes), what opened lets its `release` loose,
    /// its dormant monsters wake, and whoever stands where the ground gave way falls (the player
    /// only when the player fired it: a monster's step never moves the player between levels
    /// in the middle of the monsters' turns).
    mutating func fireMachine(_ n: Int, from trigger: Point?, byPlayer: Bool = true, _ events: inout [GameEvent]) {
        guard n > 0, n <= level.machines.count, !level.machines[n - 1].fired else { return }
        level.machines[n - 1].fired = true
        let owner = UInt8(n)
        var opened: [Point] = []
        for i in level.machineAt.cells.indices where level.machineAt.cells[i] == owner {
            let p = level.machineAt.point(at: i)
            if level.has(.isWired, at: p) {
                promote(p, layersWith: .isWired, except: p == trigger ? .firesOnPickup : [])
                opened.append(p)
            }
        }
        releaseFrom(opened)
        var woke = false
        for i in monsters.indices where monsters[i].machine == n && monsters[i].state == .dormant {
            monsters[i].state = .hunting
            monsters[i].machine = 0
            woke = true
        }
        if woke { events.append(.message("You hear something stir.", .warning)) }
        terrainChanged()
        groundGaveWay(opened, player: byPlayer, &events)
    }

    /// Replaces every layer at `p` whose terrain has `flag` with that terrain's `promotes-to`.
    /// Layers whose terrain also has any of `except` stay as they are.
    mutating func promote(_ p: Point, layersWith flag: TerrainFlags, except: TerrainFlags = []) {
        for layer in TerrainLayer.allCases {
            guard let t = level.terrain(layer, at: p), catalog.terrains[t].flags.contains(flag),
                catalog.terrains[t].flags.isDisjoint(with: except),
                let next = catalog.terrains[t].promotesTo.flatMap({ catalog.terrainIndexByID[$0] })
            else { continue }
            let nextLayer = catalog.terrains[next].layer
            if nextLayer != layer { level.setTerrain(nil, layer: layer, at: p, catalog: catalog) }
            level.setTerrain(next, layer: nextLayer, at: p, catalog: catalog)
        }
    }

    /// Terrain changed under the game: drop cached maps and recompute light.
    mutating func terrainChanged() {
        LevelGenerator.computeLight(&level)
        scratch.invalidate()
        scratch.waypointDepth = 0
        scratch.epoch += 1
    }

    /// Whether monster `i` may stand on `p`: a guarding monster never leaves its machine.
    func machineAllows(_ i: Int, _ p: Point) -> Bool {
        let n = monsters[i].machine
        return n == 0 || Int(level.machineAt[p]) == n
    }
}
