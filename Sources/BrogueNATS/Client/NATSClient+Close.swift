import NIOConcurrencyHelpers
import NIOCore

extension NATSClient {
    /// Unsubscribes everything, lets the server deliver what it already sent, flushes, then closes.
    /// Subscribers still get every message buffered for them, then their sequence ends.
    public func drain(timeout: Duration = .seconds(10)) async throws {
        let connection = state.withLockedValue { state -> NATSConnection? in
            guard let connection = state.connection else { return nil }
            var out = ByteBuffer()
            for sid in state.subscriptions.keys.sorted() { out.writeNATSUnsubscribe(sid: sid, max: nil) }
            connection.write(out)
            return connection
        }
        // The PONG comes after every message the server sent before it read the UNSUBs.
        if connection != nil { try? await flush(timeout: timeout) }
        await close()
    }

    /// Closes the connection now; subscriptions end after their buffered messages, waiting requests fail.
    public func close() async {
        if let connection = shut(with: nil) { await connection.close() }
    }

    /// Stops the client: no more reconnects, subscriptions finished, requests failed, `.closed` reported.
    /// - Returns: the connection to close, if there was one.
    @discardableResult
    func shut(with error: NATSError?) -> NATSConnection? {
        let stopped = state.withLockedValue { state -> (NATSConnection?, [ClientState.Subscription], [ClientState.Waiter])? in
            if state.isClosed { return nil }
            let connection = state.connection
            state.phase = .closed(error)
            let subscriptions = Array(state.subscriptions.values)
            state.subscriptions = [:]
            let waiters = Array((state.inbox?.waiters ?? [:]).values)
            state.inbox?.waiters = [:]
            state.pendingWrites.clear()
            return (connection, subscriptions, waiters)
        }
        guard let (connection, subscriptions, waiters) = stopped else { return nil }
        for subscription in subscriptions {
            if case .queue(let queue) = subscription.target { queue.finish() }
        }
        for waiter in waiters { waiter.answer.fail(error ?? NATSError.clientClosed) }
        eventSink.yield(.closed(error))
        eventSink.finish()
        if error != nil, connection != nil { Task { await connection?.close() } }
        return connection
    }
}
