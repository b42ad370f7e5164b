extension Blueprint {
    /// The largest room inside a machine can have: the map less its rim and the room's walls.
    public static let maxWidth = Dungeon.width - 4
    public static let maxHeight = Dungeon.height - 4

    /// What no single file can check: names exist and fit their use, and every blueprint can
    /// fit somewhere (a blueprint that never fits is refused here, not tried forever).
    static func problems(
        _ blueprints: [Blueprint],
        terrainIndexByID: [String: Int],
        monsterIndexByID: [String: Int],
        itemIndexByID: [String: Int],
        items: [ItemKind]
    ) -> [String] {
        var problems: [String] = []
        var seen: [String: Bool] = [:]
        for b in blueprints {
            if seen[b.id] != nil { problems.append("duplicate blueprint id '\(b.id)'") }
            seen[b.id] = true
            for id in b.terrainIDs where terrainIndexByID[id] == nil {
                problems.append("blueprint '\(b.id)' names unknown terrain '\(id)'")
            }
            if b.width.upperBound > maxWidth || b.height.upperBound > maxHeight || b.width.lowerBound < 1 || b.height.lowerBound < 1 {
                problems.append(
                    "blueprint '\(b.id)' asks for a room up to \(b.width.upperBound)x\(b.height.upperBound); it can never fit (at most \(maxWidth)x\(maxHeight) inside its walls)"
                )
            }
            let most = b.width.upperBound * b.height.upperBound
            if b.cellsNeeded > most {
                problems.append(
                    "blueprint '\(b.id)' needs \(b.cellsNeeded) inside cells for its features but its largest room has \(most); it can never fit"
                )
            }
            for (i, f) in b.features.enumerated() {
                let place = "feature \(i + 1) of blueprint '\(b.id)'"
                if let k = f.item?.kind {
                    if itemIndexByID[k] == nil { problems.append("\(place) names unknown item '\(k)'") }
                }
                if f.item?.key == true {
                    let keyOK = f.item?.kind.flatMap { itemIndexByID[$0] }.map { items[$0].category == .key } ?? false
                    if !keyOK { problems.append("\(place) is a key but its item is not of category 'key'") }
                    if f.placement.isInside || f.placement == .wall { problems.append("\(place): a key must be placed 'outside' its own room") }
                }
                if let k = f.monster?.kind, monsterIndexByID[k] == nil { problems.append("\(place) names unknown monster '\(k)'") }
                if (f.item != nil || f.monster != nil) && (f.placement == .wall || f.placement == .outsideWall) {
                    problems.append("\(place) puts an item or monster in a wall; use an inside placement or 'outside'")
                }
                if f.keySlot && !f.placement.isInside { problems.append("\(place) is a key slot; place it inside its room") }
                if f.keySlot && f.item != nil { problems.append("\(place) is a key slot; it holds the key, so give it no 'item'") }
                for holder in f.item?.heldIn ?? [] {
                    guard let h = blueprints.first(where: { $0.id == holder }) else {
                        problems.append("\(place) names unknown key room '\(holder)' in 'held-in'")
                        continue
                    }
                    if h.features.filter(\.keySlot).count != 1 {
                        problems.append("\(place): key room '\(holder)' needs exactly one 'key-slot' feature")
                    }
                    if h.features.contains(where: { !($0.item?.heldIn.isEmpty ?? true) }) {
                        problems.append("\(place): key room '\(holder)' holds a key of its own in another room; key rooms do not nest")
                    }
                }
                if !(f.item?.heldIn.isEmpty ?? true) && f.item?.key != true { problems.append("\(place) has 'held-in' but is no key") }
                if f.monster != nil && f.placement == .outside { problems.append("\(place): monsters stay in their machine; 'outside' is for keys") }
            }
        }
        return problems
    }

    /// Mixes the blueprints into the content hash (unchanged when there are none).
    static func hash(_ blueprints: [Blueprint], base: UInt64) -> UInt64 {
        guard !blueprints.isEmpty else { return base }
        var h = StableHasher()
        h.combine(base)
        h.combine(blueprints.count)
        for b in blueprints {
            h.combine(b.id)
            h.combine(b.name)
            h.combine(b.depths)
            h.combine(b.frequency)
            h.combine(b.width)
            h.combine(b.height)
            h.combine(b.entrance)
            h.combine(b.floor)
            h.combine(b.features.count)
            for f in b.features {
                h.combine(f.terrain)
                h.combine(f.placement.rawValue)
                h.combine(f.count)
                h.combine(f.item?.kind)
                h.combine(f.item?.categories.map(\.rawValue).joined(separator: ",") ?? "-")
                h.combine(f.item?.key ?? false)
                h.combine(f.monster?.kind)
                h.combine(f.monster?.state.rawValue ?? "-")
                // Mixed in only when set, so blueprints without them hash as before.
                if f.keySlot { h.combine("key-slot") }
                if let i = f.item, !i.heldIn.isEmpty || i.leastEnchant != 0 {
                    h.combine(i.heldIn.joined(separator: ","))
                    h.combine(i.leastEnchant)
                }
            }
        }
        return h.value
    }
}
