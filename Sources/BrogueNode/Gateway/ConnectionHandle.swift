import BrogueProtocol
import NIOCore
import Prometheus
import Synchronization

/// What the writer of one connection sends next.
enum Outgoing: Sendable {
    case text(String)
    /// Two text messages written one after the other: an action's ack and frame, a game and its
    /// first frame. One place in the queue and one wake-up of the writer for both.
    case pair(String, String)
    case close(code: UInt16, reason: String)
}

/// The sending side of one WebSocket connection, shared by its reader, its game and the node
/// (takeover, drain). Messages wait in a bounded queue; when a client reads too slowly for the
/// queue to drain, the node closes its socket instead of waiting, so no one else waits either.
final class ConnectionHandle: Sendable {
    private let outbox: AsyncStream<Outgoing>.Continuation
    private let channel: any Channel
    private let metrics: NodeMetrics
    private let state = Mutex(State())

    private struct State {
        var revoked = false
        var ended = false
        /// The reader is handling a message; its answers are not queued yet.
        var busy = false
        /// A drain asked to end; the reader takes no more messages.
        var closing = false
        /// The `bye` to send once the message being handled has its answers queued.
        var pending: (ServerEnvelope, UInt16)?
        /// Text messages in the outbox and their bytes, mirrored in the node's gauges.
        var queued = 0
        var queuedBytes = 0
        /// The writer has stopped and what it left was taken off the gauges.
        var released = false
    }

    init(outbox: AsyncStream<Outgoing>.Continuation, channel: any Channel, metrics: NodeMetrics) {
        self.outbox = outbox
        self.channel = channel
        self.metrics = metrics
    }

    /// Whether another connection took this one's game over.
    var isRevoked: Bool { state.withLock { $0.revoked } }

    /// Queues a message. A full queue drops the client at once (its socket is closed).
    /// - Returns: false when the client was dropped or is already ending.
    @discardableResult
    func send(_ envelope: ServerEnvelope) -> Bool {
        guard !state.withLock({ $0.ended }) else { return false }
        return enqueue(.text(WireCodec.encode(envelope)))
    }

    /// Queues two messages as one item (see `Outgoing.pair`); the client reads them in this order.
    /// - Returns: false when the client was dropped or is already ending.
    @discardableResult
    func send(_ first: ServerEnvelope, _ second: ServerEnvelope) -> Bool {
        guard !state.withLock({ $0.ended }) else { return false }
        return enqueue(.pair(WireCodec.encode(first), WireCodec.encode(second)))
    }

    /// Sends `bye` (or an error) and then a close frame with `code`; nothing is sent after it.
    func end(_ last: ServerEnvelope, code: UInt16, revoke: Bool = false) {
        let first = state.withLock { s -> Bool in
            defer {
                s.ended = true
                if revoke { s.revoked = true }
            }
            return !s.ended
        }
        guard first else { return }
        if enqueue(.text(WireCodec.encode(last))) {
            let reason: String =
                if case .bye(let r, _) = last.message { r.rawValue } else if case .error(let e) = last.message { e.code.rawValue } else { "" }
            enqueue(.close(code: code, reason: reason))
        }
        if ![CloseCode.normal, CloseCode.goingAway, CloseCode.serviceRestart].contains(code) { metrics.droppedConnections.increment() }
    }

    /// The reader starts handling a message.
    /// - Returns: false when the connection is ending: the message is not handled.
    func begin() -> Bool {
        state.withLock { s in
            guard !s.ended && !s.closing else { return false }
            s.busy = true
            return true
        }
    }

    /// The reader has queued every answer to its message; a drain that came meanwhile ends now.
    func done() {
        let pending = state.withLock { s -> (ServerEnvelope, UInt16)? in
            s.busy = false
            defer { s.pending = nil }
            return s.pending
        }
        if let (last, code) = pending { end(last, code: code) }
    }

    /// Like `end`, but after the answers to a message being handled (a drain: an action
    /// received and stored is always acknowledged before the `bye`).
    func endAfterPending(_ last: ServerEnvelope, code: UInt16) {
        let now = state.withLock { s -> Bool in
            s.closing = true
            if s.busy {
                s.pending = (last, code)
                return false
            }
            return true
        }
        if now { end(last, code: code) }
    }

    /// The writer has stopped; nothing more will be read from the queue.
    func finish() { outbox.finish() }

    /// The writer took `messages` text messages of `bytes` in all off the queue.
    func dequeued(messages: Int, bytes: Int) { count(messages: -messages, bytes: -bytes) }

    /// The connection is over: what is left in its queue will never be written, so it leaves
    /// the gauges (the queue itself goes with the connection).
    func releaseQueued() {
        state.withLock { s in
            guard !s.released else { return }
            s.released = true
            metrics.outboundQueued.decrement(by: Double(s.queued))
            metrics.outboundQueuedBytes.decrement(by: Double(s.queuedBytes))
            s.queued = 0
            s.queuedBytes = 0
        }
    }

    @discardableResult
    private func enqueue(_ item: Outgoing) -> Bool {
        // Counted before the yield, so the writer never takes off the gauges what is not on them yet.
        let (messages, bytes) = item.size
        if messages > 0 { count(messages: messages, bytes: bytes) }
        switch outbox.yield(item) {
        case .enqueued: return true
        case .dropped, .terminated:
            if messages > 0 { count(messages: -messages, bytes: -bytes) }
            drop()
            return false
        @unknown default:
            if messages > 0 { count(messages: -messages, bytes: -bytes) }
            drop()
            return false
        }
    }

    /// Adds to (or, negative, takes from) this queue's counts and the node's gauges.
    private func count(messages: Int, bytes: Int) {
        state.withLock { s in
            guard !s.released else { return }
            s.queued += messages
            s.queuedBytes += bytes
            metrics.outboundQueued.increment(by: Double(messages))
            metrics.outboundQueuedBytes.increment(by: Double(bytes))
        }
    }

    private func drop() {
        let first = state.withLock { s -> Bool in
            defer { s.ended = true }
            return !s.ended
        }
        if first { metrics.droppedConnections.increment() }
        outbox.finish()
        channel.close(promise: nil)
    }
}

extension Outgoing {
    /// Text messages and their bytes, as the outbound gauges count them (a close frame is neither).
    var size: (messages: Int, bytes: Int) {
        switch self {
        case .text(let text): (1, text.utf8.count)
        case .pair(let first, let second): (2, first.utf8.count + second.utf8.count)
        case .close: (0, 0)
        }
    }
}
