public import BrogueProtocol

extension RemoteGame {
    /// What arrives while spectating.
    public enum WatchEvent: Equatable, Sendable {
        /// A frame of the watched player's screen; `screen` shows it.
        case frame(FrameUpdate)
        /// Watching ended (the player left, the game ended, the node drains).
        case ended(WatchEndReason)
    }

    /// The games played on the node now (`list_games`). Needs `start` first.
    public func listGames() async throws(RemoteError) -> [LiveGame] {
        try await send(.listGames)
        switch try await next().message {
        case .games(let games): return games
        case let other: throw unexpected(other)
        }
    }

    /// Starts watching a live game read-only and receives its full frame.
    /// - Throws: `RemoteError.refused` with `game_not_found` when no one plays it now.
    public func spectate(game: Int64) async throws(RemoteError) -> Watching {
        try await send(.spectate(game: game))
        let watching: Watching
        switch try await next().message {
        case .watching(let w): watching = w
        case let other: throw unexpected(other)
        }
        screen = nil
        guard case .frame(let update) = try await next().message else { throw .unexpected("no frame after watching") }
        try applyWatched(update)
        return watching
    }

    /// Waits for the next frame (or the end) of the game watched.
    public func nextWatched() async throws(RemoteError) -> WatchEvent {
        while true {
            switch try await next().message {
            case .frame(let update):
                try applyWatched(update)
                return .frame(update)
            case .watchEnded(_, let reason): return .ended(reason)
            case .error(let e): throw .refused(e)
            default: continue
            }
        }
    }

    private func applyWatched(_ update: FrameUpdate) throws(RemoteError) {
        do { try update.apply(to: &screen) } catch { throw .unexpected("a frame that does not apply: \(error.message)") }
        lastUpdate = update
        framesReceived += 1
    }
}
