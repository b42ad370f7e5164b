/// Searching for secrets: `s`, and the strong search that ends a run of them.
extension Game {
    /// One turn of searching: an ordinary search, or a strong one (twice as far, sure of every
    /// secret in view) when it ends a run of `PlayerKind.strongSearchTurns` searches in a row.
    mutating func searchTurn(_ events: inout [GameEvent]) {
        let ordinary = min(100, max(0, 30 + ringBonus(.awareness)))
        let strong = catalog.player.strongSearchTurns
        guard strong > 0 else {
            search(radius: 5, adjacentSurely: true, chance: ordinary, &events)
            return
        }
        searchTurns += 1
        guard searchTurns >= strong else {
            search(radius: 5, adjacentSurely: true, chance: ordinary, &events)
            return
        }
        searchTurns = 0
        events.append(.message("You finish a thorough search of your surroundings.", .info))
        search(radius: 10, adjacentSurely: true, chance: 100, &events)
    }
}
