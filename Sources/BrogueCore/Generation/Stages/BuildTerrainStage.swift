/// Turns the plan into terrain: rock stays granite (walls where it touches open cells),
/// floor and liquids are laid, doorways get doors (`door-chance`), and loop doorways may
/// become secret doors (`secret-doors`, by depth). A secret door is only placed where the
/// level stays connected without it, so every cell is reachable without finding a secret.
public struct BuildTerrainStage: GenerationStage {
    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let catalog = builder.catalog
        let roles = catalog.roles
        let secretChance = builder.profile.secretDoors.value(at: builder.depth)
        var secrets: [Point] = []
        for i in builder.plan.cells.indices where builder.plan.cells[i] == .loopDoorway && rng.percent(secretChance) {
            let p = builder.plan.point(at: i)
            builder.plan[p] = .rock
            if builder.isConnected() { secrets.append(p) } else { builder.plan[p] = .loopDoorway }
        }
        for i in builder.plan.cells.indices {
            let p = builder.plan.point(at: i)
            switch builder.plan[p] {
            case .rock: continue
            case .floor: builder.level.setTerrain(roles.floor, layer: .dungeon, at: p, catalog: catalog)
            case .doorway, .loopDoorway:
                let door = rng.percent(builder.profile.doorChance)
                builder.level.setTerrain(door ? roles.door : roles.floor, layer: .dungeon, at: p, catalog: catalog)
            }
            let l = builder.liquid[p]
            if l >= 0 { builder.level.setTerrain(Int(l), layer: catalog.terrains[Int(l)].layer, at: p, catalog: catalog) }
        }
        for p in secrets {
            builder.plan[p] = .loopDoorway
            builder.level.setTerrain(roles.secretDoor, layer: .dungeon, at: p, catalog: catalog)
        }
        LevelGenerator.encloseInWalls(&builder.level, catalog: catalog)
    }
}

/// Up stairs in the entrance room (the dungeon exit on depth 1), down stairs on a dry floor
/// cell at least three quarters of the level's greatest walking distance away.
public struct StairsStage: GenerationStage {
    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let catalog = builder.catalog
        let roles = catalog.roles
        func bare(_ p: Point) -> Bool { builder.plan[p] == .floor && builder.liquid[p] < 0 }
        var choices = builder.entranceCells.filter(bare)
        if choices.isEmpty {
            choices = builder.plan.cells.indices.map { builder.plan.point(at: $0) }.filter(bare)
        }
        let up = rng.pick(choices) ?? Point(Dungeon.width / 2, Dungeon.height / 2)
        // Walking distance from the up stairs over dry cells.
        var dist = Grid(width: Dungeon.width, height: Dungeon.height, filling: -1)
        var queue = [up]
        dist[up] = 0
        var head = 0
        var best = 0
        while head < queue.count {
            let p = queue[head]
            head += 1
            for d in Direction.cardinals {
                let n = p + d.offset
                guard dist.contains(n), dist[n] < 0, builder.isDry(n) else { continue }
                dist[n] = dist[p] + 1
                best = max(best, dist[n])
                queue.append(n)
            }
        }
        let far = queue.filter { $0 != up && bare($0) && dist[$0] * 4 >= best * 3 }
        let down = rng.pick(far) ?? queue.last ?? up
        builder.level.setTerrain(builder.depth == 1 ? roles.dungeonExit : roles.upStairs, layer: .dungeon, at: up, catalog: catalog)
        builder.level.setTerrain(roles.downStairs, layer: .dungeon, at: down, catalog: catalog)
        builder.level.upStairs = up
        builder.level.downStairs = down
        builder.level.waypoints = builder.roomCenters.filter { builder.isDry($0) && $0 != up && $0 != down }
        if builder.level.waypoints.isEmpty { builder.level.waypoints = [up] }
    }
}

/// Patches of grass, fungus, rubble on floor, torches in walls and single traps, per the
/// profile's decorations and their counts by depth. Decorations never go on stairs, doors,
/// bridges or liquid; traps also keep the level connected (`LevelBuilder.placeTrap`).
public struct DecorationStage: GenerationStage {
    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let catalog = builder.catalog
        let roles = catalog.roles
        for spec in builder.profile.decorations {
            guard let t = catalog.terrainIndexByID[spec.terrain] else { continue }
            let layer = catalog.terrains[t].layer
            for _ in 0..<max(0, spec.count.value(at: builder.depth)) {
                switch spec.placement {
                case .floor:
                    func open(_ p: Point) -> Bool {
                        builder.level.terrain(.dungeon, at: p) == roles.floor && builder.liquid[p] < 0
                            && builder.level.terrain(.surface, at: p) == nil
                    }
                    var p = Point(rng.int(in: 1...(Dungeon.width - 2)), rng.int(in: 1...(Dungeon.height - 2)))
                    var tries = 0
                    while !open(p) && tries < 30 {
                        p = Point(rng.int(in: 1...(Dungeon.width - 2)), rng.int(in: 1...(Dungeon.height - 2)))
                        tries += 1
                    }
                    guard open(p) else { continue }
                    for _ in 0..<rng.int(in: spec.size) {
                        if open(p) { builder.level.setTerrain(t, layer: layer, at: p, catalog: catalog) }
                        let n = p + Direction.allCases[rng.below(8)].offset
                        if LevelBuilder.isInterior(n) { p = n }
                    }
                case .wall:
                    for _ in 0..<30 {
                        let p = Point(rng.int(in: 1...(Dungeon.width - 2)), rng.int(in: 1...(Dungeon.height - 2)))
                        guard builder.level.terrain(.dungeon, at: p) == roles.wall,
                            Direction.cardinals.contains(where: { d in
                                let n = p + d.offset
                                return builder.level.isPassable(n) && !builder.level.has(.isDeep, at: n)
                            })
                        else { continue }
                        builder.level.setTerrain(t, layer: layer, at: p, catalog: catalog)
                        break
                    }
                case .trap:
                    builder.placeTrap(t, rng: &rng)
                }
            }
        }
    }
}

/// Marks the cells lit by glowing terrain.
public struct LightStage: GenerationStage {
    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        LevelGenerator.computeLight(&builder.level)
    }
}
