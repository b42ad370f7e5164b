import Foundation
import NIOCore
import NIOPosix

/// A loopback server that completes the NATS handshake and then misbehaves, for what a real
/// server will not do on demand: stop answering PINGs, or send bytes that are not the protocol.
final class FakeNATSServer: Sendable {
    /// What the server does once the client publishes (any PUB after the handshake): the test
    /// decides when, so nothing depends on how fast the client adopts its connection.
    enum Behaviour: Sendable {
        /// Stops answering PINGs.
        case silent
        /// Sends `bytes`.
        case sends(String)
    }

    let channel: any Channel
    var url: String { "nats://127.0.0.1:\(channel.localAddress?.port ?? 0)" }

    init(_ behaviour: Behaviour) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler(behaviour)) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }

    func stop() async { try? await channel.close() }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let behaviour: Behaviour
        var received = ""
        var triggered = false

        init(_ behaviour: Behaviour) { self.behaviour = behaviour }

        func channelActive(context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "INFO {\"server_id\":\"FAKE\",\"max_payload\":1048576}\r\n")), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
            while !triggered, let line = received.range(of: "\r\n") {
                let command = received[..<line.lowerBound]
                received = String(received[line.upperBound...])
                if command == "PING" {
                    context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "PONG\r\n")), promise: nil)
                } else if command.hasPrefix("PUB ") {
                    triggered = true
                    if case .sends(let bytes) = behaviour { context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: bytes)), promise: nil) }
                }
            }
        }
    }
}
