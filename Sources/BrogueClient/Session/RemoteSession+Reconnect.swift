import BrogueProtocol
import Logging

extension RemoteSession {
    /// When the node ended the connection while nothing was asked (the player thinks), reconnects
    /// and resumes now, so the screen does not wait for the next key.
    /// - Returns: true when it reconnected; false when the connection is open.
    /// - Throws: why the connection ended, when it is not worth reconnecting after (taken over,
    ///   flooding...), or `RemoteError.reconnectFailed`.
    @discardableResult
    public func reconnectIfEnded() async throws(RemoteError) -> Bool {
        guard remote.endedByNode != nil else { return false }
        try await recover(from: .closed)
        return true
    }

    /// Sends an action or key; on a lost connection, reconnects and resumes, then answers from
    /// the resumed game if the message was stored, or sends it again if it was not.
    func play(_ text: String, _ send: (RemoteGame) async throws(RemoteError) -> RemoteGame.Reply) async throws(RemoteError) -> RemoteGame.Reply {
        // Ended while idle: nothing of this message went out yet, so it is no resend.
        try await reconnectIfEnded()
        var losses = 0
        while true {
            let before = remote.info?.actions
            do {
                return try await send(remote)
            } catch {
                losses += 1
                // A node that takes the message and drops every connection would loop forever.
                guard losses <= options.maxAttempts else { throw error }
                try await recover(from: error)
            }
            guard let before, let now = remote.info else { continue }
            if now.actions != before {
                counters.storedUnacknowledged += 1
                return .ack(Ack(applied: now.actions - before, actions: now.actions, turn: now.turn, stateHash: now.stateHash, over: now.over))
            }
            counters.resent += 1
            onEvent(.resent(text))
        }
    }

    /// `new_game` or `resume`, done again after a reconnect when the connection is lost before
    /// the answer.
    func opening(_ open: (RemoteGame) async throws(RemoteError) -> GameInfo) async throws(RemoteError) -> GameInfo {
        try await reconnectIfEnded()
        var losses = 0
        while true {
            do {
                return try await open(remote)
            } catch {
                losses += 1
                guard losses <= options.maxAttempts else { throw error }
                try await recover(from: error)
            }
        }
    }

    /// Rethrows `error` unless it is a connection ending worth reconnecting after; then
    /// reconnects (and resumes).
    func recover(from error: RemoteError) async throws(RemoteError) {
        switch error {
        case .ended, .closed: break
        default: throw error
        }
        let (reason, worthIt) = await remote.settle()
        guard worthIt else { throw reason }
        try await reconnect(after: reason)
    }

    /// Tries the next servers, with backoff, until one takes the session back.
    func reconnect(after reason: RemoteError) async throws(RemoteError) {
        counters.reconnects += 1
        onEvent(.lost(url: url, reason: "\(reason)"))
        logger.info("connection lost, reconnecting", metadata: ["url": "\(url)", "reason": "\(reason)"])
        var random = SystemRandomNumberGenerator()
        var last = reason
        for attempt in 1...max(options.maxAttempts, 1) {
            serverIndex = (serverIndex + 1) % options.servers.count
            let next = options.servers[serverIndex]
            onEvent(.reconnecting(url: next, attempt: attempt))
            try? await Task.sleep(for: options.backoff.delay(before: attempt, using: &random))
            counters.attempts += 1
            switch await reopen(next) {
            case .success(let fresh):
                remote = fresh
                url = next
                onEvent(.reconnected(url: next, attempt: attempt))
                return
            case .failure(let failure):
                guard failure.retry else { throw failure.error }
                onEvent(.attemptFailed(url: next, attempt: attempt, reason: "\(failure.error)"))
                last = failure.error
            }
        }
        throw .reconnectFailed(attempts: options.maxAttempts, servers: options.servers, last: "\(last)")
    }

    struct Failure: Error {
        let error: RemoteError
        let retry: Bool
    }

    /// One attempt: connect, hello, identify, resume.
    private func reopen(_ url: String) async -> Result<RemoteGame, Failure> {
        let fresh: RemoteGame
        do { fresh = try await RemoteGame.connect(url: url, logger: logger) } catch {
            // Refused, or a draining node that no longer upgrades: another node may answer.
            if case .unreachable = error { return .failure(Failure(error: error, retry: true)) }
            return .failure(Failure(error: error, retry: false))
        }
        do {
            try await fresh.start(as: reidentify, client: options.client)
            if let game { _ = try await fresh.resume(game: game.id, token: game.token) }
            return .success(fresh)
        } catch {
            switch error {
            // Going away, its store failing over, or (in a cluster) no instance free to take the game yet.
            case .refused(let e) where [.draining, .storeFailed, .unavailable].contains(e.code):
                await fresh.drop()
                return .failure(Failure(error: error, retry: true))
            case .ended, .closed:
                let (reason, retry) = await fresh.settle()
                return .failure(Failure(error: reason, retry: retry))
            default:
                await fresh.drop()
                return .failure(Failure(error: error, retry: false))
            }
        }
    }
}
