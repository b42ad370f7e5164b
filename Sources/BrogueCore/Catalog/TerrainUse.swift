/// A way content uses a terrain by id, and what that use asks of the terrain. The catalog
/// checks every use; the content loader checks the same at the place the id is written.
public enum TerrainUse: Hashable, Sendable {
    /// The body of a lake (`deep`).
    case lakeBody
    /// The wreath round a lake (`shallow`).
    case lakeWreath
    /// A decoration laid on open floor.
    case floorDecoration
    /// A decoration with `placement: trap`.
    case trap
    /// The terrain a bridge stage lays.
    case bridge
    /// `on-step` or `decays-to` of a terrain on `layer`: it replaces that terrain in place.
    case replaces(TerrainLayer)

    /// How messages name the use: "lake wreath", "trap decoration".
    public var noun: String {
        switch self {
        case .lakeBody: "lake terrain"
        case .lakeWreath: "lake wreath"
        case .floorDecoration: "floor decoration"
        case .trap: "trap decoration"
        case .bridge: "bridge terrain"
        case .replaces: "terrain"
        }
    }

    /// What is wrong with using `kind` this way, or nil when it fits.
    public func problem(_ kind: TerrainKind) -> String? {
        let f = kind.flags
        let hazard = !f.isDisjoint(with: .hazards)
        switch self {
        case .lakeBody:
            return kind.layer != .liquid ? "is not on the liquid layer" : nil
        case .lakeWreath:
            return f.contains(.blocksMovement) || kind.layer != .liquid || hazard || f.contains(.isDeep)
                ? "must be a liquid that does not block movement, is not deep and is no hazard" : nil
        case .floorDecoration:
            if f.contains(.blocksMovement) { return "blocks movement and could cut the level in two" }
            return hazard ? "is a hazard and could cut the level in two (lakes and 'placement: trap' place hazards)" : nil
        case .trap:
            if !f.contains(.isTrap) { return "is not flagged 'is-trap'" }
            return kind.layer != .dungeon || f.contains(.blocksMovement) ? "must be on the dungeon layer and not block movement" : nil
        case .bridge:
            if !f.contains(.isBridge) { return "is not flagged 'bridge'" }
            return kind.layer != .dungeon || f.contains(.blocksMovement) || hazard || f.contains(.isLiquid)
                ? "must be on the dungeon layer, not block movement, and be neither liquid nor a hazard" : nil
        case .replaces(let layer):
            return kind.layer != layer ? "is on the \(kind.layer.name) layer, not the \(layer.name) layer of the terrain it replaces" : nil
        }
    }
}

extension TerrainKind {
    /// What is wrong with the hazard and trap fields of `kinds` (ids resolved by `indexByID`).
    static func problems(_ kinds: [TerrainKind], indexByID: [String: Int]) -> [String] {
        var out: [String] = []
        for k in kinds {
            out += k.fieldProblems.map { "terrain '\(k.id)' \($0)" }
            for (field, id) in [("on-step", k.onStep), ("decays-to", k.decaysTo)] {
                guard let id else { continue }
                guard let t = indexByID[id] else {
                    out.append("terrain '\(k.id)': '\(field)' names unknown terrain '\(id)'")
                    continue
                }
                if let p = TerrainUse.replaces(k.layer).problem(kinds[t]) { out.append("terrain '\(k.id)': '\(field)' terrain '\(id)' \(p)") }
            }
        }
        return out
    }

    /// Problems within one kind's own fields, phrased to follow "terrain 'x' ".
    public var fieldProblems: [String] {
        var out: [String] = []
        if trap != nil && !flags.contains(.isTrap) { out.append("has a 'trap' effect but is not flagged 'is-trap'") }
        if flags.contains(.isTrap) && trap == nil && !flags.contains(.autoDescent) {
            out.append("is flagged 'is-trap' but springs nothing: give it a 'trap' effect or 'auto-descent'")
        }
        if flags.contains(.promotesOnStep) != (onStep != nil) { out.append("needs both the 'promotes-on-step' flag and 'on-step', or neither") }
        if flags.contains(.causesDamage) && damage == nil { out.append("is flagged 'causes-damage' but gives no 'damage'") }
        if trap == .fire && damage == nil { out.append("is a fire trap but gives no 'damage'") }
        return out
    }
}
