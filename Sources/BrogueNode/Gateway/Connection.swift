import BrogueProtocol
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Prometheus

/// One WebSocket client: reads its messages one at a time, answers through a bounded queue.
struct Connection {
    let registry: any GameSeats
    let config: NodeConfig
    let metrics: NodeMetrics
    let logger: Logger
    /// Accounts and per-address limits: `Reader+Accounts.swift`, `Connection+Access.swift`.
    let accounts: Accounts
    let addresses: AddressLimiter
    /// The client's IP address, for the connection cap and login throttling.
    let address: String

    /// The largest frame the WebSocket layer accepts; bigger is closed with 1009 before we see
    /// it. Between `ProtocolInfo.maxClientMessageBytes` and this, the node answers `too_large`.
    static let maxFrameBytes = 1 << 16

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, channel: any Channel) async {
        let (stream, outbox) = AsyncStream.makeStream(of: Outgoing.self, bufferingPolicy: .bufferingOldest(config.outboundQueueLimit))
        let handle = ConnectionHandle(outbox: outbox, channel: channel, metrics: metrics)
        defer { handle.releaseQueued() }
        guard await admit(inbound: inbound, outbound: outbound) else { return }
        defer { addresses.leave(address) }
        logger.debug("connection opened", metadata: ["address": "\(address)"])
        guard await registry.register(handle) else {
            try? await outbound.writeTextMessage(WireCodec.encode(ServerEnvelope(.bye(.shutdown, "the node is shutting down"))))
            try? await outbound.close(WebSocketErrorCode(codeNumber: Int(config.drainCloseCode)), reason: ByeReason.shutdown.rawValue)
            return
        }
        let reader = Reader(connection: self, handle: handle)
        let watchdog = idleWatchdog(reader.activity, handle: handle)
        defer { watchdog?.cancel() }
        let game = await withTaskGroup(of: Int64?.self) { group in
            group.addTask {
                let game = await reader.read(inbound)
                handle.finish()
                return game
            }
            await Self.write(stream, to: outbound, handle: handle)
            handle.finish()
            group.cancelAll()
            return await group.next() ?? nil
        }
        await registry.unregister(handle, game: game)
    }

    private static func write(_ stream: AsyncStream<Outgoing>, to outbound: WebSocketOutboundWriter, handle: ConnectionHandle) async {
        for await item in stream {
            let (messages, bytes) = item.size
            if messages > 0 { handle.dequeued(messages: messages, bytes: bytes) }
            switch item {
            case .text(let text):
                do { try await outbound.writeTextMessage(text) } catch { return }
            case .pair(let first, let second):
                do {
                    try await outbound.writeTextMessage(first)
                    try await outbound.writeTextMessage(second)
                } catch { return }
            case .close(let code, let reason):
                try? await outbound.close(WebSocketErrorCode(codeNumber: Int(code)), reason: reason)
                return
            }
        }
    }
}

/// The reading side of a connection and its protocol state.
final class Reader: @unchecked Sendable {
    // Only touched by the one task that reads this connection.
    let connection: Connection
    let handle: ConnectionHandle
    private var helloDone = false
    var player: String?
    var host: (any PlayedGame)?
    /// The game this connection spectates, if any (Reader+Spectate.swift).
    var watching: (any WatchedGame)?
    /// The account logged in on this connection (nil for a guest); it owns the games it starts.
    var account: String?
    let activity: ActivityMark
    var limiter: RateLimiter
    var limitedInARow = 0

    init(connection: Connection, handle: ConnectionHandle) {
        self.connection = connection
        self.handle = handle
        let clock = connection.config.steadyClock
        activity = ActivityMark(clock: clock)
        limiter = RateLimiter(rate: connection.config.actionsPerSecond, burst: connection.config.actionBurst, now: clock.now)
    }

    /// Reads until the client leaves or is closed; returns the game it played last.
    func read(_ inbound: WebSocketInboundStream) async -> Int64? {
        var messages = inbound.messages(maxSize: Connection.maxFrameBytes).makeAsyncIterator()
        do {
            while let message = try await messages.next() {
                activity.touch(busy: true)
                defer { activity.touch(busy: false) }
                guard case .text(let text) = message else {
                    fatal(ProtocolError(.binaryNotSupported, "binary messages are not part of the protocol; send JSON text"), ref: nil)
                    break
                }
                // A drain waits for the message being handled, so its answers precede the bye.
                guard handle.begin() else { break }
                let goOn = await handle(text)
                handle.done()
                if !goOn { break }
            }
        } catch {
            connection.logger.debug("connection read ended", metadata: ["error": "\(error)"])
        }
        await stopWatching()
        return host?.id
    }

    private func fatal(_ error: ProtocolError, ref: Int?) {
        connection.logger.info("closing connection", metadata: ["code": "\(error.code.rawValue)"])
        handle.end(ServerEnvelope(.error(error), ref: ref), code: error.code.closeCode)
    }

    /// Handles one text message; false when the connection must stop reading.
    private func handle(_ text: String) async -> Bool {
        let envelope: ClientEnvelope
        do { envelope = try WireCodec.decodeClient(text) } catch {
            fatal(error, ref: nil)
            return false
        }
        let ref = envelope.id
        func reply(_ m: ServerMessage) { handle.send(ServerEnvelope(m, ref: ref)) }
        guard helloDone else {
            guard case .hello(let version, _) = envelope.message else {
                fatal(ProtocolError(.helloRequired, "the first message must be hello with the protocol version"), ref: ref)
                return false
            }
            guard version == ProtocolInfo.version else {
                fatal(ProtocolError(.versionUnsupported, "this node speaks protocol \(ProtocolInfo.version), not \(version)"), ref: ref)
                return false
            }
            helloDone = true
            let c = connection.config
            reply(
                .hello(
                    ServerHello(
                        version: ProtocolInfo.version,
                        server: "brogue-node/0.1.0 (\(c.instanceID))",
                        maxMessageBytes: ProtocolInfo.maxClientMessageBytes,
                        actionsPerSecond: c.actionsPerSecond,
                        actionBurst: c.actionBurst
                    )
                )
            )
            return true
        }
        switch envelope.message {
        case .hello:
            fatal(ProtocolError(.helloRequired, "hello was already sent on this connection"), ref: ref)
            return false
        case .bye:
            handle.end(ServerEnvelope(.bye(.clientQuit, "goodbye"), ref: ref), code: CloseCode.normal)
            return false
        case .guest(let name):
            guard connection.config.access.guests else {
                reply(.error(ProtocolError(.guestsDisabled, "this node does not take guests; register or log in")))
                return true
            }
            account = nil
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16).leftPadded(8)
            player = "guest-" + (name.map { $0.filter { $0.isLetter || $0.isNumber }.prefix(16) + "-" } ?? "") + suffix
            reply(.identity(Identity(player: player!, guest: true)))
        case .newGame(let seed):
            await open(resumed: false, ref: ref) { try await $0.newGame(seed: seed, for: self.handle) }
        case .resume(let id, let token):
            await open(resumed: true, ref: ref) { try await $0.resume(id, token: token, for: self.handle) }
        case .action(let text):
            return await play(ref: ref) { host throws(ProtocolError) in try await host.perform(try Self.action(text)) }
        case .key(let key):
            return await play(ref: ref) { host throws(ProtocolError) in try await host.press(key: key) }
        case .listGames, .spectate:
            await handleSpectating(envelope)
        case .register, .login, .loginSession:
            await handleAccount(envelope.message, reply: reply)
        }
        return true
    }
}
