import NIOCore

/// Closes a connection whose request head (or WebSocket handshake) has not arrived whole within
/// `bound`: timed from accept, and on a kept-alive HTTP connection from the first byte of each
/// later request, to the blank line that ends the head. A slow client (headers a line at a
/// time) or a silent one holds a socket for at most `bound`; how long the node then takes to
/// answer does not count. First in the pipeline, it sees raw bytes, so it knows of HTTP only
/// the end of a head and the status line of a `101`: once the connection is a WebSocket it
/// removes itself, and the idle timeout takes over.
final class RequestDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let bound: TimeAmount
    private let onTimeout: () -> Void
    private var timer: Scheduled<Void>?
    /// The last four bytes read, to find `\r\n\r\n` across reads.
    private var tail: UInt32 = 0
    private var answered = false

    init(bound: TimeAmount, onTimeout: @escaping () -> Void) {
        self.bound = bound
        self.onTimeout = onTimeout
    }

    // Timed from when the socket is registered and can be read, so a busy event loop that
    // is slow to register it costs the client nothing.
    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil && !answered { arm(context) }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        for byte in unwrapInboundIn(data).readableBytesView {
            if timer == nil { arm(context) }
            tail = tail << 8 | UInt32(byte)
            if tail == 0x0D0A_0D0A { disarm() }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answered else { return context.write(data, promise: promise) }
        answered = true
        // Only the first request of a connection can be an upgrade.
        let upgraded: Bool
        if case .byteBuffer(let head) = unwrapOutboundIn(data) {
            upgraded = head.readableBytesView.starts(with: "HTTP/1.1 101 ".utf8)
        } else {
            upgraded = false
        }
        context.write(data, promise: promise)
        if upgraded { context.pipeline.syncOperations.removeHandler(context: context, promise: nil) }
    }

    private func arm(_ context: ChannelHandlerContext) {
        let onTimeout = onTimeout
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: bound) {
            onTimeout()
            // As if the client had stopped sending: the HTTP layers end the request quietly
            // (a plain close would be logged as an error for each slow client).
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            context.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
