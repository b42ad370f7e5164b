import BrogueProtocol
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import Prometheus

/// What one connection sends next.
enum Outgoing: Sendable {
    case text(String)
    /// Two text messages written one after the other: an action's ack and frame, a game and its
    /// first frame. One place in the queue and one hop to the event loop for both.
    case pair(String, String)
    case close(code: UInt16, reason: String)
}

/// The sending side of one WebSocket connection, shared by its reader, its game and the node
/// (takeover, drain). Messages wait in a bounded queue until the socket has taken them; when a
/// client reads too slowly for the queue to drain, the node closes its socket instead of waiting,
/// so no one else waits either.
///
/// No task writes: whoever sends puts the message in the queue and, if no write is scheduled yet,
/// schedules one on the channel's event loop, which writes everything queued and flushes once.
/// An item leaves the queue's count when NIO says it was written to the socket, so a client that
/// stops reading fills the queue once the kernel's buffers are full.
final class ConnectionHandle: Sendable {
    private let channel: any Channel
    private let metrics: NodeMetrics
    private let limit: Int
    /// A lock ThreadSanitizer understands (pthread), unlike `Synchronization.Mutex` on Linux,
    /// whose futex it does not model (docs/node.md, "The node under sanitizers").
    private let state = NIOLockedValueBox(State())

    private struct State {
        var revoked = false
        var ended = false
        /// The reader is handling a message; its answers are not queued yet.
        var busy = false
        /// A drain asked to end; the reader takes no more messages.
        var closing = false
        /// The `bye` to send once the message being handled has its answers queued.
        var pending: (ServerEnvelope, UInt16)?
        /// Items sent and not yet written to the socket: what the bound counts.
        var inFlight = 0
        /// Items waiting for the event loop's next write.
        var unwritten: [Outgoing] = []
        var writeScheduled = false
        /// Text messages in flight and their bytes, mirrored in the node's gauges.
        var queued = 0
        var queuedBytes = 0
        /// The connection is over and what it left was taken off the gauges.
        var released = false
    }

    /// - Parameter limit: items that may be in flight at once (`NodeConfig.outboundQueueLimit`).
    init(channel: any Channel, limit: Int, metrics: NodeMetrics) {
        self.channel = channel
        self.limit = limit
        self.metrics = metrics
    }

    /// Whether another connection took this one's game over.
    var isRevoked: Bool { state.withLockedValue { $0.revoked } }

    /// Whether the socket is still open (tests).
    var channelIsActive: Bool { channel.isActive }

    /// Whether the last message was queued (or the client dropped): nothing more will be sent.
    var hasEnded: Bool { state.withLockedValue { $0.ended } }

    /// Queues a message. A full queue drops the client at once (its socket is closed).
    /// - Returns: false when the client was dropped or is already ending.
    @discardableResult
    func send(_ envelope: ServerEnvelope) -> Bool {
        guard !state.withLockedValue({ $0.ended }) else { return false }
        return enqueue(.text(WireCodec.encode(envelope)))
    }

    /// Queues a message already encoded (`NumberedFrame`). A full queue drops the client at once.
    /// - Returns: false when the client was dropped or is already ending.
    @discardableResult
    func send(text: String) -> Bool {
        guard !state.withLockedValue({ $0.ended }) else { return false }
        return enqueue(.text(text))
    }

    /// Queues two messages as one item (see `Outgoing.pair`); the client reads them in this order.
    /// - Returns: false when the client was dropped or is already ending.
    @discardableResult
    func send(_ first: ServerEnvelope, _ second: ServerEnvelope) -> Bool {
        guard !state.withLockedValue({ $0.ended }) else { return false }
        return enqueue(.pair(WireCodec.encode(first), WireCodec.encode(second)))
    }

    /// Sends `bye` (or an error) and then a close frame with `code`; nothing is sent after it.
    func end(_ last: ServerEnvelope, code: UInt16, revoke: Bool = false) {
        let first = state.withLockedValue { s -> Bool in
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

    /// Ends with a close frame alone, unless an end was already sent: the connection stopped
    /// reading without a message to say why (the client went away, the server stops, a frame
    /// broke the WebSocket protocol).
    func endQuietly(code: UInt16 = CloseCode.normal) {
        let first = state.withLockedValue { s -> Bool in
            defer { s.ended = true }
            return !s.ended
        }
        if first { enqueue(.close(code: code, reason: "")) }
    }

    /// The reader starts handling a message.
    /// - Returns: false when the connection is ending: the message is not handled.
    func begin() -> Bool {
        state.withLockedValue { s in
            guard !s.ended && !s.closing else { return false }
            s.busy = true
            return true
        }
    }

    /// The reader has queued every answer to its message; a drain that came meanwhile ends now.
    func done() {
        let pending = state.withLockedValue { s -> (ServerEnvelope, UInt16)? in
            s.busy = false
            defer { s.pending = nil }
            return s.pending
        }
        if let (last, code) = pending { end(last, code: code) }
    }

    /// Like `end`, but after the answers to a message being handled (a drain: an action
    /// received and stored is always acknowledged before the `bye`).
    func endAfterPending(_ last: ServerEnvelope, code: UInt16) {
        let now = state.withLockedValue { s -> Bool in
            s.closing = true
            if s.busy {
                s.pending = (last, code)
                return false
            }
            return true
        }
        if now { end(last, code: code) }
    }

    /// The connection is over: what is left in its queue will never be written, so it leaves
    /// the gauges (the queue itself goes with the connection).
    func releaseQueued() {
        state.withLockedValue { s in
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
        let (messages, bytes) = item.size
        let outcome = state.withLockedValue { s -> (accepted: Bool, schedule: Bool) in
            guard s.inFlight < limit else { return (false, false) }
            s.inFlight += 1
            s.unwritten.append(item)
            // Counted under the lock, so the write's completion never takes off the gauges what
            // is not on them yet.
            if !s.released && messages > 0 {
                s.queued += messages
                s.queuedBytes += bytes
                metrics.outboundQueued.increment(by: Double(messages))
                metrics.outboundQueuedBytes.increment(by: Double(bytes))
            }
            defer { s.writeScheduled = true }
            return (true, !s.writeScheduled)
        }
        guard outcome.accepted else {
            drop()
            return false
        }
        if outcome.schedule { channel.eventLoop.execute { self.writeUnwritten() } }
        return true
    }

    /// On the event loop: writes every item queued so far, in order, and flushes once.
    private func writeUnwritten() {
        let items = state.withLockedValue { s -> [Outgoing] in
            defer {
                s.unwritten = []
                s.writeScheduled = false
            }
            return s.unwritten
        }
        for item in items {
            let (messages, bytes) = item.size
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { _ in self.written(messages: messages, bytes: bytes) }
            switch item {
            case .text(let text):
                write(text, promise: promise)
            case .pair(let first, let second):
                write(first, promise: nil)
                write(second, promise: promise)
            case .close(let code, let reason):
                var data = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
                data.write(webSocketErrorCode: WebSocketErrorCode(codeNumber: Int(code)))
                data.writeString(reason)
                channel.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: data), promise: promise)
            }
        }
        channel.flush()
    }

    /// One text message as frames of at most `Connection.maxFrameBytes`, as the client reassembles them.
    private func write(_ text: String, promise: EventLoopPromise<Void>?) {
        var data = channel.allocator.buffer(string: text)
        var opcode = WebSocketOpcode.text
        while data.readableBytes > Connection.maxFrameBytes {
            let slice = data.readSlice(length: Connection.maxFrameBytes)!
            channel.write(WebSocketFrame(fin: false, opcode: opcode, data: slice), promise: nil)
            opcode = .continuation
        }
        channel.write(WebSocketFrame(fin: true, opcode: opcode, data: data), promise: promise)
    }

    /// An item left the socket's queue, written or failed: it no longer counts.
    private func written(messages: Int, bytes: Int) {
        state.withLockedValue { s in
            s.inFlight -= 1
            guard !s.released, messages > 0 else { return }
            s.queued -= messages
            s.queuedBytes -= bytes
            metrics.outboundQueued.decrement(by: Double(messages))
            metrics.outboundQueuedBytes.decrement(by: Double(bytes))
        }
    }

    private func drop() {
        let first = state.withLockedValue { s -> Bool in
            defer { s.ended = true }
            return !s.ended
        }
        if first { metrics.droppedConnections.increment() }
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
