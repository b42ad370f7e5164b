/// What happened to a client's connection, for logs and metrics.
public enum NATSEvent: Sendable, Equatable {
    /// The first connection, to this server (`host:port`).
    case connected(String)
    /// The connection to this server was lost; the client is reconnecting.
    case disconnected(String)
    /// Connected again, to this server, with every live subscription sent again.
    case reconnected(String)
    /// The server sent `-ERR`.
    case serverError(NATSError)
    /// The client stopped, after `close()`/`drain()` (`nil`) or a fatal error.
    case closed(NATSError?)
}

/// Counters since the client connected.
public struct NATSStatistics: Sendable, Equatable {
    public var messagesIn = 0
    public var messagesOut = 0
    /// Payload bytes.
    public var bytesIn = 0
    public var bytesOut = 0
    public var reconnects = 0
    /// Messages dropped because a subscriber's pending buffer was full (slow consumer).
    public var droppedMessages = 0

    public init() {}
}
