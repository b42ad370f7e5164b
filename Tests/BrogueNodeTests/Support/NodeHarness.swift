import BrogueContent
import BrogueNode
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Testing

@testable import BrogueProtocol

/// The core content, loaded once.
let coreContent: LoadedContent = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try! ContentLoader().load(plugins: [root.appendingPathComponent("content/core").path])
}()

/// A node over a fresh data folder, with limits loose enough for quick tests unless given.
/// - Parameter requestTimeout: the request timeout, off unless given: HummingbirdTesting's
///   client connects when a test starts and may send its first request much later, on a busy
///   machine after any bound (the timeout has tests of its own, `SlowClientTests`).
func makeNode(
    _ config: NodeConfig = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000),
    requestTimeout: Double = 0
) throws -> Node {
    var config = config
    config.access.requestTimeoutSeconds = requestTimeout
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-node-\(UUID().uuidString)").path
    return try Node(config: config, content: coreContent, dataDirectory: folder, logger: Logger(label: "test"))
}

/// One side of a test connection: send client messages, read server messages in order.
final class Peer: @unchecked Sendable {
    // Only used inside one WebSocket handler task.
    var iterator: WebSocketInboundMessageStream.AsyncIterator
    let outbound: WebSocketOutboundWriter

    init(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) {
        iterator = inbound.messages(maxSize: 1 << 21).makeAsyncIterator()
        self.outbound = outbound
    }

    func send(_ message: ClientMessage, id: Int? = nil) async throws {
        try await outbound.writeTextMessage(WireCodec.encode(ClientEnvelope(message, id: id)))
    }

    func sendRaw(_ text: String) async throws { try await outbound.writeTextMessage(text) }

    /// The next server message, or nil when the node closed the connection.
    func next() async throws -> ServerEnvelope? {
        guard let message = try await iterator.next() else { return nil }
        guard case .text(let text) = message else { throw ProtocolError(.binaryNotSupported, "the node sent binary") }
        let decoded = try WireCodec.decodeServer(text)
        // Every frame and ack a node sends is read by the clients' byte reader, as JSONDecoder reads it.
        switch decoded.message {
        case .frame, .ack: #expect(ServerMessageReader.read(text) == decoded, "the byte reader leaves or misreads \(text.prefix(200))")
        default: break
        }
        return decoded
    }

    /// The next message, which must not be nil.
    func expectNext() async throws -> ServerMessage {
        let e = try await next()
        return try #require(e).message
    }

    /// hello + guest, checking the answers.
    func start() async throws {
        try await send(.hello(version: ProtocolInfo.version, client: "tests"))
        guard case .hello(let h) = try await expectNext() else { throw ProtocolError(.badField, "no hello") }
        #expect(h.version == ProtocolInfo.version)
        try await send(.guest(name: "tester"))
        guard case .identity(let i) = try await expectNext() else { throw ProtocolError(.badField, "no identity") }
        #expect(i.guest)
    }
}

/// Connects to the node on `port` and runs `body` with the connection.
@discardableResult
func connect(port: Int, _ body: @escaping @Sendable (Peer) async throws -> Void) async throws -> WebSocketCloseFrame? {
    var config = WebSocketClientConfiguration()
    config.maxFrameSize = 1 << 21
    return try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/ws", configuration: config, logger: Logger(label: "client")) {
        inbound,
        outbound,
        _ in
        try await body(Peer(inbound: inbound, outbound: outbound))
    }
}

/// A value shared between the test and its connection handlers.
final class Box<T: Sendable>: Sendable {
    private let value: NIOLockedValueBox<T>
    init(_ v: T) { value = NIOLockedValueBox(v) }
    var get: T { value.withLockedValue { $0 } }
    func set(_ v: T) { value.withLockedValue { $0 = v } }
}
