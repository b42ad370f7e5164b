/// Staffs and wands: zapping one sends its bolt along a line from the player; the bolt runs its
/// named rule (`BoltEffect`) on what it meets. Staffs regain charges over turns; wands never do.
extension Game {
    /// Zaps the staff or wand at `letter` toward `target`. With no charge left it fizzles, and
    /// the turn is spent.
    mutating func zap(_ letter: Letter, at target: Point, _ events: inout [GameEvent]) -> Int? {
        guard let item = inventory[letter] else { return refuse("You have no item \(letter).", &events) }
        let kind = catalog.items[item.kind]
        guard kind.category == .staff || kind.category == .wand, let b = kind.bolt.flatMap({ catalog.boltIndexByID[$0] }) else {
            return refuse("You cannot zap \(displayName(item)).", &events)
        }
        if catalog.bolts[b].effect.isAimed {
            guard target != player.position, level.contains(target) else { return refuse("Zap it where?", &events) }
        }
        guard item.charges > 0 else {
            events.append(.message("Your \(kind.name) fizzles.", .info))
            return 100
        }
        inventory[letter]!.charges -= 1
        if kind.category == .staff && inventory[letter]!.rechargeIn == 0 { inventory[letter]!.rechargeIn = rechargeTurns(kind, level: item.enchant) }
        events.append(.itemUsed(kind: item.kind))
        if learn(item.kind, &events) { events.append(.message("It was \(article(kind.name)) \(kind.name).", .info)) }
        noise = 1
        castBolt(b, power: power(of: item), toward: target, &events)
        return 100
    }

    /// The bolt the staff or wand at `letter` zaps, if it is one.
    public func bolt(of letter: Letter) -> BoltKind? {
        inventory[letter].flatMap { catalog.items[$0.kind].bolt }.flatMap { catalog.boltIndexByID[$0] }.map { catalog.bolts[$0] }
    }

    /// Whether zapping the item at `letter` needs a target (false for conjuration and for what is no staff or wand).
    public func isAimed(_ letter: Letter) -> Bool { bolt(of: letter)?.effect.isAimed ?? false }

    /// A staff's level is its enchantment; a wand's is its kind's `power`.
    func power(of item: Item) -> Int {
        let kind = catalog.items[item.kind]
        return max(1, kind.category == .staff ? item.enchant : kind.power)
    }

    /// Turns for a staff or charm of `level` to regain one charge (rings of wisdom shorten it).
    func rechargeTurns(_ kind: ItemKind, level: Int) -> Int { Self.ringScaled(max(1, kind.recharge / max(1, level)), by: ringBonus(.wisdom)) }

    /// The cells a bolt from the player toward `target` would cross before anything stops it,
    /// as the front ends draw it before the player confirms. Tunnelling and effects aside.
    public func boltPath(toward target: Point, reach: Int = 20, passesThroughCreatures: Bool = false) -> [Point] {
        var path: [Point] = []
        for p in Self.boltLine(from: player.position, through: target, reach: reach) {
            guard level.contains(p), !level.has(.blocksMovement, at: p) else { break }
            path.append(p)
            if !passesThroughCreatures, monsterIndex(at: p) != nil { break }
        }
        return path
    }

    /// Flies bolt `b` from the player toward `target` (or, unaimed, acts where the player stands).
    mutating func castBolt(_ b: Int, power: Int, toward target: Point, _ events: inout [GameEvent]) {
        let bolt = catalog.bolts[b]
        guard bolt.effect.isAimed else {
            conjure(bolt, power: power, &events)
            return
        }
        let first = events.count
        var path: [Point] = []
        var bored = 0
        var stop = player.position
        for p in Self.boltLine(from: player.position, through: target, reach: bolt.reach) {
            guard level.contains(p) else { break }
            if level.has(.blocksMovement, at: p) {
                guard bolt.effect == .tunnel, bored < bolt.amount * power, canBore(p) else { break }
                bore(p)
                bored += 1
            }
            if bolt.effect == .blink && (creature(at: p) != nil || path.count >= bolt.amount * power) { break }
            path.append(p)
            if let lights = bolt.lights { ignite(p, with: lights) }
            if bolt.effect == .tunnel || bolt.effect == .blink { continue }
            if let j = monsterIndex(at: p), monsters[j].hp > 0, !monsters[j].submerged {
                if traits(of: monsters[j]).contains(.reflectsBolts) && !bolt.effect.isHelpful {
                    if canSee(monsters[j]) {
                        events.append(.message("The \(bolt.name) glances off the \(seenName(of: monsters[j]))!", .info))
                    }
                    break
                }
                hit(j, with: bolt, power: power, &events)
                if !bolt.passesThroughCreatures { break }
            }
            stop = p
        }
        events.insert(.bolt(kind: b, path: path), at: first)
        switch bolt.effect {
        case .blink: blink(along: path, &events)
        case .obstruct: obstruct(around: stop, bolt, power: power)
        case .tunnel where bored > 0: events.append(.message("The \(bolt.name) bores through the rock.", .info))
        default: break
        }
    }

    /// The cells of a line from `from` through `target` and on past it, `reach` cells in all
    /// (a bolt does not stop at the cell it was aimed at); it may leave the map.
    static func boltLine(from: Point, through target: Point, reach: Int) -> [Point] {
        let d = target - from
        let steps = max(abs(d.x), abs(d.y))
        guard steps > 0 else { return [] }
        let k = reach / steps + 1
        return line(from: from, to: Point(from.x + d.x * k, from.y + d.y * k), maxLength: reach)
    }

    /// Rock and walls give way to a tunnelling bolt; the map's rim and machines (vaults, cages) do not.
    func canBore(_ p: Point) -> Bool {
        (1..<Dungeon.width - 1).contains(p.x) && (1..<Dungeon.height - 1).contains(p.y) && level.machineAt[p] == 0
    }

    /// Turns a wall cell the tunnelling bolt meets into floor.
    mutating func bore(_ p: Point) {
        for layer in TerrainLayer.allCases where layer != .dungeon {
            if level.terrain(layer, at: p).map({ catalog.terrains[$0].flags.contains(.blocksMovement) }) == true {
                setHazardTerrain(nil, layer: layer, at: p)
            }
        }
        if level.has(.blocksMovement, at: p) { setHazardTerrain(catalog.roles.floor, layer: .dungeon, at: p) }
        level.discovered[p] = true
    }

    /// Sets a flammable cell alight with the terrain `id`, which burns out by its own `decays-to`.
    mutating func ignite(_ p: Point, with id: String) {
        guard level.has(.isFlammable, at: p), let fire = catalog.terrainIndexByID[id] else { return }
        let kind = catalog.terrains[fire]
        setHazardTerrain(fire, layer: kind.layer, at: p)
        level.timers.removeAll { $0.position == p && $0.layer == kind.layer }
        let becomes = kind.decaysTo.flatMap { catalog.terrainIndexByID[$0] } ?? -1
        level.timers.append(TerrainTimer(position: p, layer: kind.layer, turnsLeft: rng.int(in: kind.decayTurns), becomes: becomes))
    }

    /// The player lands on the last cell of the path that is no hazard.
    private mutating func blink(along path: [Point], _ events: inout [GameEvent]) {
        guard let landing = path.last(where: { level.flags[$0].isDisjoint(with: .hazards) }) else {
            events.append(.message("You cannot blink there.", .info))
            return
        }
        let from = player.position
        player.position = landing
        scratch.invalidate()
        events.append(.moved(creature: player.id, from: from, to: landing))
        events.append(.message("You blink.", .info))
        if level.itemIndex(at: landing) != nil, !level.has(.holdsItem, at: landing) { _ = pickUp(&events) }
    }

    /// Fills up to `amount` x power open cells nearest `center` with the bolt's terrain, for `turns` turns.
    private mutating func obstruct(around center: Point, _ bolt: BoltKind, power: Int) {
        guard let t = bolt.terrain.flatMap({ catalog.terrainIndexByID[$0] }) else { return }
        let layer = catalog.terrains[t].layer
        var left = bolt.amount * power
        for r in 0...3 where left > 0 {
            for dy in -r...r {
                for dx in -r...r where max(abs(dx), abs(dy)) == r && left > 0 {
                    let p = Point(center.x + dx, center.y + dy)
                    guard level.contains(p), level.isPassable(p), creature(at: p) == nil, level.flags[p].isDisjoint(with: .hazards) else { continue }
                    let before = level.terrain(layer, at: p) ?? -1
                    setHazardTerrain(t, layer: layer, at: p)
                    level.timers.removeAll { $0.position == p && $0.layer == layer }
                    level.timers.append(TerrainTimer(position: p, layer: layer, turnsLeft: max(1, bolt.turns), becomes: before))
                    left -= 1
                }
            }
        }
    }

    /// The nearest cell to `center` (not itself, at most 3 steps away) where a creature could stand.
    func openCell(beside center: Point) -> Point? {
        for r in 1...3 {
            for dy in -r...r {
                for dx in -r...r where max(abs(dx), abs(dy)) == r {
                    let p = Point(center.x + dx, center.y + dy)
                    if level.contains(p), level.isPassable(p), monsterWillEnter(p), creature(at: p) == nil { return p }
                }
            }
        }
        return nil
    }

    /// Calls up the bolt's `summons` beside the player as allies that fade after `turns` turns.
    private mutating func conjure(_ bolt: BoltKind, power: Int, _ events: inout [GameEvent]) {
        guard let kind = bolt.summons.flatMap({ catalog.monsterIndexByID[$0] }) else { return }
        let count = max(1, bolt.amount * power / 2)
        var made = 0
        for _ in 0..<count {
            guard let p = openCell(beside: player.position) else { break }
            var m = Creature(id: nextCreatureID, kind: kind, position: p, hp: catalog.monsters[kind].hp, state: .ally)
            m.ticksUntilTurn = 100
            m.lifespan = max(1, bolt.turns)
            nextCreatureID += 1
            monsters.append(m)
            made += 1
        }
        let name = catalog.monsters[kind].name
        events.append(.message(made == 1 ? "A \(name) appears beside you." : "\(made) \(Self.plural(name)) appear beside you.", .good))
    }
}
