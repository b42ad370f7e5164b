// Short descriptions, so logs and test failures show a summary rather than every cell.

extension Game: CustomStringConvertible {
    public var description: String {
        "Game(seed: \(seed), depth: \(depth), turn: \(turn), hp: \(player.hp)/\(player.maxHP), outcome: \(outcome), stateHash: \(stateHash.hex16))"
    }
}

extension Level: CustomStringConvertible {
    public var description: String {
        "Level(depth: \(depth), up: \(upStairs), down: \(downStairs), items: \(items.count))"
    }
}

extension ContentCatalog: CustomStringConvertible {
    public var description: String {
        "ContentCatalog(\(terrains.count) terrains, \(monsters.count) monsters, \(items.count) items, hash \(contentHash.hex16))"
    }
}

extension Grid: CustomStringConvertible {
    public var description: String { "Grid<\(Element.self)>(\(width) x \(height))" }
}

extension DijkstraMap: CustomStringConvertible {
    public var description: String { "DijkstraMap(\(distances.width) x \(distances.height))" }
}
