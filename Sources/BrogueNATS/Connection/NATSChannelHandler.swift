import Foundation
import NIOCore

/// What a ready connection reports to its client, on the event loop, in the order it happened.
enum NATSConnectionEvent: Sendable {
    case message(NATSMessage)
    case info(NATSServerInfo)
    case serverError(NATSError)
    /// The connection is gone; the error says why when the client or the server did not simply close it.
    case closed(NATSError?)
}

/// Reads the server's operations and runs the connection's own part of the protocol: the
/// INFO/CONNECT/PONG handshake, answering PINGs, keepalive PINGs, and PONGs for `flush()`.
/// Everything else goes to the client through `sink`.
final class NATSChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        case awaitingInfo
        case awaitingPong(NATSServerInfo)
        case ready
        case closed
    }

    struct Settings {
        var server: NATSServerAddress
        var connectTimeout: TimeAmount
        var pingInterval: TimeAmount
        var maxPingsOut: Int
        var maxControlLine: Int
        /// The CONNECT line for the server's INFO.
        var connectLine: @Sendable (NATSServerInfo) throws -> ByteBuffer
    }

    private let settings: Settings
    private let sink: @Sendable (NATSConnectionEvent) -> Void
    private var handshake: EventLoopPromise<NATSServerInfo>?
    private var parser: NATSParser
    private var phase = Phase.awaitingInfo
    private var context: ChannelHandlerContext?
    /// One entry per PING in flight, oldest first: a `flush()` waiting for its PONG, or `nil` for a keepalive.
    private var pongWaiters = CircularBuffer<EventLoopPromise<Void>?>()
    private var keepalive: RepeatedTask?
    private var handshakeTimeout: Scheduled<Void>?
    private var closeReason: NATSError?
    /// Set once the connection is being closed: nothing more it sends is read.
    private var stopped = false

    init(settings: Settings, handshake: EventLoopPromise<NATSServerInfo>, sink: @escaping @Sendable (NATSConnectionEvent) -> Void) {
        self.settings = settings
        self.handshake = handshake
        self.sink = sink
        self.parser = NATSParser(maxLine: settings.maxControlLine)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        handshakeTimeout = context.eventLoop.scheduleTask(in: settings.connectTimeout) {
            bound.value.fail(.timeout(operation: "handshake with \(bound.value.settings.server)"))
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        handshakeTimeout?.cancel()
        keepalive?.cancel()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        parser.append(unwrapInboundIn(data))
        do {
            while !stopped, let operation = try parser.next() {
                try handle(operation, context: context)
            }
        } catch let error as NATSError {
            fail(error)
        } catch {
            fail(.protocolViolation("\(error)"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset when the server dies is the common case; the client reconnects either way.
        fail(.connectionClosed)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let wasReady = if case .ready = phase { true } else { false }
        phase = .closed
        keepalive?.cancel()
        handshakeTimeout?.cancel()
        handshake?.fail(closeReason ?? .connectionClosed)
        handshake = nil
        while let waiter = pongWaiters.popFirst() { waiter?.fail(closeReason ?? .connectionClosed) }
        if wasReady { sink(.closed(closeReason)) }
        context.fireChannelInactive()
    }

    /// Sends a PING whose PONG completes `promise`: every operation written before it has reached the server.
    func ping(_ promise: EventLoopPromise<Void>) {
        guard case .ready = phase, let context else { return promise.fail(NATSError.connectionClosed) }
        pongWaiters.append(promise)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "PING\r\n")), promise: nil)
    }

    /// Closes the connection, remembering why for the client.
    func fail(_ error: NATSError) {
        if closeReason == nil { closeReason = error }
        if stopped { return }
        stopped = true
        context?.close(promise: nil)
    }
}

extension NATSChannelHandler {
    private func handle(_ operation: NATSServerOp, context: ChannelHandlerContext) throws {
        switch (phase, operation) {
        case (_, .ping):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "PONG\r\n")), promise: nil)
        case (.awaitingInfo, .info(let info)):
            if let maxPayload = info.maxPayload, maxPayload > 0 { parser.maxPayload = maxPayload }
            var out = try settings.connectLine(info)
            out.writeString("PING\r\n")
            context.writeAndFlush(wrapOutboundOut(out), promise: nil)
            phase = .awaitingPong(info)
        case (.awaitingPong(let info), .pong):
            phase = .ready
            handshakeTimeout?.cancel()
            startKeepalive(context: context)
            handshake?.succeed(info)
            handshake = nil
        case (.awaitingInfo, .error(let text)), (.awaitingPong, .error(let text)):
            fail(NATSError.fromServer(text, server: settings.server.description))
        case (.ready, .pong):
            if let waiter = pongWaiters.popFirst() { waiter?.succeed() }
        case (.ready, .message(let message)):
            sink(.message(message))
        case (.ready, .info(let info)):
            if let maxPayload = info.maxPayload, maxPayload > 0 { parser.maxPayload = maxPayload }
            sink(.info(info))
        case (.ready, .error(let text)):
            let error = NATSError.fromServer(text, server: settings.server.description)
            // The server closes the connection after most errors; remember why, and report every one.
            if closeReason == nil { closeReason = error }
            sink(.serverError(error))
        case (_, .ok):
            break
        default:
            throw NATSError.protocolViolation("\(operation) before the handshake finished")
        }
    }

    private func startKeepalive(context: ChannelHandlerContext) {
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        keepalive = context.eventLoop.scheduleRepeatedTask(initialDelay: settings.pingInterval, delay: settings.pingInterval) { _ in
            bound.value.keepaliveTick()
        }
    }

    private func keepaliveTick() {
        let outstanding = pongWaiters.count
        if outstanding >= settings.maxPingsOut {
            fail(.staleConnection(missedPongs: outstanding))
            return
        }
        guard let context else { return }
        pongWaiters.append(nil)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "PING\r\n")), promise: nil)
    }
}
