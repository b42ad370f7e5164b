import BrogueProtocol
import Logging
import NIOCore
import NIOWebSocket
import Prometheus

/// One WebSocket client: what it needs of the node. Its messages are handled one at a time
/// (`Session`, `Reader`), its answers go through a bounded queue (`ConnectionHandle`).
struct Connection {
    let registry: any GameSeats
    let config: NodeConfig
    let metrics: NodeMetrics
    let logger: Logger
    /// Accounts and per-address limits: `Reader+Accounts.swift`, `Connection+Access.swift`.
    let accounts: Accounts
    let addresses: AddressLimiter
    /// The node's one watch over every connection's idle timeout.
    let deadlines: DeadlineWatch
    /// The client's IP address, for the connection cap and login throttling.
    let address: String

    /// The largest frame the WebSocket layer accepts; bigger is closed with 1009 before we see
    /// it. Between `ProtocolInfo.maxClientMessageBytes` and this, the node answers `too_large`.
    /// A message in several frames may be this long in all.
    static let maxFrameBytes = 1 << 16
}

/// The reading side of a connection and its protocol state.
final class Reader: @unchecked Sendable {
    // Only touched by the task handling this connection's messages: one at a time, each
    // started after the last gave `Inbox`'s lock back.
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

    /// Handles one whole message; false when the connection must stop reading.
    func receive(_ message: Inbox.Message) async -> Bool {
        activity.touch(busy: true)
        defer { activity.touch(busy: false) }
        guard case .text(let text) = message else {
            fatal(ProtocolError(.binaryNotSupported, "binary messages are not part of the protocol; send JSON text"), ref: nil)
            return false
        }
        // A drain waits for the message being handled, so its answers precede the bye.
        guard handle.begin() else { return false }
        let goOn = await handle(text)
        handle.done()
        return goOn
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
