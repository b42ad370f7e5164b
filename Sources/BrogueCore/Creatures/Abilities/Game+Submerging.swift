/// Water dwellers (`submerges`): they keep to deep water, sink out of sight between bites, and
/// cannot be struck while under.
extension Game {
    /// Whether monster `i` may stand on `p` at all: a water dweller only in deep water.
    func habitatAllows(_ i: Int, _ p: Point) -> Bool {
        !catalog.monsters[monsters[i].kind].flags.contains(.submerges) || level.has(.isDeep, at: p)
    }

    /// The cells monster `i` may choose as its next step: free, and in deep water for a water dweller.
    func stepFilter(for i: Int) -> (Point) -> Bool {
        guard catalog.monsters[monsters[i].kind].flags.contains(.submerges) else { return isFreeForMonster }
        let deep = level.flags
        let at = player.position
        let taken = Set(monsters.lazy.filter { $0.hp > 0 }.map(\.position))
        return { p in deep[p].contains(.isDeep) && p != at && !taken.contains(p) }
    }

    /// At the start of a water dweller's turn it sinks if it stands in deep water.
    mutating func submergeIfAble(_ i: Int) {
        guard catalog.monsters[monsters[i].kind].flags.contains(.submerges), !monsters[i].submerged else { return }
        monsters[i].submerged = level.has(.isDeep, at: monsters[i].position)
    }

    /// Monster `i` has attacked: it was on the surface to bite, and half the time sinks again at once.
    mutating func afterAttack(_ i: Int) {
        guard monsters[i].hp > 0, catalog.monsters[monsters[i].kind].flags.contains(.submerges) else { return }
        monsters[i].submerged = level.has(.isDeep, at: monsters[i].position) && rng.percent(50)
    }

    /// Monster `i` comes up to strike.
    mutating func surface(_ i: Int) { monsters[i].submerged = false }
}
