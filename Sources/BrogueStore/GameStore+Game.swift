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
        try appendAction(gameID: gameID, seq: seq, action: action.encoded, summary: GameSummary(game))
    }
}

extension GameStore {
    /// Stores an action and the game's summary after it; the action's text form is made here, at the store's edge.
    public func appendAction(gameID: Int64, seq: Int, action: Action, summary: GameSummary) throws(StoreError) {
        try appendAction(gameID: gameID, seq: seq, action: action.encoded, summary: summary)
    }
}
