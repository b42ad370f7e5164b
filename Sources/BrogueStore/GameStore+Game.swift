public import BrogueCore

extension GameStore {
    /// Stores a new game from its freshly started `Game`: seed, content hash and summary.
    ///
    /// - Parameters:
    ///   - game: the game before any action.
    ///   - contentSet: the plugins that made `game.catalog`, in load order.
    public func createGame(for game: Game, contentSet: [ContentRef]) throws(StoreError) -> GameRecord {
        try createGame(seed: game.seed, contentHash: game.catalog.contentHash, contentSet: contentSet, start: GameSummary(game))
    }

    /// Stores an action and the summary of `game`, the game after that action.
    public func appendAction(gameID: Int64, seq: Int, action: Action, game: Game) throws(StoreError) {
        try appendAction(gameID: gameID, seq: seq, action: action, summary: GameSummary(game))
    }
}

extension GameStore {
    /// Stores an action given in `Action.encoded` form, for callers that hold text (tools, tests).
    /// - Throws: `StoreError.invalidArgument` for text that is not an action, and what
    ///   `appendAction(gameID:seq:action:summary:)` throws.
    public func appendAction(gameID: Int64, seq: Int, action text: String, summary: GameSummary) throws(StoreError) {
        guard text.utf8.count <= GameExport.maximumActionLength, let action = Action(encoded: text) else {
            throw .invalidArgument("game \(gameID) seq \(seq): '\(text.prefix(40))' is not an encoded action")
        }
        try appendAction(gameID: gameID, seq: seq, action: action, summary: summary)
    }
}
