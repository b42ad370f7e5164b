/// Builds machines from the catalog's blueprints: each a room of its own carved into solid
/// rock beside the level, entered through one cell of its wall, with the blueprint's features
/// inside (and keys or levers elsewhere on the level).
///
/// A machine is only carved where its whole box (room and walls) is untouched rock, so two
/// machines never overlap and a machine never opens a new way between existing places: the
/// only way in is its entrance. Items and monsters are placed later, when the level is
/// populated, on the spots chosen here.
public struct MachinesStage: GenerationStage {
    /// Sites tried per machine before the stage gives up on it.
    public var sitesPerMachine = 60

    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let catalog = builder.catalog
        let depth = builder.depth
        // A room floored with chasm would drop a creature below the deepest level.
        let deepest = depth >= catalog.deepestLevel
        var fitting = catalog.blueprints.indices.filter {
            catalog.blueprints[$0].depths.contains(depth) && catalog.blueprints[$0].frequency > 0
                && !(deepest && Self.drops(catalog.blueprints[$0], catalog))
        }
        let wanted = builder.profile.machines.value(at: depth)
        guard !fitting.isEmpty, wanted > 0 else { return }
        var site = MachineSite(builder.level, catalog: catalog)
        guard !site.doorSites.isEmpty else { return }
        // A blueprint is built at most once a level, so a level's machines differ.
        for _ in 0..<wanted {
            guard let pick = rng.weightedIndex(fitting.map { catalog.blueprints[$0].frequency }) else { break }
            _ = site.tryBuild(fitting[pick], sites: sitesPerMachine, builder: &builder, rng: &rng)
            fitting.remove(at: pick)
        }
    }
}

extension MachinesStage {
    /// Whether the blueprint lays a terrain that drops whoever enters it (a floor of chasm).
    static func drops(_ bp: Blueprint, _ catalog: ContentCatalog) -> Bool {
        bp.terrainIDs.contains { id in
            catalog.terrainIndexByID[id].map { catalog.terrains[$0].flags.contains(.autoDescent) } ?? false
        }
    }
}

/// What the machines stage knows about the level while it carves.
struct MachineSite {
    let catalog: ContentCatalog
    /// Rock cells beside plain reachable floor, with the direction a room would extend.
    var doorSites: [(Point, Direction)] = []
    /// Plain floor cells reachable from the up stairs when the stage began.
    var reachableFloor: [Point] = []
    /// Cells outside any room already given to a machine feature (keys, levers).
    var takenOutside: [Point] = []

    init(_ level: Level, catalog: ContentCatalog) {
        self.catalog = catalog
        let reach = LevelInvariants.dryReach(from: level.upStairs, level: level)
        for i in reach.cells.indices where reach.cells[i] {
            let p = reach.point(at: i)
            guard isPlainFloor(p, level) else { continue }
            reachableFloor.append(p)
            for d in Direction.cardinals {
                let e = p + d.offset
                if isRock(e, level) { doorSites.append((e, d)) }
            }
        }
    }

    /// Floor with nothing on it: no liquid, surface, stairs or door, owned by no machine.
    func isPlainFloor(_ p: Point, _ level: Level) -> Bool {
        level.contains(p) && level.terrain(.dungeon, at: p) == catalog.roles.floor && level.terrain(.liquid, at: p) == nil
            && level.terrain(.surface, at: p) == nil && level.machineAt[p] == 0
    }

    /// Untouched rock inside the rim: granite or plain wall, nothing on other layers, no machine.
    func isRock(_ p: Point, _ level: Level) -> Bool {
        guard p.x >= 1, p.y >= 1, p.x < Dungeon.width - 1, p.y < Dungeon.height - 1, level.machineAt[p] == 0 else { return false }
        let t = level.terrain(.dungeon, at: p)
        guard t == catalog.roles.granite || t == catalog.roles.wall else { return false }
        return level.terrain(.liquid, at: p) == nil && level.terrain(.surface, at: p) == nil && level.terrain(.gas, at: p) == nil
    }

    /// Tries up to `sites` sites for blueprint `index`; the number of the machine built, or nil.
    mutating func tryBuild(_ index: Int, sites: Int, keyRoom: Bool = false, builder: inout LevelBuilder, rng: inout RandomStream) -> Int? {
        let bp = catalog.blueprints[index]
        for _ in 0..<sites {
            let w = rng.int(in: bp.width)
            let h = rng.int(in: bp.height)
            let (e, d) = doorSites[rng.below(doorSites.count)]
            let along = rng.below(d.offset.x == 0 ? w : h)
            let origin: Point =
                switch d {
                case .north: Point(e.x - along, e.y - h)
                case .south: Point(e.x - along, e.y + 1)
                case .west: Point(e.x - w, e.y - along)
                default: Point(e.x + 1, e.y - along)
                }
            guard boxIsRock(origin: origin, width: w, height: h, level: builder.level) else { continue }
            var machine = Machine(blueprint: index, origin: origin, width: w, height: h, entrance: e)
            if build(&machine, inner: e + d.offset, blueprint: bp, keyRoom: keyRoom, builder: &builder, rng: &rng) {
                return builder.level.machines.count
            }
        }
        return nil
    }

    /// Builds a key room for each key of machine `n` that asks to be `held-in` one, and moves
    /// the key's spot to the room's key slot; a key whose rooms all fail stays where it lies.
    mutating func buildKeyRooms(for n: Int, builder: inout LevelBuilder, rng: inout RandomStream) {
        let vault = builder.level.machines[n - 1]
        let bp = catalog.blueprints[vault.blueprint]
        for (si, spot) in vault.spots.enumerated() {
            guard let rooms = bp.features[spot.feature].item?.heldIn, !rooms.isEmpty else { continue }
            let deepest = builder.depth >= catalog.deepestLevel
            var candidates = rooms.compactMap { id in
                catalog.blueprints.firstIndex { $0.id == id && $0.depths.contains(builder.depth) && !(deepest && MachinesStage.drops($0, catalog)) }
            }
            while !candidates.isEmpty {
                let pick = rng.below(candidates.count)
                if let room = tryBuild(candidates[pick], sites: 30, keyRoom: true, builder: &builder, rng: &rng) {
                    let holder = builder.level.machines[room - 1]
                    let slot = catalog.blueprints[holder.blueprint].features.firstIndex(where: \.keySlot)
                    if let p = holder.spots.first(where: { $0.feature == slot })?.position {
                        builder.level.machines[n - 1].spots[si].position = p
                    }
                    break
                }
                candidates.remove(at: pick)
            }
        }
    }

    func boxIsRock(origin: Point, width: Int, height: Int, level: Level) -> Bool {
        for y in (origin.y - 1)...(origin.y + height) {
            for x in (origin.x - 1)...(origin.x + width) where !isRock(Point(x, y), level) { return false }
        }
        return true
    }

    /// Carves the room, lays the features and checks that every item and monster spot can be
    /// walked to from the entrance; on failure the level is left as it was.
    mutating func build(
        _ machine: inout Machine,
        inner: Point,
        blueprint bp: Blueprint,
        keyRoom: Bool = false,
        builder: inout LevelBuilder,
        rng: inout RandomStream
    ) -> Bool {
        let saved = builder.level
        let savedTaken = takenOutside.count
        let number = UInt8(truncatingIfNeeded: builder.level.machines.count + 1)
        guard builder.level.machines.count < 254 else { return false }
        var room = MachineRoom(machine, inner: inner, inside: carve(machine, number: number, blueprint: bp, level: &builder.level))
        clearWayIn(inner, level: &builder.level)
        let spots = placeFeatures(of: bp, in: &room, number: number, level: &builder.level, rng: &rng)
        guard let spots, spotsReachable(spots, inner: inner, machine: machine, blueprint: bp, level: builder.level) else {
            builder.level = saved
            takenOutside.removeSubrange(savedTaken...)
            return false
        }
        machine.spots = spots
        machine.keyFeatures = bp.features.indices.filter { bp.features[$0].item?.key == true }
        builder.level.machines.append(machine)
        if !keyRoom { buildKeyRooms(for: builder.level.machines.count, builder: &builder, rng: &rng) }
        return true
    }

    /// Gives the machine's box to machine `number`: floors the room (with the blueprint's floor),
    /// turns granite round it into wall and lays the entrance.
    /// - Returns: the room's cells, row by row.
    func carve(_ machine: Machine, number: UInt8, blueprint bp: Blueprint, level: inout Level) -> [Point] {
        let roles = catalog.roles
        let o = machine.origin
        var inside: [Point] = []
        for y in (o.y - 1)...(o.y + machine.height) {
            for x in (o.x - 1)...(o.x + machine.width) {
                let p = Point(x, y)
                level.machineAt[p] = number
                if machine.contains(p) {
                    inside.append(p)
                    level.setTerrain(roles.floor, layer: .dungeon, at: p, catalog: catalog)
                    lay(bp.floor, at: p, level: &level)
                } else if level.terrain(.dungeon, at: p) == roles.granite {
                    level.setTerrain(roles.wall, layer: .dungeon, at: p, catalog: catalog)
                }
            }
        }
        lay(bp.entrance, at: machine.entrance, orDefault: roles.floor, level: &level)
        return inside
    }

    /// The cell inside the entrance must be stood on to enter: a floor of chasm or deep water
    /// leaves it dry (a `path` lays its own terrain there as well).
    func clearWayIn(_ inner: Point, level: inout Level) {
        let drops = TerrainFlags.hazards.union(.isDeep)
        guard let t = level.terrain(.liquid, at: inner), !catalog.terrains[t].flags.isDisjoint(with: drops) else { return }
        level.setTerrain(nil, layer: .liquid, at: inner, catalog: catalog)
    }

    /// Lays terrain `id` on its layer (on floor, for a layer above the dungeon), or the dungeon
    /// terrain `fallback` when there is no such terrain.
    func lay(_ id: String?, at p: Point, orDefault fallback: Int? = nil, level: inout Level) {
        let roles = catalog.roles
        if let id, let t = catalog.terrainIndexByID[id] {
            let layer = catalog.terrains[t].layer
            if layer != .dungeon && level.terrain(.dungeon, at: p) != roles.floor {
                level.setTerrain(roles.floor, layer: .dungeon, at: p, catalog: catalog)
            }
            level.setTerrain(t, layer: layer, at: p, catalog: catalog)
        } else if let fallback {
            level.setTerrain(fallback, layer: .dungeon, at: p, catalog: catalog)
        }
    }

    /// Places each feature of the blueprint its rolled number of times, stopping at the first that
    /// finds no spot.
    /// - Returns: the spots of items and monsters, or nil when a feature got fewer than its least count.
    mutating func placeFeatures(
        of bp: Blueprint,
        in room: inout MachineRoom,
        number: UInt8,
        level: inout Level,
        rng: inout RandomStream
    ) -> [MachineSpot]? {
        var spots: [MachineSpot] = []
        for (fi, f) in bp.features.enumerated() {
            if f.placement == .path {
                layPath(f, feature: fi, in: &room, level: &level, spots: &spots)
                continue
            }
            let count = rng.int(in: f.count)
            for n in 0..<count {
                guard let p = spot(for: f.placement, in: room, level: level, rng: &rng) else { return n < f.count.lowerBound ? nil : spots }
                if room.machine.contains(p) { room.used[room.local(p)] = true }
                if f.placement == .outside || f.placement == .outsideWall { takenOutside.append(p) }
                if f.placement == .outsideWall || f.placement == .wall { level.machineAt[p] = number }
                if f.placement == .pathEnd || f.placement == .pathStart { level.setTerrain(nil, layer: .liquid, at: p, catalog: catalog) }
                if let t = f.terrain { lay(t, at: p, level: &level) }
                if f.item != nil || f.monster != nil || f.keySlot { spots.append(MachineSpot(position: p, feature: fi)) }
            }
        }
        return spots
    }

    /// A `path` feature: the line from the entrance across the room, cleared of its liquid and
    /// laid with the feature's terrain, the cell inside the entrance included (it must be
    /// walkable for the room to be entered at all).
    private func layPath(_ f: BlueprintFeature, feature fi: Int, in room: inout MachineRoom, level: inout Level, spots: inout [MachineSpot]) {
        for p in room.path where room.isFree(p) || p == room.path.first {
            room.used[room.local(p)] = true
            level.setTerrain(nil, layer: .liquid, at: p, catalog: catalog)
            if let t = f.terrain { lay(t, at: p, level: &level) }
            if f.item != nil || f.monster != nil || f.keySlot { spots.append(MachineSpot(position: p, feature: fi)) }
        }
    }

    /// Where the next feature placed `placement` goes, or nil when nowhere fits.
    func spot(for placement: FeaturePlacement, in room: MachineRoom, level: Level, rng: inout RandomStream) -> Point? {
        let machine = room.machine
        switch placement {
        case .interior:
            return rng.pick(room.inside.filter(room.isFree))
        case .center:
            return room.inside.filter(room.isFree).min { $0.distance(to: room.center) < $1.distance(to: room.center) }
        case .far:
            return room.inside.filter(room.isFree).max { room.distance[room.local($0)] < room.distance[room.local($1)] }
        case .edge:
            return rng.pick(room.inside.filter { room.isFree($0) && room.isOnRing($0) })
        case .pathEnd:
            return room.path.last(where: room.isFree)
        case .pathStart:
            return room.path.first(where: room.isFree)
        case .path:
            return nil
        case .wall:
            var walls: [Point] = []
            for p in room.inside where room.isOnRing(p) {
                for d in Direction.cardinals where !machine.contains(p + d.offset) && p + d.offset != machine.entrance {
                    let q = p + d.offset
                    if level.terrain(.dungeon, at: q) == catalog.roles.wall && !walls.contains(q) { walls.append(q) }
                }
            }
            return rng.pick(walls)
        case .outside:
            for _ in 0..<60 {
                guard let p = rng.pick(reachableFloor) else { return nil }
                if isPlainFloor(p, level) && !takenOutside.contains(p) && p != level.upStairs && p != level.downStairs { return p }
            }
            return nil
        case .outsideWall:
            for _ in 0..<60 {
                guard let p = rng.pick(reachableFloor), isPlainFloor(p, level) else { continue }
                let q = p + Direction.cardinals[rng.below(4)].offset
                if level.terrain(.dungeon, at: q) == catalog.roles.wall && level.machineAt[q] == 0 && LevelBuilder.isInterior(q)
                    && !takenOutside.contains(q)
                {
                    return q
                }
            }
            return nil
        }
    }
}
