import BrogueCore

/// Which monster stands and which item lies on each map cell of the current level, found once
/// for a painted screen. Looking them up with a scan of every monster or item for each of the
/// map's cells cost cells × monsters (and × items) on every frame.
struct MapOccupants {
    /// Per cell (row by row), the index in `game.monsters` of the first monster there, or -1.
    private var first: [Int32]
    /// The same for the first ally there.
    private var firstAlly: [Int32]
    /// Per cell, the index in `game.level.items` of the first item there, or -1.
    private var firstItem: [Int32]

    init(_ game: Game) {
        first = Array(repeating: -1, count: Dungeon.width * Dungeon.height)
        firstAlly = first
        firstItem = first
        for (i, m) in game.monsters.enumerated() {
            guard let k = Self.offset(m.position) else { continue }
            if first[k] < 0 { first[k] = Int32(i) }
            if m.state == .ally, firstAlly[k] < 0 { firstAlly[k] = Int32(i) }
        }
        for (i, floor) in game.level.items.enumerated() {
            guard let k = Self.offset(floor.position) else { continue }
            if firstItem[k] < 0 { firstItem[k] = Int32(i) }
        }
    }

    /// The first monster at `p`, as `game.monsterIndex(at:)` finds it.
    func monster(at p: Point) -> Int? { Self.offset(p).flatMap { first[$0] < 0 ? nil : Int(first[$0]) } }

    /// The first ally at `p`.
    func ally(at p: Point) -> Int? { Self.offset(p).flatMap { firstAlly[$0] < 0 ? nil : Int(firstAlly[$0]) } }

    /// The first item at `p`, as `level.itemIndex(at:)` finds it.
    func item(at p: Point) -> Int? { Self.offset(p).flatMap { firstItem[$0] < 0 ? nil : Int(firstItem[$0]) } }

    private static func offset(_ p: Point) -> Int? {
        guard p.x >= 0, p.x < Dungeon.width, p.y >= 0, p.y < Dungeon.height else { return nil }
        return p.y * Dungeon.width + p.x
    }
}
