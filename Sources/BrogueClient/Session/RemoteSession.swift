public import BrogueFrame
public import BrogueProtocol
public import Logging

/// A game played on whichever node of a list answers, surviving drains and restarts: when a
/// connection ends in a way the node meant as "come back" (a drain, a rolling restart, a dropped
/// connection: `Reconnect.shouldReconnect`), it connects again to the next node of the list
/// with backoff, identifies again (the same guest name, or the account's session) and resumes
/// the game with its id and token. `brogue connect`, the load tool's bots and tests play
/// through it.
///
/// An action or key in flight when the connection dropped is sent again after the resume only
/// when the resumed game's `actions` count shows it was not stored, so nothing is applied twice.
///
/// ```swift
/// let session = try await RemoteSession.connect(.init(servers: ["ws://a:8080", "ws://b:8080"]), credentials: .guest("me"))
/// _ = try await session.newGame()
/// let reply = try await session.perform("x")   // survives node a draining
/// await session.close()
/// ```
///
/// Calls must not overlap, as with `RemoteGame`.
public final class RemoteSession: @unchecked Sendable {
    public struct Options: Sendable {
        /// Node addresses (`ws://HOST:PORT`), tried in turn.
        public var servers: [String]
        /// Connection attempts after one loss before giving up with `RemoteError.reconnectFailed`.
        public var maxAttempts: Int
        public var backoff: Backoff
        /// The `client` of `hello`.
        public var client: String
        /// The guest name to identify with again after a reconnect (accounts use their session).
        public var guestName: String?

        public init(
            servers: [String],
            maxAttempts: Int = 8,
            backoff: Backoff = Backoff(),
            client: String = "brogue-connect/0.1.0",
            guestName: String? = nil
        ) {
            self.servers = servers
            self.maxAttempts = maxAttempts
            self.backoff = backoff
            self.client = client
            self.guestName = guestName
        }
    }

    /// What the session does about lost connections, as it happens.
    public enum Event: Equatable, Sendable {
        /// The connection to `url` ended in a way worth another try (`reason` for people).
        case lost(url: String, reason: String)
        /// Attempt `attempt` to connect to `url` is about to be made.
        case reconnecting(url: String, attempt: Int)
        /// Connected to `url`, identified, and the game (if any) resumed, at attempt `attempt`.
        case reconnected(url: String, attempt: Int)
        /// Attempt `attempt` at `url` failed in a way worth another try (a node going away, its
        /// store failing over, no game instance free yet); `reason` says which.
        case attemptFailed(url: String, attempt: Int, reason: String)
        /// This action or key was in flight and not stored; it was sent again.
        case resent(String)
    }

    /// What the session counted.
    public struct Counters: Equatable, Sendable {
        /// Connections lost without the client asking, each followed by reconnecting.
        public var reconnects = 0
        /// Connection attempts those reconnects made.
        public var attempts = 0
        /// Actions or keys in flight at a loss and sent again (not stored before it).
        public var resent = 0
        /// Actions or keys in flight at a loss that the resumed game showed stored: answered
        /// from the resume, not sent again.
        public var storedUnacknowledged = 0
    }

    /// The connection now; replaced by each reconnect.
    public internal(set) var remote: RemoteGame
    /// The address `remote` is connected to.
    public internal(set) var url: String
    public internal(set) var counters = Counters()
    public let options: Options

    let logger: Logger
    let onEvent: @Sendable (Event) -> Void
    var serverIndex: Int
    /// How to identify after a reconnect: the guest name, or the account's session token.
    var reidentify: RemoteGame.Credentials
    /// The game to resume after a reconnect.
    var game: (id: Int64, token: String)?

    init(remote: RemoteGame, index: Int, options: Options, logger: Logger, onEvent: @escaping @Sendable (Event) -> Void) {
        self.remote = remote
        self.options = options
        self.logger = logger
        self.onEvent = onEvent
        serverIndex = index
        url = options.servers[index]
        if let identity = remote.identity, !identity.guest, let session = identity.session {
            reidentify = .session(session)
        } else {
            reidentify = .guest(options.guestName)
        }
    }

    /// The game played, from `game` and each `ack`.
    public var info: GameInfo? { remote.info }
    /// The screen composed from the frames received so far.
    public var screen: Frame? { remote.screen }
    /// Who the session plays as.
    public var identity: Identity? { remote.identity }
    /// The node's `hello` on the connection now.
    public var hello: ServerHello? { remote.hello }

    /// Connects to the first of `options.servers` that answers, and identifies with `credentials`.
    /// - Throws: `RemoteError.unreachable` (the last server's) when none answers; a refusal of
    ///   the credentials.
    public static func connect(
        _ options: Options,
        credentials: RemoteGame.Credentials,
        logger: Logger = Logger(label: "brogue.connect"),
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) async throws(RemoteError) -> RemoteSession {
        var options = options
        if case .guest(let name) = credentials { options.guestName = name }
        let client = options.client
        return try await connect(options, logger: logger, onEvent: onEvent) { remote throws(RemoteError) in
            try await remote.start(as: credentials, client: client)
        }
    }

    /// Connects to the first of `options.servers` that answers, and lets `identify` say hello
    /// and identify on it (a login that may ask for a password).
    public static func connect(
        _ options: Options,
        logger: Logger = Logger(label: "brogue.connect"),
        onEvent: @escaping @Sendable (Event) -> Void = { _ in },
        identify: (RemoteGame) async throws(RemoteError) -> Void
    ) async throws(RemoteError) -> RemoteSession {
        guard !options.servers.isEmpty else { throw .badURL("") }
        var last = RemoteError.closed
        for (index, url) in options.servers.enumerated() {
            let remote: RemoteGame
            do { remote = try await RemoteGame.connect(url: url, logger: logger) } catch {
                guard case .unreachable = error else { throw error }
                last = error
                continue
            }
            do { try await identify(remote) } catch {
                await remote.drop()
                throw error
            }
            return RemoteSession(remote: remote, index: index, options: options, logger: logger, onEvent: onEvent)
        }
        throw last
    }

    /// Starts a new stored game (again on another node if the connection is lost meanwhile).
    public func newGame(seed: UInt64? = nil) async throws(RemoteError) -> GameInfo {
        game = nil
        let info = try await opening { remote throws(RemoteError) in try await remote.newGame(seed: seed) }
        game = (info.game, info.token)
        return info
    }

    /// Reopens a stored game with its token.
    public func resume(game id: Int64, token: String) async throws(RemoteError) -> GameInfo {
        let info = try await opening { remote throws(RemoteError) in try await remote.resume(game: id, token: token) }
        game = (info.game, info.token)
        return info
    }

    /// Sends one action in `Action.encoded` form; see the type's note on resending.
    public func perform(_ action: String) async throws(RemoteError) -> RemoteGame.Reply {
        try await play(action) { remote throws(RemoteError) in try await remote.perform(action) }
    }

    /// Sends one key by name; see the type's note on resending.
    public func press(_ key: String) async throws(RemoteError) -> RemoteGame.Reply {
        try await play(key) { remote throws(RemoteError) in try await remote.press(key) }
    }

    /// Says `bye` and closes; never throws.
    public func close() async { await remote.close() }

    /// Closes without `bye`.
    public func drop() async { await remote.drop() }
}
