public import BrogueFrame
public import BrogueProtocol
import Foundation
import HummingbirdWSClient
public import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// Why a remote game could not go on, in words for the player.
public enum RemoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The address is not `ws://HOST:PORT[/ws]`.
    case badURL(String)
    /// Nothing answered at the address (refused, unknown host, not a WebSocket endpoint).
    case unreachable(url: String, reason: String)
    /// The node speaks another protocol version.
    case versionMismatch(client: Int, node: String)
    /// The node said `bye` (shutdown, taken over, flooding...).
    case ended(ByeReason, String)
    /// The node closed the connection without a `bye`.
    case closed
    /// The node refused a request with a fatal or unexpected error.
    case refused(ProtocolError)
    /// The node sent something this client did not expect.
    case unexpected(String)
    /// A session lost its connection and every reconnect attempt failed; `last` says why the
    /// last one did.
    case reconnectFailed(attempts: Int, servers: [String], last: String)

    public var description: String {
        switch self {
        case .badURL(let url): "'\(url)' is not a node address; use ws://HOST:PORT (for example ws://127.0.0.1:8080)"
        case .unreachable(let url, let reason): "could not connect to \(url): \(reason). Is `brogue node` running there?"
        case .versionMismatch(let client, let node): "the node speaks another protocol version (this client speaks \(client)): \(node)"
        case .ended(.shutdown, _): "the node is shutting down; your game is saved, connect again later with --resume"
        case .ended(.takenOver, _): "this game was resumed from another connection"
        case .ended(.flooding, _): "the node closed the connection: too many keys too fast"
        case .ended(.tooSlow, _): "the node closed the connection: this client read too slowly"
        case .ended(.clientQuit, _): "left the game"
        case .ended(.idle, _): "the node closed the connection after a long time without a key; your game is saved, connect again with --resume"
        case .closed: "the node closed the connection"
        case .refused(let e): "the node refused: \(e.message) (\(e.code.rawValue))"
        case .unexpected(let what): "the node sent something unexpected: \(what)"
        case .reconnectFailed(let attempts, let servers, let last):
            "lost the connection and could not reconnect in \(attempts) attempts to \(servers.joined(separator: ", ")) (last: \(last)); your game is saved, connect again later with --resume"
        }
    }
}

/// One game played on a node over WebSocket: the client side of `docs/protocol.md`, with no
/// terminal. `brogue connect` draws `screen` after each call; tests check it.
///
/// ```swift
/// let remote = try await RemoteGame.connect(url: "ws://127.0.0.1:8080")
/// try await remote.start(name: "me")
/// let info = try await remote.newGame(seed: 7)
/// let reply = try await remote.press("x")   // screen now shows the result
/// await remote.close()
/// ```
///
/// Calls must not overlap: one request, then its answer, as the protocol has it.
public final class RemoteGame: @unchecked Sendable {
    /// What a `key` or `action` got.
    public enum Reply: Equatable, Sendable {
        /// Stored (or, for a key, handled); `screen` shows the frame that followed.
        case ack(Ack)
        /// Refused without ending the connection (`bad_action`, `rate_limited`, `game_over`...).
        case refused(ProtocolError)
    }

    /// The node's `hello`.
    public internal(set) var hello: ServerHello?
    /// Who this connection plays as.
    public internal(set) var identity: Identity?
    /// The game played, from `game` and updated by each `ack`.
    public private(set) var info: GameInfo?
    /// The screen composed from the frames received so far.
    public internal(set) var screen: Frame?
    /// The last frame update received (its `messages` and `status`).
    public internal(set) var lastUpdate: FrameUpdate?
    /// How many frames arrived.
    public internal(set) var framesReceived = 0
    /// Why the node ended the connection, once it has.
    public internal(set) var ended: RemoteError?

    private let link: Link
    private var inbox: AsyncStream<Result<ServerEnvelope, RemoteError>>.Iterator
    private var nextID = 1

    private init(link: Link) {
        self.link = link
        inbox = link.inbox.makeAsyncIterator()
    }

    /// The node's `bye` (or close) when it has arrived but not yet been read by a request:
    /// a player idle at the keyboard learns the node is shutting down without pressing a key.
    /// Never blocks.
    public var endedByNode: RemoteError? { ended ?? link.notice }

    /// Checks and normalises a node address: `ws://HOST:PORT` gets `/ws` appended.
    public static func endpoint(_ url: String) throws(RemoteError) -> String {
        guard let parsed = URL(string: url), parsed.scheme == "ws" || parsed.scheme == "wss",
            let host = parsed.host, !host.isEmpty, parsed.query == nil
        else { throw .badURL(url) }
        if parsed.path.isEmpty || parsed.path == "/" {
            return url.hasSuffix("/") ? url + "ws" : url + "/ws"
        }
        return url
    }

    /// Opens the WebSocket; nothing is sent yet.
    /// - Throws: `RemoteError.badURL` or `.unreachable`.
    public static func connect(url: String, logger: Logger = Logger(label: "brogue.connect")) async throws(RemoteError) -> RemoteGame {
        let address = try endpoint(url)
        let (ready, readyContinuation) = AsyncStream<Result<Link, RemoteError>>.makeStream()
        let done = Link.Gate()
        let task = Task {
            var config = WebSocketClientConfiguration()
            config.maxFrameSize = ProtocolInfo.maxServerMessageBytes
            let opened = NIOLockedValueBox<Link?>(nil)
            do {
                let closeFrame = try await WebSocketClient.connect(
                    url: address,
                    configuration: config,
                    tlsConfiguration: ClientTLS.configuration(for: address),
                    logger: logger
                ) { inbound, outbound, _ in
                    let link = Link(outbound: outbound, done: done)
                    opened.withLockedValue { $0 = link }
                    readyContinuation.yield(.success(link))
                    // Everything the node sends is read at once, so a `bye` is seen even
                    // while the player thinks (`endedByNode`).
                    let messages = inbound.messages(maxSize: ProtocolInfo.maxServerMessageBytes)
                    let reader = Task {
                        do {
                            for try await message in messages { link.received(message) }
                        } catch {}
                        // The node closed: return, so the close frame's code comes back.
                        done.open()
                    }
                    // Returning closes the WebSocket, which ends the reader too.
                    await done.wait()
                    reader.cancel()
                }
                opened.withLockedValue { $0 }?.inboundEnded(
                    closeCode: closeFrame.map { UInt16(webSocketErrorCode: $0.closeCode) } ?? CloseCode.abnormal
                )
                readyContinuation.yield(.failure(.closed))
            } catch {
                opened.withLockedValue { $0 }?.inboundEnded(closeCode: CloseCode.abnormal)
                readyContinuation.yield(.failure(.unreachable(url: url, reason: Self.describe(error))))
            }
            readyContinuation.finish()
        }
        for await result in ready {
            switch result {
            case .success(let link):
                link.task = task
                return RemoteGame(link: link)
            case .failure(let error): throw error
            }
        }
        throw .closed
    }

    private static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("webSocketUpgradeFailed") || text.contains("WebSocket upgrade failed") {
            return "it answered, but not as a WebSocket endpoint"
        }
        if text.contains("invalidURL") { return "the address is not valid" }
        return text
    }

    /// `hello` and `guest`.
    /// - Throws: `RemoteError.versionMismatch` when the node speaks another version.
    public func start(name: String? = nil, client: String = "brogue-connect/0.1.0") async throws(RemoteError) {
        try await start(as: .guest(name), client: client)
    }

    /// Starts a new stored game and receives its first, full frame.
    public func newGame(seed: UInt64? = nil) async throws(RemoteError) -> GameInfo {
        try await open(.newGame(seed: seed))
    }

    /// Reopens a stored game with its token and receives its full frame.
    /// - Throws: `RemoteError.refused` with `game_not_found` for a wrong id or token.
    public func resume(game: Int64, token: String) async throws(RemoteError) -> GameInfo {
        try await open(.resume(game: game, token: token))
    }

    private func open(_ message: ClientMessage) async throws(RemoteError) -> GameInfo {
        try await send(message)
        switch try await next().message {
        case .game(let g):
            info = g
            try await receiveFrame()
            return g
        case .error(let e): throw .refused(e)
        case let other: throw unexpected(other)
        }
    }

    /// Sends one key by name (`Key.name`), handled by the node as the terminal game does.
    public func press(_ key: String) async throws(RemoteError) -> Reply {
        try await request(.key(key))
    }

    /// Sends one action in `Action.encoded` form.
    public func perform(_ action: String) async throws(RemoteError) -> Reply {
        try await request(.action(action))
    }

    private func request(_ message: ClientMessage) async throws(RemoteError) -> Reply {
        try await send(message)
        switch try await next().message {
        case .ack(let ack):
            info?.actions = ack.actions
            info?.turn = ack.turn
            info?.stateHash = ack.stateHash
            info?.over = ack.over
            try await receiveFrame()
            return .ack(ack)
        case .error(let e): return .refused(e)
        case let other: throw unexpected(other)
        }
    }

    /// Says `bye` and waits for the node's answer and close; never throws.
    public func close() async {
        if ended == nil {
            try? await send(.bye)
            while ended == nil, let envelope = try? await next() {
                if case .bye = envelope.message { break }
            }
        }
        link.finish()
        await link.task?.value
    }

    /// How the connection ended: why, for the player, and whether a client should reconnect and
    /// resume (`Reconnect.shouldReconnect` over the `bye`, fatal error and close code). Closes
    /// what is left of the connection first, so it never waits on a node that says nothing.
    public func settle() async -> (reason: RemoteError, reconnect: Bool) {
        // Not `finish` at once: that stops the reader, and a `bye` still in its buffer (say
        // `taken_over`) would be lost, leaving only a close code that looks like a restart.
        // Asking to close lets the reader take everything up to the node's close frame; the
        // bound is for a node that no longer answers at all.
        try? await link.outbound.close(.normalClosure, reason: nil)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.link.task?.value }
            group.addTask { try? await Task.sleep(for: .seconds(5)) }
            await group.next()
            group.cancelAll()
        }
        link.finish()
        await link.task?.value
        let why: RemoteError =
            if let ended, ended != .closed { ended } else { link.notice ?? ended ?? .closed }
        ended = why
        let reconnect =
            switch why {
            case .ended(let reason, _): Reconnect.shouldReconnect(bye: reason, fatal: nil, closeCode: link.closeCode)
            case .closed: Reconnect.shouldReconnect(bye: nil, fatal: nil, closeCode: link.closeCode)
            default: false
            }
        return (why, reconnect)
    }

    /// The close code of the ended connection (1006 when it broke without one); nil while open.
    public var closeCode: UInt16? { link.closeCode }

    /// Closes the connection without `bye` (a client that vanished).
    public func drop() async {
        try? await link.outbound.close(.normalClosure, reason: nil)
        link.finish()
        await link.task?.value
    }

    // MARK: - Wire

    func send(_ message: ClientMessage) async throws(RemoteError) {
        if let ended { throw ended }
        let id = nextID
        nextID += 1
        do {
            try await link.outbound.writeTextMessage(WireCodec.encode(ClientEnvelope(message, id: id)))
        } catch {
            // The node closed first; its `bye`, if it sent one, says why.
            let why = link.notice ?? .closed
            ended = why
            throw why
        }
    }

    /// The next message; a `bye` or a fatal error ends the game and is thrown.
    func next() async throws(RemoteError) -> ServerEnvelope {
        if let ended { throw ended }
        guard let result = await inbox.next() else {
            ended = .closed
            throw .closed
        }
        let envelope: ServerEnvelope
        switch result {
        case .success(let e): envelope = e
        case .failure(let error): throw error
        }
        switch envelope.message {
        case .bye(let reason, let text):
            ended = .ended(reason, text)
            throw .ended(reason, text)
        case .error(let e) where e.code.isFatal:
            if e.code == .versionUnsupported { return envelope }
            ended = .refused(e)
            throw .refused(e)
        default: return envelope
        }
    }

    private func receiveFrame() async throws(RemoteError) {
        guard case .frame(let update) = try await next().message else { throw .unexpected("no frame after an answer") }
        do { try update.apply(to: &screen) } catch { throw .unexpected("a frame that does not apply: \(error.message)") }
        lastUpdate = update
        framesReceived += 1
    }

    func unexpected(_ message: ServerMessage) -> RemoteError {
        if case .error(let e) = message { return .refused(e) }
        return .unexpected("a '\(message.type)' message")
    }
}

/// The open WebSocket, held open by the client task until `finish`.
final class Link: @unchecked Sendable {
    /// Opens once; the connection handler waits on it.
    final class Gate: Sendable {
        private let state = NIOLockedValueBox<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
        func wait() async {
            await withCheckedContinuation { c in
                let resumeNow = state.withLockedValue { s -> Bool in
                    if s.open { return true }
                    s.waiters.append(c)
                    return false
                }
                if resumeNow { c.resume() }
            }
        }
        func open() {
            let waiters = state.withLockedValue { s -> [CheckedContinuation<Void, Never>] in
                s.open = true
                defer { s.waiters = [] }
                return s.waiters
            }
            for w in waiters { w.resume() }
        }
    }

    let outbound: WebSocketOutboundWriter
    let done: Gate
    var task: Task<Void, Never>?
    /// The node's messages, decoded, in order; unbounded (a client keeps up with one game).
    let inbox: AsyncStream<Result<ServerEnvelope, RemoteError>>
    private let continuation: AsyncStream<Result<ServerEnvelope, RemoteError>>.Continuation
    private let noticed = NIOLockedValueBox<RemoteError?>(nil)
    private let closed = NIOLockedValueBox<UInt16?>(nil)

    init(outbound: WebSocketOutboundWriter, done: Gate) {
        self.outbound = outbound
        self.done = done
        (inbox, continuation) = AsyncStream.makeStream()
    }

    /// A `bye`, fatal error or close seen by the reader, before any request reads it.
    var notice: RemoteError? { noticed.withLockedValue { $0 } }

    /// Called by the reader for each message.
    func received(_ message: WebSocketMessage) {
        guard case .text(let text) = message else {
            continuation.yield(.failure(.unexpected("a binary message")))
            return
        }
        do {
            let envelope = try WireCodec.decodeServer(text)
            switch envelope.message {
            case .bye(let reason, let why): noticed.withLockedValue { $0 = $0 ?? .ended(reason, why) }
            case .error(let e) where e.code.isFatal: noticed.withLockedValue { $0 = $0 ?? .refused(e) }
            default: break
            }
            continuation.yield(.success(envelope))
        } catch {
            continuation.yield(.failure(.unexpected("\(error)")))
        }
    }

    /// The node closed the connection with `closeCode` (1006 when it broke without a close frame).
    func inboundEnded(closeCode: UInt16) {
        noticed.withLockedValue { $0 = $0 ?? .closed }
        closed.withLockedValue { $0 = $0 ?? closeCode }
        continuation.finish()
    }

    /// The close code, once the connection has ended.
    var closeCode: UInt16? { closed.withLockedValue { $0 } }

    func finish() { done.open() }
}
