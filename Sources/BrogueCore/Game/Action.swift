/// Everything the player can do. A game is its seed, its content and a list of these.
public enum Action: Hashable, Sendable, Codable {
    /// Step, or attack what stands there.
    case move(Direction)
    /// Wait one turn (and sneak: monsters notice a resting player at half range).
    case rest
    /// Search nearby cells for secrets, one turn.
    case search
    case pickUp
    case drop(Letter)
    case equip(Letter)
    case remove(Letter)
    case quaff(Letter)
    /// Read a scroll; `target` is the item an identify or enchant scroll acts on.
    case read(Letter, target: Letter?)
    case eat(Letter)
    /// Throw one of the item at a cell.
    case throwItem(Letter, at: Point)
    /// Zap a staff or wand toward a cell (its bolt flies on past it); an unaimed bolt ignores the cell.
    case zap(Letter, at: Point)
    /// Use a charm; it recharges over the turns that follow.
    case use(Letter)
    /// Take the down stairs the player stands on.
    case descend
    /// Take the up stairs the player stands on (from depth 1, leave the dungeon).
    case ascend
    /// One step along the shortest known path toward a cell.
    case travel(to: Point)
    /// One step toward the nearest unexplored place or unclaimed item.
    case exploreStep
}

/// Kinds of message, so a front end can colour them.
public enum MessageKind: Int, Sendable, Codable {
    case info, combat, good, bad, warning
}

/// What applying an action produced: the rules' only output.
public enum GameEvent: Hashable, Sendable {
    case message(String, MessageKind)
    case moved(creature: Int, from: Point, to: Point)
    case attacked(attacker: Int, defender: Int, damage: Int, hit: Bool)
    case died(creature: Int, kind: Int)
    case pickedUp(Letter)
    case itemUsed(kind: Int)
    case identified(kind: Int)
    case levelUp(Int)
    case depthChanged(Int)
    /// A bolt (index into `ContentCatalog.bolts`) flew over these cells, in order; front ends draw it.
    case bolt(kind: Int, path: [Point])
    /// The action could not be done and took no time.
    case refused(String)
    /// Nothing left to explore on this level.
    case explored
    case gameOver(Outcome)
}

/// How a game stands.
public enum Outcome: Hashable, Sendable {
    case playing
    case died(cause: String, depth: Int)
    case won
}
