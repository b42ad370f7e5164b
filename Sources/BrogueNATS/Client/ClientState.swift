import NIOCore

/// Everything a client shares between callers and its event loop, behind one lock.
struct ClientState {
    enum Phase {
        /// Opening the first connection.
        case connecting
        case connected(NATSConnection)
        case reconnecting
        /// Stopped by `close()`/`drain()` (`nil`) or a fatal error.
        case closed(NATSError?)
    }

    /// Who gets a subscription's messages: its queue, or the client's request inbox.
    enum Target {
        case queue(SubscriptionQueue)
        case inbox
    }

    struct Subscription {
        var subject: String
        var queueGroup: String?
        var target: Target
        /// Set by `unsubscribe(after:)`: the server stops after this many deliveries in all.
        var maximum: Int?
        var delivered = 0
    }

    /// The shared reply subscription of `request`: `<prefix>.<token>` answers the waiter of `token`.
    struct Inbox {
        var prefix: String
        var sid: UInt64
        var nextToken: UInt64 = 0
        var waiters: [String: Waiter] = [:]
    }

    /// A request waiting for its answer, and its subject for the no-responders error.
    struct Waiter {
        var answer: EventLoopPromise<NATSMessage>
        var subject: String
    }

    var phase = Phase.connecting
    var pool: ServerPool
    var subscriptions: [UInt64: Subscription] = [:]
    var nextSid: UInt64 = 1
    var inbox: Inbox?
    /// Operations written while reconnecting, sent after the resubscriptions.
    var pendingWrites = ByteBuffer()
    var maxPayload = 1024 * 1024
    var statistics = NATSStatistics()
    /// Each connection attempt's number; events of an older connection are ignored.
    var generation: UInt64 = 0
    /// Set when the connection of `generation` closed before it was adopted.
    var lostGeneration: UInt64?

    init(pool: ServerPool) { self.pool = pool }

    var connection: NATSConnection? {
        if case .connected(let connection) = phase { return connection }
        return nil
    }

    var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    /// Sends `bytes` now, or keeps them for after the reconnect within `limit` bytes.
    /// - Throws: `NATSError.clientClosed`, or `NATSError.reconnectBufferFull` past the limit.
    mutating func send(_ bytes: ByteBuffer, bufferLimit: Int) throws {
        switch phase {
        case .connected(let connection):
            connection.write(bytes)
        case .connecting, .reconnecting:
            guard pendingWrites.readableBytes + bytes.readableBytes <= bufferLimit else {
                throw NATSError.reconnectBufferFull(limit: bufferLimit)
            }
            var bytes = bytes
            pendingWrites.writeBuffer(&bytes)
        case .closed:
            throw NATSError.clientClosed
        }
    }

    /// The SUB (and UNSUB with the remaining count) of every live subscription, in sid order, for a new connection.
    func resubscriptions() -> ByteBuffer {
        var out = ByteBuffer()
        for (sid, subscription) in subscriptions.sorted(by: { $0.key < $1.key }) {
            out.writeNATSSubscribe(subject: subscription.subject, queue: subscription.queueGroup, sid: sid)
            if let maximum = subscription.maximum { out.writeNATSUnsubscribe(sid: sid, max: maximum - subscription.delivered) }
        }
        return out
    }
}
