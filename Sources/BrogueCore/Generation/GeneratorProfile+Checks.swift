extension GeneratorProfile {
    /// What no single file can check: terrain ids exist and fit their use, and the profiles
    /// cover every depth.
    static func problems(_ profiles: [GeneratorProfile], terrainIndexByID: [String: Int], terrains: [TerrainKind], depths: Int) -> [String] {
        guard !profiles.isEmpty else { return [] }
        var problems: [String] = []
        for p in profiles {
            for id in p.terrainIDs where terrainIndexByID[id] == nil {
                problems.append("generator '\(p.id)' names unknown terrain '\(id)'")
            }
            for (id, use) in p.terrainUses {
                if let t = terrainIndexByID[id], let problem = use.problem(terrains[t]) {
                    problems.append("generator '\(p.id)': \(use.noun) '\(id)' \(problem)")
                }
            }
        }
        for depth in 1...max(1, depths) where !profiles.contains(where: { $0.depths.contains(depth) }) {
            problems.append("no generator profile covers depth \(depth)")
        }
        return problems
    }

    /// Each terrain id the profile names, with the use it is put to.
    public var terrainUses: [(String, TerrainUse)] {
        var out: [(String, TerrainUse)] = []
        for lake in lakes {
            out.append((lake.deep, .lakeBody))
            if let s = lake.shallow { out.append((s, .lakeWreath)) }
        }
        for d in decorations {
            switch d.placement {
            case .floor: out.append((d.terrain, .floorDecoration))
            case .trap: out.append((d.terrain, .trap))
            case .wall: break
            }
        }
        if let b = bridges { out.append((b.terrain, .bridge)) }
        return out
    }

    /// Mixes the profiles into the content hash (unchanged when there are none).
    static func hash(_ profiles: [GeneratorProfile], base: UInt64) -> UInt64 {
        guard !profiles.isEmpty else { return base }
        var h = StableHasher()
        h.combine(base)
        h.combine(profiles.count)
        func curve(_ c: DepthCurve) { for v in [c.start, c.end, c.fromDepth, c.toDepth] { h.combine(v) } }
        func room(_ r: RoomSpec) {
            h.combine(r.design.rawValue)
            h.combine(r.weight)
            h.combine(r.width)
            h.combine(r.height)
        }
        for p in profiles {
            h.combine(p.id)
            // Only when set, so profiles without plugin stages keep their hash.
            if !p.stages.isEmpty { for name in p.stages { h.combine(name) } }
            h.combine(p.depths)
            room(p.entrance)
            h.combine(p.rooms.count)
            p.rooms.forEach(room)
            for v in [p.roomAttempts, p.corridorChance, p.loops, p.loopMinDistance, p.doorChance] { h.combine(v) }
            curve(p.secretDoors)
            curve(p.machines)
            h.combine(p.lakes.count)
            for l in p.lakes {
                h.combine(l.deep)
                h.combine(l.shallow)
                curve(l.chance)
                for v in [l.attempts, l.wreath, l.minDepth] { h.combine(v) }
                h.combine(l.width)
                h.combine(l.height)
            }
            h.combine(p.decorations.count)
            for d in p.decorations {
                h.combine(d.terrain)
                h.combine(d.placement.rawValue)
                curve(d.count)
                h.combine(d.size)
            }
            h.combine(p.bridges != nil)
            if let b = p.bridges {
                h.combine(b.terrain)
                curve(b.count)
                h.combine(b.maxLength)
                h.combine(b.detour)
            }
        }
        return h.value
    }
}
