public import Logging

/// How a client connects, keeps its connection alive, reconnects and bounds its memory.
public struct NATSOptions: Sendable {
    /// The name the server shows for this connection (`/connz`).
    public var name = "brogue"
    /// Credentials; a server URL's `user:password@` takes precedence for that server.
    public var user: String?
    public var password: String?
    public var token: String?

    /// Time allowed to open the TCP connection and finish the INFO/CONNECT/PONG handshake.
    public var connectTimeout: Duration = .seconds(5)
    /// How often the client PINGs an idle server; `maxPingsOut` unanswered PINGs mean a dead connection.
    public var pingInterval: Duration = .seconds(30)
    public var maxPingsOut = 2

    /// Try the given servers in a random order, as NATS's own clients do, so that the nodes of a
    /// deployment that all list the same servers spread over the cluster instead of all landing on
    /// the first (and all moving at once when it goes). `false` keeps the order given.
    public var randomizeServers = true

    /// Reconnect after a lost connection, trying every known server in turn.
    public var reconnect = true
    /// Failed attempts in a row before the client gives up and closes; `nil` tries forever.
    public var maxReconnectAttempts: Int? = 60
    /// Backoff after a failed attempt: `reconnectWait * 2^(n-1)`, capped at `maxReconnectWait`, with jitter.
    public var reconnectWait: Duration = .milliseconds(100)
    public var maxReconnectWait: Duration = .seconds(2)
    /// Bytes of publishes kept while disconnected and sent after reconnecting; beyond it publishes throw.
    public var reconnectBufferSize = 8 * 1024 * 1024

    /// Per-subscription bound on delivered but unconsumed messages; past it, messages are dropped and counted.
    public var pendingMessagesLimit = 65_536
    public var pendingBytesLimit = 64 * 1024 * 1024

    /// The longest control line accepted from the server.
    public var maxControlLine = 64 * 1024

    public var logger = Logger(label: "brogue.nats")

    public init() {}
}
