import Foundation
import NIOCore
import NIOPosix

/// One TCP connection to one server, past its handshake. Writes may come from any thread;
/// they reach the server in the order they were made.
struct NATSConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<NATSChannelHandler>
    let info: NATSServerInfo
    let server: NATSServerAddress

    func write(_ bytes: ByteBuffer) {
        channel.writeAndFlush(bytes, promise: nil)
    }

    /// Completes when the server has answered a PING, so it has read everything written before.
    func ping() -> EventLoopFuture<Void> {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        let handler = self.handler
        channel.eventLoop.execute { handler.value.ping(promise) }
        return promise.futureResult
    }

    func close() async {
        try? await channel.close()
    }

    /// Connects to `server` and completes the handshake: INFO in, CONNECT and PING out, PONG in.
    /// - Throws: `NATSError.authorizationViolation` when the server refuses the credentials, or the connection error.
    static func open(
        to server: NATSServerAddress,
        options: NATSOptions,
        group: any EventLoopGroup,
        sink: @escaping @Sendable (NATSConnectionEvent) -> Void
    ) async throws -> NATSConnection {
        let eventLoop = group.next()
        let handshake = eventLoop.makePromise(of: NATSServerInfo.self)
        let bound = eventLoop.makePromise(of: NIOLoopBound<NATSChannelHandler>.self)
        let settings = NATSChannelHandler.Settings(
            server: server,
            connectTimeout: TimeAmount(options.connectTimeout),
            pingInterval: TimeAmount(options.pingInterval),
            maxPingsOut: options.maxPingsOut,
            maxControlLine: options.maxControlLine,
            connectLine: { _ in try connectLine(server: server, options: options) }
        )
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(TimeAmount(options.connectTimeout))
                // At the TCP level: `.socketOption` would set SOL_SOCKET's option of the same number
                // (SO_DEBUG), which needs CAP_NET_ADMIN and fails for an unprivileged user.
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = NATSChannelHandler(settings: settings, handshake: handshake, sink: sink)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        bound.succeed(NIOLoopBound(handler, eventLoop: channel.eventLoop))
                    }
                }
                .connect(host: server.host, port: server.port)
                .get()
        } catch {
            handshake.fail(error)
            bound.fail(error)
            throw error
        }
        do {
            let info = try await handshake.futureResult.get()
            return NATSConnection(channel: channel, handler: try await bound.futureResult.get(), info: info, server: server)
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private static func connectLine(server: NATSServerAddress, options: NATSOptions) throws -> ByteBuffer {
        var request = NATSConnectRequest(name: options.name)
        if let user = server.user ?? options.user {
            request.user = user
            request.pass = server.password ?? options.password
        }
        request.authToken = options.token
        let json = try JSONEncoder().encode(request)
        var out = ByteBuffer(string: "CONNECT ")
        out.writeBytes(json)
        out.writeString("\r\n")
        return out
    }
}
