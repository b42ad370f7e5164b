extension GeneratorProfile {
    /// What no single file can check: terrain ids exist and fit their use, and the profiles
    /// cover every depth.
    static func problems(_ profiles: [GeneratorProfile], terrainIndexByID: [String: Int], terrains: [TerrainKind]) -> [String] {
        guard !profiles.isEmpty else { return [] }
        var problems: [String] = []
        for p in profiles {
            for id in p.terrainIDs where terrainIndexByID[id] == nil {
                problems.append("generator '\(p.id)' names unknown terrain '\(id)'")
            }
            for lake in p.lakes {
                if let t = terrainIndexByID[lake.deep], terrains[t].layer != .liquid {
                    problems.append("generator '\(p.id)': lake terrain '\(lake.deep)' is not on the liquid layer")
                }
                if let s = lake.shallow, let t = terrainIndexByID[s], terrains[t].flags.contains(.blocksMovement) || terrains[t].layer != .liquid {
                    problems.append("generator '\(p.id)': lake wreath '\(s)' must be a liquid that does not block movement")
                }
            }
            for d in p.decorations where d.placement == .floor {
                if let t = terrainIndexByID[d.terrain], terrains[t].flags.contains(.blocksMovement) {
                    problems.append("generator '\(p.id)': floor decoration '\(d.terrain)' blocks movement and could cut the level in two")
                }
            }
        }
        for depth in 1...Dungeon.deepestLevel where !profiles.contains(where: { $0.depths.contains(depth) }) {
            problems.append("no generator profile covers depth \(depth)")
        }
        return problems
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
        }
        return h.value
    }
}
