public import BrogueCore

/// What a game's row says about where the game stands, so lists and menus need no replay.
///
/// Written with every appended action, in the same transaction, so it always describes the
/// state after the last stored action.
public struct GameSummary: Sendable, Hashable {
    /// The depth the player is on (1 is the top level).
    public var depth: Int
    /// The deepest depth the player has reached.
    public var deepest: Int
    /// Turns played.
    public var turns: Int
    public var gold: Int
    /// `Game.stateHash` after the last stored action (before any action for a new game).
    public var stateHash: UInt64

    public init(depth: Int, deepest: Int, turns: Int, gold: Int, stateHash: UInt64) {
        self.depth = depth
        self.deepest = deepest
        self.turns = turns
        self.gold = gold
        self.stateHash = stateHash
    }

    /// The summary of a game as it stands now: the usual way to build one.
    ///
    /// - Parameter game: the game after its latest action.
    public init(_ game: Game) {
        depth = game.depth
        deepest = game.deepestDepth
        turns = game.turn
        gold = game.gold
        stateHash = game.stateHash
    }

    /// Why this summary cannot be stored, or nil when it can.
    package var problem: String? {
        if depth < 0 || deepest < 0 || turns < 0 || gold < 0 {
            return "depth, deepest, turns and gold must not be negative (got \(depth), \(deepest), \(turns), \(gold))"
        }
        return nil
    }
}
