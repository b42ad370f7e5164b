/// Lakes: blobs of deep liquid (water, lava, chasm, brimstone) with a wreath of shallow liquid,
/// drawn over rock and floor alike. A lake is kept only if every dry cell of the level is still
/// connected to every other afterwards (deep liquid and hazards count as walls here: no one
/// must swim or cross lava to get anywhere). The deepest level gets no chasm.
public struct LakesStage: GenerationStage {
    /// Places tried per lake.
    public var placesPerLake = 20

    public init() {}

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        let ids = builder.catalog.terrainIndexByID
        for spec in builder.profile.lakes where builder.depth >= spec.minDepth {
            guard let deep = ids[spec.deep] else { continue }
            // Nothing on the deepest level may drop a creature further: no chasms there.
            if builder.depth >= builder.catalog.deepestLevel && builder.catalog.terrains[deep].flags.contains(.autoDescent) { continue }
            let shallow = spec.shallow.flatMap { ids[$0] }
            let chance = spec.chance.value(at: builder.depth)
            for _ in 0..<spec.attempts where rng.percent(chance) {
                let w = rng.int(in: spec.width)
                let h = rng.int(in: spec.height)
                var blob = Grid(width: w + 2, height: h + 2, filling: false)
                RoomShape.cave(&blob, w: w, h: h, rng: &rng)
                var cells: [Point] = []
                for i in blob.cells.indices where blob.cells[i] { cells.append(blob.point(at: i)) }
                for _ in 0..<placesPerLake {
                    let offset = Point(rng.int(in: 0...max(0, Dungeon.width - 3 - w)), rng.int(in: 0...max(0, Dungeon.height - 3 - h)))
                    if place(cells, at: offset, deep: deep, shallow: shallow, wreath: spec.wreath, &builder) { break }
                }
            }
        }
    }

    func place(_ cells: [Point], at offset: Point, deep: Int, shallow: Int?, wreath: Int, _ builder: inout LevelBuilder) -> Bool {
        var touchesFloor = false
        for c in cells {
            let p = c + offset
            guard LevelBuilder.isInterior(p) else { return false }
            let cell = builder.plan[p]
            if cell == .doorway || cell == .loopDoorway { return false }
            if cell == .floor { touchesFloor = true }
        }
        guard touchesFloor else { return false }
        let savedPlan = builder.plan
        let savedLiquid = builder.liquid
        for c in cells {
            let p = c + offset
            builder.plan[p] = .floor
            builder.liquid[p] = Int16(deep)
        }
        if let shallow, wreath > 0 {
            for c in cells {
                let p = c + offset
                for yy in (p.y - wreath)...(p.y + wreath) {
                    for xx in (p.x - wreath)...(p.x + wreath) {
                        let q = Point(xx, yy)
                        guard LevelBuilder.isInterior(q), builder.liquid[q] < 0 else { continue }
                        let cell = builder.plan[q]
                        guard cell == .floor || cell == .rock else { continue }
                        builder.plan[q] = .floor
                        builder.liquid[q] = Int16(shallow)
                    }
                }
            }
        }
        if builder.isConnected() { return true }
        builder.plan = savedPlan
        builder.liquid = savedLiquid
        return false
    }
}
