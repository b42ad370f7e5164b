import BrogueProtocol

extension Reader {
    /// `list_games` and `spectate`.
    func handleSpectating(_ envelope: ClientEnvelope) async {
        let ref = envelope.id
        func reply(_ m: ServerMessage) { handle.send(ServerEnvelope(m, ref: ref)) }
        guard player != nil else {
            reply(.error(ProtocolError(.identityRequired, "send guest first")))
            return
        }
        switch envelope.message {
        case .listGames:
            var games: [LiveGame] = []
            for live in await connection.registry.liveGames() {
                if let summary = await live.summary() { games.append(summary) }
            }
            reply(.games(games))
        case .spectate(let id):
            await stopWatching()
            // Watching is read-only: a game played on this connection is let go first.
            if let old = host {
                await connection.registry.release(old.id, by: handle)
                host = nil
            }
            let notFound = ProtocolError(.gameNotFound, "game \(id) is not being played on this node now; send list_games for the live games")
            guard let target = await connection.registry.liveGame(id) else {
                reply(.error(notFound))
                return
            }
            guard await target.watch(by: handle, ref: ref) else {
                reply(.error(notFound))
                return
            }
            watching = target
        default:
            return
        }
    }

    /// Answers `read_only` to an `action` or `key` while this connection watches a game.
    /// - Returns: true when it did (the message is handled).
    func refuseWhileWatching(ref: Int?) async -> Bool {
        guard let watched = watching else { return false }
        guard await watched.isWatched(by: handle) else {
            // Watching ended (watch_ended was sent): this is a connection with no game again.
            watching = nil
            return false
        }
        handle.send(
            ServerEnvelope(
                .error(
                    ProtocolError(.readOnly, "this connection spectates game \(watched.id); spectators cannot act (send new_game or resume to play)")
                ),
                ref: ref
            )
        )
        return true
    }

    /// Stops watching, if this connection watches a game.
    func stopWatching() async {
        guard let watched = watching else { return }
        watching = nil
        await watched.unwatch(handle)
    }
}
