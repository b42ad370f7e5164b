/// Bridges across chasms and deep water, as Brogue builds them: a straight run of the
/// profile's bridge terrain from dry ground to dry ground, laid only where walking round is at
/// least `detour` times as long. The liquid under a bridge is cleared; lava and brimstone are
/// never bridged. Runs after the stairs, so no stairs, decoration or trap lands on a bridge.
public struct BridgesStage: GenerationStage {
    /// Candidates measured per bridge wanted, before the stage gives up.
    public var triesPerBridge = 8

    public init() {}

    /// A straight run of liquid cells between two dry cells.
    struct Span {
        var start: Point
        var step: Point
        var length: Int

        var end: Point { Point(start.x + step.x * (length + 1), start.y + step.y * (length + 1)) }
        func cell(_ k: Int) -> Point { Point(start.x + step.x * (k + 1), start.y + step.y * (k + 1)) }
    }

    public func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        guard let spec = builder.profile.bridges, let kind = builder.catalog.terrainIndexByID[spec.terrain] else { return }
        let wanted = spec.count.value(at: builder.depth)
        guard wanted > 0 else { return }
        let spannable = builder.catalog.terrains.map { t in
            (t.flags.contains(.isDeep) || t.flags.contains(.autoDescent))
                && t.flags.isDisjoint(with: [.blocksMovement, .lethalFire, .causesDamage, .promotesOnStep, .isTrap])
        }
        var spans = Self.spans(builder, spannable: spannable, maxLength: spec.maxLength)
        guard !spans.isEmpty else { return }
        rng.shuffle(&spans)
        var laid = 0
        var tried = 0
        for s in spans where laid < wanted && tried < triesPerBridge * wanted {
            // An earlier bridge may have crossed this run already.
            guard (0..<s.length).allSatisfy({ !builder.isDry(s.cell($0)) }) else { continue }
            tried += 1
            guard builder.walk(from: s.start, to: s.end, isAtLeast: spec.detour * (s.length + 1)) else { continue }
            let layer = builder.catalog.terrains[kind].layer
            for k in 0..<s.length {
                let p = s.cell(k)
                builder.liquid[p] = -1
                builder.plan[p] = .floor
                builder.level.setTerrain(nil, layer: .liquid, at: p, catalog: builder.catalog)
                builder.level.setTerrain(kind, layer: layer, at: p, catalog: builder.catalog)
            }
            laid += 1
        }
    }

    /// Every run, east or south, of 2 to `maxLength` spannable liquid cells from a dry cell to
    /// a dry cell, with chasm or deep water on both sides of every cell, in cell order.
    static func spans(_ builder: LevelBuilder, spannable: [Bool], maxLength: Int) -> [Span] {
        var out: [Span] = []
        func open(_ p: Point) -> Bool {
            guard builder.plan.contains(p), builder.plan[p] != .rock else { return false }
            let l = builder.liquid[p]
            return l >= 0 && spannable[Int(l)]
        }
        // The plan still counts a secret door as a doorway; a bridge must end on open ground.
        func ground(_ p: Point) -> Bool { builder.level.isPassable(p) && !builder.level.has(.isSecret, at: p) }
        for i in builder.plan.cells.indices where builder.isDry(index: i) {
            let a = builder.plan.point(at: i)
            for step in [Point(1, 0), Point(0, 1)] {
                var length = 0
                var c = a + step
                let side = Point(step.y, step.x)
                while LevelBuilder.isInterior(c) && builder.plan[c] != .rock && !builder.isDry(c) && length <= maxLength {
                    let l = builder.liquid[c]
                    guard l >= 0, spannable[Int(l)] else { break }
                    // A bridge spans open chasm or water: no wall, shore or lava alongside it.
                    guard open(c + side), open(c - side) else {
                        length = 0
                        break
                    }
                    length += 1
                    c = c + step
                }
                if length >= 2 && length <= maxLength && LevelBuilder.isInterior(c) && builder.isDry(c) && ground(a) && ground(c) {
                    out.append(Span(start: a, step: step, length: length))
                }
            }
        }
        return out
    }
}

extension LevelBuilder {
    /// Whether walking from `a` to `b` over dry cells (4-connected, not through secret doors)
    /// takes at least `needed` steps, or cannot be done at all.
    mutating func walk(from a: Point, to b: Point, isAtLeast needed: Int) -> Bool {
        epoch &+= 1
        queue.removeAll(keepingCapacity: true)
        queue.append(a)
        stamp[a] = epoch
        var head = 0
        var layerEnd = 1
        var distance = 0
        while head < queue.count {
            if head == layerEnd {
                distance += 1
                layerEnd = queue.count
                if distance >= needed { return true }
            }
            let p = queue[head]
            head += 1
            if p == b { return false }
            for d in Direction.cardinals {
                let n = p + d.offset
                guard plan.contains(n), stamp[n] != epoch, isDry(n), !level.has(.isSecret, at: n) else { continue }
                stamp[n] = epoch
                queue.append(n)
            }
        }
        return true
    }
}
