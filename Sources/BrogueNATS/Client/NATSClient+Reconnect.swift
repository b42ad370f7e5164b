import Logging
import NIOConcurrencyHelpers
import NIOCore

extension NATSClient {
    /// Tries each given server once; the first that completes the handshake becomes the connection.
    func connectFirst() async throws {
        let count = state.withLockedValue { $0.pool.servers.count }
        var failures: [String] = []
        for _ in 0..<count {
            let server = state.withLockedValue { $0.pool.next() }
            do {
                if try await attempt(server) {
                    eventSink.yield(.connected(server.description))
                    return
                }
            } catch let error as NATSError where error.isAuthorization {
                shut(with: error)
                throw error
            } catch {
                failures.append("\(server): \(error)")
            }
        }
        let error = NATSError.noServersAvailable(failures)
        shut(with: error)
        throw error
    }

    /// Opens a connection to `server` and, unless the client closed meanwhile, makes it the client's.
    /// - Returns: whether the connection was adopted.
    func attempt(_ server: NATSServerAddress) async throws -> Bool {
        let generation = state.withLockedValue { state in
            state.generation += 1
            return state.generation
        }
        let connection = try await NATSConnection.open(to: server, options: options, group: group) { [weak self] event in
            self?.handle(event, generation: generation)
        }
        let adopted = try state.withLockedValue { state -> Bool in
            switch state.phase {
            case .connecting, .reconnecting: break
            case .connected, .closed: return false
            }
            guard state.generation == generation else { return false }
            // It died between its handshake and now: a failed attempt like any other.
            if state.lostGeneration == generation { throw NATSError.connectionClosed }
            // Resubscribe first, then what was published meanwhile, in one write.
            var out = state.resubscriptions()
            out.writeBuffer(&state.pendingWrites)
            state.pendingWrites.clear()
            connection.write(out)
            if case .reconnecting = state.phase { state.statistics.reconnects += 1 }
            state.phase = .connected(connection)
            state.pool.connected(to: server)
            state.pool.learn(connection.info.connectURLs ?? [])
            if let maxPayload = connection.info.maxPayload, maxPayload > 0 { state.maxPayload = maxPayload }
            return true
        }
        if !adopted { await connection.close() }
        return adopted
    }

    /// The connection of `generation` is gone: reconnect, unless it was not the current one or the client is closing.
    func connectionLost(generation: UInt64, reason: NATSError?) {
        let lost = state.withLockedValue { state -> NATSServerAddress? in
            guard state.generation == generation else { return nil }
            guard let connection = state.connection else {
                state.lostGeneration = generation
                return nil
            }
            state.phase = .reconnecting
            return connection.server
        }
        guard let lost else { return }
        logger.warning("NATS connection lost", metadata: ["server": "\(lost)", "reason": "\(reason.map { "\($0)" } ?? "closed")"])
        eventSink.yield(.disconnected(lost.description))
        guard options.reconnect else {
            shut(with: reason ?? .connectionClosed)
            return
        }
        Task { await self.reconnect() }
    }

    /// Tries the known servers in turn, backing off between failures, until one takes or the limit is reached.
    func reconnect() async {
        var failures = 0
        while state.withLockedValue({ if case .reconnecting = $0.phase { true } else { false } }) {
            if let limit = options.maxReconnectAttempts, failures >= limit {
                shut(with: .noServersAvailable(["gave up after \(failures) reconnect attempts"]))
                return
            }
            if failures > 0 { try? await Task.sleep(for: backoff(failures: failures)) }
            let server = state.withLockedValue { $0.pool.next() }
            do {
                if try await attempt(server) {
                    logger.info("NATS reconnected", metadata: ["server": "\(server)"])
                    eventSink.yield(.reconnected(server.description))
                }
                return
            } catch let error as NATSError where error.isAuthorization {
                logger.error("NATS reconnect refused, not retrying", metadata: ["error": "\(error)"])
                shut(with: error)
                return
            } catch {
                failures += 1
                logger.debug("NATS reconnect attempt failed", metadata: ["server": "\(server)", "error": "\(error)"])
            }
        }
    }

    /// `reconnectWait * 2^(failures-1)`, capped, with jitter (half to all of it) so clients of a dead server do not return in step.
    func backoff(failures: Int) -> Duration {
        let doubled = options.reconnectWait * (1 << min(failures - 1, 20))
        let capped = min(doubled, options.maxReconnectWait)
        return capped * Double.random(in: 0.5...1.0)
    }

    /// Handles what a connection reports, on its event loop.
    func handle(_ event: NATSConnectionEvent, generation: UInt64) {
        switch event {
        case .message(let message): deliver(message)
        case .info(let info):
            state.withLockedValue { state in
                state.pool.learn(info.connectURLs ?? [])
                if let maxPayload = info.maxPayload, maxPayload > 0 { state.maxPayload = maxPayload }
            }
        case .serverError(let error):
            logger.warning("NATS server error", metadata: ["error": "\(error)"])
            eventSink.yield(.serverError(error))
        case .closed(let reason): connectionLost(generation: generation, reason: reason)
        }
    }
}
