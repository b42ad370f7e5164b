public import BrogueContent
public import BrogueCore
public import BrogueStore

/// The one way to start, resume, replay and finish a stored game: the terminal game, `brogue
/// replay`, `brogue sim --save` and the node all go through it, so a game is recorded the same
/// way wherever it is played.
///
/// ```swift
/// let games = RecordedGames(store: store, catalog: content.catalog, contentSet: content.contentSet)
/// let recorded = try games.start(seed: 7)
/// let session = PlaySession(game: recorded.game, recorder: recorded)
/// let pressed = try session.press(key: "l")      // stored before it is shown
/// try recorded.finish(session.game)              // once the game is over
/// ```
public struct RecordedGames: Sendable {
    public let store: any GameStore
    public let catalog: ContentCatalog
    /// The plugins that made `catalog`, in load order, as the store records them: a native
    /// plugin's library hash is semver build metadata (`0.1.0+lib.1a2b...`), so a game names the
    /// build it was played with.
    public let contentSet: [ContentRef]

    /// - Parameters:
    ///   - store: where games are kept.
    ///   - catalog: the content games are played with (with any native rules attached).
    ///   - contentSet: the plugins that made `catalog`, in load order (`LoadedContent.contentSet`).
    public init(store: any GameStore, catalog: ContentCatalog, contentSet: [ContentSetMember]) {
        self.store = store
        self.catalog = catalog
        self.contentSet = contentSet.map(ContentRef.init(member:))
    }

    /// Creates a new game from `seed` and stores it with no actions yet.
    /// - Throws: `StoreError`.
    public func start(seed: UInt64) throws(StoreError) -> RecordedGame {
        let game = Game(seed: seed, catalog: catalog)
        let record = try store.createGame(for: game, contentSet: contentSet)
        return RecordedGame(store: store, record: record, game: game)
    }

    /// Opens stored game `id` to play on: reads it, checks its content, replays its log and checks
    /// the replayed `stateHash` against the stored one.
    /// - Parameter onEvents: sees each replayed action's events and the turn after it (to rebuild a message log).
    /// - Returns: nil when there is no such game.
    /// - Throws: `RebuildError` when the game cannot be rebuilt exactly, `StoreError` when it cannot be read.
    public func resume(id: Int64, onEvents: ([GameEvent], Int) -> Void = { _, _ in }) throws -> RecordedGame? {
        guard let stored = try store.loadGame(id: id) else { return nil }
        let game = try rebuild(stored, onEvents: onEvents)
        return RecordedGame(store: store, record: stored.record, game: game)
    }

    /// Rebuilds a stored game by replaying its log from the seed: what resume, `replay --verify`
    /// and the replay viewer share.
    /// - Parameters:
    ///   - checkHash: compare the replayed `stateHash` with the stored one.
    ///   - onEvents: sees each replayed action's events and the turn after it.
    /// - Throws: `RebuildError`.
    public func rebuild(_ stored: StoredGame, checkHash: Bool = true, onEvents: ([GameEvent], Int) -> Void = { _, _ in }) throws(RebuildError) -> Game
    {
        let record = stored.record
        guard record.contentHash == catalog.contentHash else {
            throw .contentChanged(
                game: record.id,
                stored: record.contentHash,
                storedSet: record.contentSet,
                loaded: catalog.contentHash,
                loadedSet: contentSet
            )
        }
        var game = Game(seed: record.seed, catalog: catalog)
        for (i, text) in stored.actions.enumerated() {
            guard let action = Action(encoded: text) else { throw .badAction(game: record.id, index: i, text: text) }
            onEvents(game.apply(action), game.turn)
        }
        if checkHash && game.stateHash != record.summary.stateHash {
            throw .hashMismatch(game: record.id, stored: record.summary.stateHash, replayed: game.stateHash, actions: stored.actions.count)
        }
        return game
    }
}

extension ContentRef {
    /// A content-set member as stored: a native library's hash becomes build metadata of the version.
    public init(member m: ContentSetMember) {
        guard let library = m.libraryHash else {
            self.init(id: m.id, version: m.version)
            return
        }
        self.init(id: m.id, version: m.version + (m.version.contains("+") ? "." : "+") + "lib." + library.hex16)
    }
}

extension RecordedGames {
    /// Games played with a loaded plugin set's content.
    /// - Parameters:
    ///   - store: where games are kept.
    ///   - content: the loaded content, native rules attached (`PluginSet.contentWithRules()`).
    public init(store: any GameStore, content: LoadedContent) {
        self.init(store: store, catalog: content.catalog, contentSet: content.contentSet)
    }
}
