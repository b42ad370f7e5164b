public import Foundation

extension GameStore {
    /// One game as a `brogue-game` JSON document (format version 1): seed, content, status,
    /// summary and the whole action log. `docs/store.md` describes the format.
    ///
    /// - Throws: `StoreError.gameNotFound`, or the store's failures.
    public func exportGame(id: Int64) throws(StoreError) -> Data {
        guard let game = try loadGame(id: id) else { throw .gameNotFound(id: id) }
        return try GameExport(game).encoded()
    }

    /// Checks a `brogue-game` document and stores the game it holds under a new id.
    ///
    /// The document is hostile input: it is refused whole, naming the first problem, if it is
    /// over 16 MiB or 10 million actions, of another format or version, misses a field, has a
    /// bad seed or hash, or holds an action that does not parse. Import checks form, not rules:
    /// replay the actions with the named content and compare `stateHash` to verify a game.
    ///
    /// - Returns: the imported game with its new id.
    /// - Throws: `StoreError.invalidImport`, or the store's failures.
    public func importGame(_ data: Data) throws(StoreError) -> GameRecord {
        try insertGame(GameExport.decode(data))
    }
}
