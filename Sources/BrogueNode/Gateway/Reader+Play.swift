import BrogueCore
import BrogueProtocol
import Prometheus

extension Reader {
    /// `new_game` and `resume`: opens a game through the registry and answers with `game` and a full frame.
    func open(resumed: Bool, ref: Int?, _ opening: (any GameSeats) async throws -> any PlayedGame) async {
        func reply(_ m: ServerMessage) { handle.send(ServerEnvelope(m, ref: ref)) }
        guard player != nil else {
            reply(.error(ProtocolError(.identityRequired, "send guest first")))
            return
        }
        await stopWatching()
        if let old = host { await connection.registry.release(old.id, by: handle) }
        host = nil
        do {
            let next = try await opening(connection.registry)
            if !resumed { recordOwner(of: next.id) }
            host = next
            await next.setPlayer(player ?? "")
            let (info, frame) = try await next.attach(resumed: resumed)
            handle.send(ServerEnvelope(.game(info), ref: ref), ServerEnvelope(.frame(frame), ref: ref))
        } catch let error as ProtocolError {
            reply(.error(error))
        } catch {
            reply(.error(ProtocolError(.internalError, "\(error)")))
        }
    }
}

extension Reader {
    /// `action` and `key`: checks that this connection plays a game and keeps to its rate, then
    /// runs `move` on the game and answers with `ack` and a frame, or an error.
    /// - Returns: false when the connection must stop reading (it flooded).
    func play(ref: Int?, _ move: (any PlayedGame) async throws(ProtocolError) -> (Ack, FrameUpdate)) async -> Bool {
        func reply(_ m: ServerMessage) { handle.send(ServerEnvelope(m, ref: ref)) }
        if await refuseWhileWatching(ref: ref) { return true }
        guard let host, !handle.isRevoked else {
            reply(.error(ProtocolError(.noGame, "no game is open on this connection; send new_game or resume")))
            return true
        }
        guard limiter.allow(now: connection.config.steadyClock.now) else {
            limitedInARow += 1
            if limitedInARow >= connection.config.floodLimit {
                handle.end(ServerEnvelope(.bye(.flooding, "too many actions too fast for too long"), ref: ref), code: CloseCode.policyViolation)
                return false
            }
            reply(.error(ProtocolError(.rateLimited, "at most \(connection.config.actionsPerSecond) actions a second; this one was dropped")))
            return true
        }
        limitedInARow = 0
        let start = ContinuousClock.now
        do {
            let (ack, frame) = try await move(host)
            handle.send(ServerEnvelope(.ack(ack), ref: ref), ServerEnvelope(.frame(frame), ref: ref))
        } catch {
            if await host.outcomeUnknown {
                // Only resuming tells whether it was stored; the client reconnects and resumes by itself.
                let why = "game \(host.id) did not answer, so your last action may or may not be stored; resume to see"
                handle.end(ServerEnvelope(.bye(.shutdown, why), ref: ref), code: CloseCode.serviceRestart)
                return false
            }
            reply(.error(error))
        }
        connection.metrics.actionLatency.record(ContinuousClock.now - start)
        return true
    }

    /// An `action` message's text as an action: the wire's edge, so the game and the store get values.
    static func action(_ text: String) throws(ProtocolError) -> Action {
        guard let action = Action(encoded: text) else {
            throw ProtocolError(.badAction, "'\(text)' is not an action (see docs/protocol.md: m0-m7, z, s, p, >, <, x, ...)")
        }
        return action
    }
}
