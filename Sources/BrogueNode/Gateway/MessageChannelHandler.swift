import BrogueProtocol
import NIOCore
import NIOWebSocket

/// The event-loop side of one upgraded WebSocket connection, after NIO's frame decoder and
/// encoder: reassembles whole messages for the `Session`, answers pings and the close handshake,
/// pings the client, and holds off reading while the session has messages waiting
/// (`Inbox.readsPaused`). It keeps the rules of the task-based handler it replaced (swift-websocket's
/// `WebSocketHandler`, as Hummingbird ran it): a ping every 30 s and the connection closed (1001)
/// when the last one had no pong; after the node's close frame, 15 s for the client's before the
/// socket is closed; a close frame answered with one; no UTF-8 validation. A frame that breaks
/// RFC 6455 fails the connection (its section 7.1.7): reserved bits, an unassigned opcode or a
/// continuation out of place get a close frame with 1002, a message over `Connection.maxFrameBytes`
/// in all one with 1009, each after the answers already queued, and the socket is closed once it
/// is written (no wait for the client's close).
final class MessageChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    static let pingEvery = TimeAmount.seconds(30)
    static let closeWait = TimeAmount.seconds(15)

    private enum CloseState {
        case open
        /// The node's close frame went out; the client's is awaited.
        case closeSent
        case closed
    }

    private var session: Session?
    private var closeState = CloseState.open
    /// The frames of a message not yet whole, and whether it is text.
    private var partial: (data: ByteBuffer, text: Bool)?
    /// After a message error nothing more is taken from the client.
    private var reading = true
    /// The client broke the protocol: the socket closes as soon as the node's close frame is written.
    private var failing = false
    private var pingTimer: Scheduled<Void>?
    /// The last ping's payload while its pong has not come.
    private var unansweredPing: ByteBuffer?
    private var closeTimer: Scheduled<Void>?
    /// The client shut its side (Hummingbird's server allows half-closed sockets): it can send no
    /// close frame, so the socket closes once the node's is written.
    private var inputClosed = false

    init(session: Session) { self.session = session }

    func handlerAdded(context: ChannelHandlerContext) { schedulePing(context) }

    func handlerRemoved(context: ChannelHandlerContext) {
        pingTimer?.cancel()
        closeTimer?.cancel()
        // The session keeps no reference back; this breaks the one from the pipeline.
        session = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        closeState = .closed
        pingTimer?.cancel()
        closeTimer?.cancel()
        session?.inputEnded()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .connectionClose:
            receivedClose(context, frame)
        case .ping:
            guard closeState == .open else { return }
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .pong:
            if frame.unmaskedData == unansweredPing { unansweredPing = nil }
        case .text, .binary, .continuation:
            guard closeState == .open, reading else { return }
            guard frame.reservedBits.isEmpty else { return fail(code: .protocolError) }
            receivedData(frame)
        default:
            fail(code: .protocolError)
        }
    }

    func read(context: ChannelHandlerContext) {
        // Held back while the session has messages waiting; it asks again (`Inbox.next`).
        guard session?.inbox.readsPaused != true else { return }
        context.read()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closeState == .open else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        guard unwrapOutboundIn(data).opcode == .connectionClose else { return context.write(data, promise: promise) }
        closeState = .closeSent
        session?.stop()
        guard !inputClosed && !failing else {
            closeState = .closed
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.whenComplete { _ in context.close(promise: nil) }
            written.futureResult.cascade(to: promise)
            return context.writeAndFlush(data, promise: written)
        }
        closeTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.closeWait) { context.close(promise: nil) }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            // The HTTP server stops (after the drain): a normal close, as the framework's handler did.
            session?.handle.endQuietly()
        case let event as ChannelEvent where event == .inputClosed:
            inputClosed = true
            switch closeState {
            case .open: session?.inputEnded()
            case .closeSent: context.close(promise: nil)
            case .closed: break
            }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func receivedData(_ frame: WebSocketFrame) {
        var data = frame.unmaskedData
        guard frame.opcode == .continuation else {
            // A new message while another is unfinished.
            guard partial == nil else { return fail(code: .protocolError) }
            let text = frame.opcode == .text
            if frame.fin { deliver(data, text: text) } else { partial = (data, text) }
            return
        }
        guard let (first, text) = partial else { return fail(code: .protocolError) }
        partial = nil
        guard first.readableBytes + data.readableBytes <= Connection.maxFrameBytes else { return fail(code: .messageTooLarge) }
        var whole = first
        whole.writeBuffer(&data)
        if frame.fin { deliver(whole, text: text) } else { partial = (whole, text) }
    }

    private func deliver(_ data: ByteBuffer, text: Bool) {
        session?.received(text ? .text(String(buffer: data)) : .binary)
    }

    /// A frame that breaks the protocol: a close frame with `code`, after what is queued, and
    /// then the socket closed.
    private func fail(code: WebSocketErrorCode) {
        reading = false
        failing = true
        partial = nil
        session?.handle.endQuietly(code: UInt16(webSocketErrorCode: code))
    }

    private func receivedClose(_ context: ChannelHandlerContext, _ frame: WebSocketFrame) {
        switch closeState {
        case .open:
            closeState = .closed
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode()
            let fine: Bool
            if case .unknown(let number)? = code {
                fine = (3000...4999).contains(number)
            } else {
                fine = code != nil || frame.unmaskedData.readableBytes == 0
            }
            var reply = context.channel.allocator.buffer(capacity: 2)
            reply.write(webSocketErrorCode: fine ? .normalClosure : .protocolError)
            let answered = context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: reply)))
            answered.whenComplete { _ in context.close(promise: nil) }
            session?.inputEnded()
        case .closeSent:
            closeState = .closed
            context.close(promise: nil)
        case .closed:
            return
        }
    }

    private func schedulePing(_ context: ChannelHandlerContext) {
        pingTimer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.pingEvery) { [self] in
            guard closeState == .open else { return }
            guard unansweredPing == nil else {
                // No pong since the last ping: the client is gone.
                var data = context.channel.allocator.buffer(capacity: 2 + 12)
                data.write(webSocketErrorCode: .goingAway)
                data.writeString("Ping timeout")
                closeState = .closed
                context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)), promise: nil)
                context.close(promise: nil)
                return
            }
            var ping = context.channel.allocator.buffer(capacity: 16)
            for _ in 0..<16 { ping.writeInteger(UInt8.random(in: .min ... .max)) }
            unansweredPing = ping
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: ping)), promise: nil)
            schedulePing(context)
        }
    }
}
