extension Game {
    enum Arrival { case down, up, fall }

    /// Moves the player to `newDepth`, building and populating the level on the first visit.
    mutating func enterLevel(_ newDepth: Int, arriving: Arrival) {
        if levels[depth - 1] != nil { frozenMonsters[depth - 1] = monsters }
        depth = newDepth
        if levels[newDepth - 1] == nil {
            levels[newDepth - 1] = LevelGenerator.standard.generate(depth: newDepth, seed: levelSeeds[newDepth - 1], catalog: catalog)
        }
        monsters = frozenMonsters[newDepth - 1]
        frozenMonsters[newDepth - 1] = []
        let arrivalPoint: Point
        switch arriving {
        case .down: arrivalPoint = level.upStairs
        case .up: arrivalPoint = level.downStairs
        case .fall: arrivalPoint = randomOpenCell(awayFrom: nil) ?? level.upStairs
        }
        player.position = freeCell(near: arrivalPoint)
        if !level.populated { populate() }
        scratch.invalidate()
        scratch.waypointDepth = 0
        scratch.epoch += 1
        updateVision()
    }

    /// Places the level's first monsters and items. They are drawn from a stream seeded by
    /// the level's own seed, so a level starts the same whatever happened above it.
    mutating func populate() {
        level.populated = true
        let gameStream = rng
        rng = RandomStream(seed: level.seed ^ 0x706F_7075_6C61_7465)
        defer { rng = gameStream }
        populateMachines()
        let pop = catalog.spawns.population(at: depth)!
        let monsterCount = rng.int(in: pop.monsters)
        for _ in 0..<monsterCount { spawnHorde(awayFrom: player.position) }
        for _ in 0..<rng.int(in: pop.items) {
            if let item = randomItem(), let p = randomOpenCell(awayFrom: nil, needsNoItem: true) {
                level.items.append(FloorItem(item: item, position: p))
            }
        }
        let foods = catalog.spawns.items.filter { e in
            e.depths.contains(spawnDepth) && catalog.itemIndexByID[e.kind].map { catalog.items[$0].category == .food } == true
        }
        for _ in 0..<rng.int(in: pop.food) {
            guard let pick = rng.weightedIndex(foods.map(\.weight)), let kind = catalog.itemIndexByID[foods[pick].kind],
                let p = randomOpenCell(awayFrom: nil, needsNoItem: true)
            else { break }
            level.items.append(FloorItem(item: Item(kind: kind), position: p))
        }
        if let goldKind = catalog.items.firstIndex(where: { $0.category == .gold }) {
            for _ in 0..<rng.int(in: pop.gold) {
                let amount = rng.int(in: (50 + spawnDepth * 25)...(100 + spawnDepth * 30))
                if let p = randomOpenCell(awayFrom: nil, needsNoItem: true) {
                    level.items.append(FloorItem(item: Item(kind: goldKind, quantity: amount), position: p))
                }
            }
        }
        if depth == catalog.amuletLevel, let amulet = catalog.items.firstIndex(where: { $0.category == .amulet }) {
            placeOnStairsOrFloor(amulet)
        }
        if depth > catalog.amuletLevel, let gem = catalog.items.firstIndex(where: { $0.category == .gem }) {
            placeOnStairsOrFloor(gem)
        }
    }

    /// Lays the Amulet or a lumenstone. The deepest level has no way down, so it lies where the
    /// stairs would be; above the deepest, the stairs stay and it lies on open floor far from the way in.
    private mutating func placeOnStairsOrFloor(_ kind: Int) {
        let spot: Point
        if depth >= catalog.deepestLevel {
            spot = level.downStairs
            level.setTerrain(catalog.roles.floor, layer: .dungeon, at: spot, catalog: catalog)
            level.items.removeAll { $0.position == spot }
        } else {
            guard let p = randomOpenCell(awayFrom: level.upStairs, needsNoItem: true) else { return }
            spot = p
        }
        level.items.append(FloorItem(item: Item(kind: kind), position: spot))
    }

    /// Spawns one horde that fits the depth, far from `awayFrom`: its leaders (`group` of its
    /// kind), then its followers round them. A water dweller's horde spawns in deep water, and only
    /// on a level that has some and when no spot on land (`near`) is asked for.
    @discardableResult
    mutating func spawnHorde(awayFrom: Point?, near: Point? = nil, state: MonsterState? = nil) -> Int {
        let table = hordeTable(waterAllowed: near == nil)
        guard let pick = rng.weightedIndex(table.map(\.weight)), let kind = catalog.monsterIndexByID[table[pick].kind] else { return 0 }
        let count = rng.int(in: table[pick].group)
        var members = Array(repeating: kind, count: count)
        for f in table[pick].followers {
            guard let k = catalog.monsterIndexByID[f.kind] else { continue }
            members += Array(repeating: k, count: rng.int(in: f.count))
        }
        let water = isWaterDweller(kind)
        // Beside `near`, not on it: `freeCell(near:)` hands back the cell itself when no monster is
        // there, and near the reader of a scroll that cell is the player's, where none may stand.
        let anchor: Point?
        if let near {
            anchor = openCell(beside: near) ?? near
        } else {
            anchor = water ? randomDeepCell(awayFrom: awayFrom) : randomOpenCell(awayFrom: awayFrom, needsNoMonster: true)
        }
        guard let anchor else { return 0 }
        var placed = 0
        for kind in members {
            let p = isWaterDweller(kind) ? freeDeepCell(near: anchor) : freeCell(near: anchor, outsideMachines: near == nil)
            guard monsterIndex(at: p) == nil, p != player.position else { continue }
            let mk = catalog.monsters[kind]
            let initial: MonsterState =
                state ?? captiveHordeState(table[pick], placed: placed)
                ?? (mk.flags.contains(.neverSleeps) ? .hunting : (rng.percent(66) ? .sleeping : .wandering))
            var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: mk.hp, state: initial)
            m.ticksUntilTurn = rng.int(in: 0...mk.movementDuration)
            m.leadsHorde = placed == 0 && members.count > 1
            equipCarrier(&m)
            nextCreatureID += 1
            monsters.append(m)
            placed += 1
        }
        return placed
    }

    /// A random item from the depth's item table, with enchantment and quantity rolled.
    mutating func randomItem() -> Item? {
        let table = catalog.spawns.items.filter { $0.depths.contains(spawnDepth) }
        guard let pick = rng.weightedIndex(table.map(\.weight)), let kind = catalog.itemIndexByID[table[pick].kind] else { return nil }
        return rollItem(kind)
    }

    /// An item of `kind` with its quantity and enchantment rolled.
    mutating func rollItem(_ kind: Int) -> Item {
        let k = catalog.items[kind]
        var item = Item(kind: kind, quantity: rng.int(in: k.quantity))
        if k.category == .weapon || k.category == .armor {
            let roll = rng.below(100)
            item.enchant =
                switch roll {
                case 0..<10: -rng.int(in: 1...2)
                case 10..<70: 0
                case 70..<90: 1
                default: rng.int(in: 2...3)
                }
            if !k.throwable { rollRunic(&item, slot: k.category == .weapon ? .weapon : .armor) }
        }
        if k.category == .staff {
            item.enchant = max(1, rng.int(in: k.charges))
            item.charges = item.enchant
        } else if k.category == .wand {
            item.charges = rng.int(in: k.charges)
        } else if k.category == .ring {
            item.enchant = max(1, rng.int(in: k.charges))
            if rng.percent(30) { item.enchant = -item.enchant }
        } else if k.category == .charm {
            item.enchant = max(1, rng.int(in: k.charges))
            item.charges = 1
            item.enchantKnown = true
        }
        return item
    }

    /// A random open floor cell (no stairs, no deep liquid), at least 8 steps from `awayFrom`
    /// when one can be found.
    mutating func randomOpenCell(awayFrom: Point?, needsNoItem: Bool = false, needsNoMonster: Bool = true) -> Point? {
        var r = rng
        let p = randomOpenCell(using: &r, awayFrom: awayFrom, needsNoItem: needsNoItem, needsNoMonster: needsNoMonster)
        rng = r
        return p
    }

    private func randomOpenCell(using rng: inout RandomStream, awayFrom: Point?, needsNoItem: Bool, needsNoMonster: Bool) -> Point? {
        let lvl = level
        for attempt in 0..<500 {
            let p = Point(rng.int(in: 1...(Dungeon.width - 2)), rng.int(in: 1...(Dungeon.height - 2)))
            let f = lvl.flags[p]
            guard f.isDisjoint(with: [.blocksMovement, .stairsUp, .stairsDown, .isDeep]), f.isDisjoint(with: .hazards), lvl.machineAt[p] == 0 else {
                continue
            }
            if let a = awayFrom, attempt < 400, p.distance(to: a) < 8 { continue }
            if needsNoItem && lvl.itemIndex(at: p) != nil { continue }
            if needsNoMonster && (monsterIndex(at: p) != nil || p == player.position) { continue }
            return p
        }
        return nil
    }

    /// The nearest passable cell to `p` that no creature occupies, searched outward in a fixed order.
    /// With `outsideMachines`, no cell of a machine is taken (a horde spawned on the level never
    /// lands in a vault or a cell through its wall). With `besidePlayer`, `p` (the player's own
    /// cell) is never the answer: allies that follow down the stairs land round the player.
    func freeCell(near p: Point, outsideMachines: Bool = false, besidePlayer: Bool = false) -> Point {
        let lvl = level
        func free(_ c: Point) -> Bool {
            lvl.isPassable(c) && lvl.flags[c].isDisjoint(with: .hazards) && monsterIndex(at: c) == nil && c != player.position
                && (!outsideMachines || lvl.machineAt[c] == 0)
        }
        if !besidePlayer && lvl.isPassable(p) && lvl.flags[p].isDisjoint(with: .hazards) && monsterIndex(at: p) == nil { return p }
        for r in 1..<Dungeon.width {
            for dy in -r...r {
                for dx in -r...r where max(abs(dx), abs(dy)) == r {
                    let c = Point(p.x + dx, p.y + dy)
                    if lvl.contains(c) && free(c) && !lvl.has(.stairsDown, at: c) && !lvl.has(.stairsUp, at: c) { return c }
                }
            }
        }
        return p
    }
}

extension Game {
    /// Places a monster of kind `id` on the free cell nearest `near`; for tests, benchmarks
    /// and a future wizard mode. Draws from the substantive stream like any spawn.
    /// - Returns: false when the id is unknown.
    @discardableResult
    public mutating func summon(_ id: String, near: Point, state: MonsterState) -> Bool {
        guard let kind = catalog.monsterIndexByID[id] else { return false }
        let p = freeCell(near: near)
        var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: catalog.monsters[kind].hp, state: state)
        m.ticksUntilTurn = rng.int(in: 0...100)
        nextCreatureID += 1
        monsters.append(m)
        return true
    }
}

extension Game {
    /// Moves the player to the up stairs of `depth`, generating and populating it on the first
    /// visit; for tools (`brogue map`, the benchmark) and a future wizard mode. Not an action:
    /// a game that is being recorded must never call it.
    public mutating func visit(depth newDepth: Int) {
        precondition((1...catalog.deepestLevel).contains(newDepth), "depth \(newDepth) is outside the dungeon")
        enterLevel(newDepth, arriving: .down)
    }
}
