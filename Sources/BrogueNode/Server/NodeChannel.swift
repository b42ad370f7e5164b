import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket

/// The node's HTTP/1 child channel with its own WebSocket upgrade. Plain requests are served by
/// Hummingbird as `HTTP1Channel` serves them; an upgraded connection gets the node's channel
/// handlers (`install`) and its task ends there, where Hummingbird's `HTTP1WebSocketUpgradeChannel`
/// would run the connection inside it for as long as it is open. The tasks of idle connections
/// were most of what an idle session cost (docs/node.md, "What a session and a game hold").
struct NodeChannel: ServerChildChannel, HTTPChannelHandler {
    enum Upgrade: Sendable {
        case http(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        /// An upgrade was asked for and refused: answered 400, then closed.
        case refused(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        /// Served by the handlers `install` added; nothing is left for a task to do.
        case webSocket
    }

    struct Value: ServerChildChannelValue {
        let upgrade: EventLoopFuture<Upgrade>
        let channel: any Channel
    }

    let responder: Responder
    /// A kept-alive HTTP connection with no request for this long is closed.
    let idleTimeout: TimeAmount
    /// Whether `request` may become a WebSocket, and the client's address if so (nil: refused).
    let accept: @Sendable (Request, any Channel) async -> String?
    /// Adds the handlers that serve an upgraded connection from the client at an address; on the event loop.
    let install: @Sendable (any Channel, String) throws -> Void

    init(
        responder: @escaping Responder,
        idleTimeout: TimeAmount,
        accept: @escaping @Sendable (Request, any Channel) async -> String?,
        install: @escaping @Sendable (any Channel, String) throws -> Void
    ) {
        self.responder = Self.redirectingLateUpgrades(responder)
        self.idleTimeout = idleTimeout
        self.accept = accept
        self.install = install
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // Set by the upgrade's check, read when the upgrade is made: one request per connection.
            let accepted = NIOLoopBoundBox<String?>(nil, eventLoop: channel.eventLoop)
            let attempted = NIOLoopBoundBox(false, eventLoop: channel.eventLoop)
            let upgrader = NIOTypedWebSocketServerUpgrader<Upgrade>(
                maxFrameSize: Connection.maxFrameBytes,
                shouldUpgrade: { channel, head in
                    attempted.value = true
                    // A task for the check alone (it asks the registry, an actor); it ends with the handshake.
                    let promise = channel.eventLoop.makePromise(of: String?.self)
                    promise.completeWithTask {
                        let request = Request(head: try HTTPRequest(head, secure: false, splitCookie: false), body: .init(buffer: .init()))
                        return await accept(request, channel)
                    }
                    return promise.futureResult.map { address -> HTTPHeaders? in
                        accepted.value = address
                        return address.map { _ in HTTPHeaders() }
                    }
                },
                upgradePipelineHandler: { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        guard let address = accepted.value else { throw ChannelError.inappropriateOperationForState }
                        try install(channel, address)
                        return .webSocket
                    }
                }
            )
            let plain = NIOTypedHTTPServerUpgradeConfiguration<Upgrade>(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let ops = channel.pipeline.syncOperations
                        try ops.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                        try ops.addHandler(HTTPConnectionStateHandler(idleTimeout: Duration(idleTimeout), logger: logger))
                        let http = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true)
                        )
                        return attempted.value ? .refused(http) : .http(http)
                    }
                }
            )
            var configuration = NIOUpgradableHTTPServerPipelineConfiguration(upgradeConfiguration: plain)
            // As Hummingbird's own channels: its async channel orders requests, its handlers answer errors.
            configuration.enablePipelining = false
            configuration.enableErrorHandling = false
            configuration.enableResponseHeaderValidation = false
            let limits = HTTP1Channel.Configuration.DecoderConfiguration()
            configuration.decoderConfiguration.maxHeaderFieldSize = limits.maxHeaderFieldSize
            configuration.decoderConfiguration.maxHeaderListSize = limits.maxHeaderListSize
            configuration.decoderConfiguration.maxHeaderFieldCount = limits.maxHeaderFieldCount
            let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: configuration)
            return Value(upgrade: upgrade, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.upgrade.get() {
            case .http(let http):
                await handleHTTP(asyncChannel: http, logger: logger)
            case .refused(let http):
                try await http.executeThenClose { _, outbound in
                    try await outbound.write(contentsOf: [
                        .head(HTTPResponse(status: .badRequest, headerFields: [.connection: "close", .contentLength: "0"])), .end(nil),
                    ])
                }
            case .webSocket:
                return
            }
        } catch {
            logger.debug("connection ended before its first request was answered", metadata: ["error": "\(error)"])
        }
    }

    /// NIO takes an upgrade only as a connection's first request: a later one is sent back to be
    /// asked again on a new connection (307, close), as Hummingbird's WebSocket channel does.
    private static func redirectingLateUpgrades(_ responder: @escaping Responder) -> Responder {
        struct Redirected: Error {}
        return { request, writer, channel in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else { return try await responder(request, writer, channel) }
            let location = request.uri.query.map { "\(request.uri.path)?\($0)" } ?? request.uri.path
            try await writer.writeResponse(HTTPResponse(status: .temporaryRedirect, headerFields: [.connection: "close", .location: location]))
            throw Redirected()
        }
    }
}
