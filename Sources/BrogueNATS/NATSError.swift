/// Everything the client throws or reports, each saying where it happened, what went wrong and what to do.
public enum NATSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server refused the credentials (`-ERR 'Authorization Violation'`); the client stops reconnecting.
    case authorizationViolation(server: String, message: String)
    /// Any other `-ERR` the server sent.
    case serverError(String)
    /// The server sent bytes that are not the NATS protocol, or exceed the limits; the connection is closed.
    case protocolViolation(String)
    /// A request found no subscriber on its subject (status 503 from the server).
    case noResponders(subject: String)
    /// A request, flush or connect did not complete in time.
    case timeout(operation: String)
    /// The client was closed, by `close()`, `drain()` or a fatal error.
    case clientClosed
    /// The connection dropped before the operation could complete.
    case connectionClosed
    /// No server in the list could be reached; the last error for each one tried.
    case noServersAvailable([String])
    /// A publish made while reconnecting would exceed the reconnect buffer.
    case reconnectBufferFull(limit: Int)
    /// A payload larger than the server's `max_payload`.
    case payloadTooLarge(size: Int, limit: Int)
    /// A subject, queue group or reply subject with whitespace or nothing in it.
    case invalidSubject(String)
    /// A header name or value that cannot be written (a colon or whitespace in a name, a line break anywhere).
    case invalidHeader(String)
    /// A server address that is not `nats://host:port`, `host:port` or `host`.
    case invalidServerAddress(String)
    /// The server stopped answering keepalive PINGs.
    case staleConnection(missedPongs: Int)

    public var description: String {
        switch self {
        case .authorizationViolation(let server, let message):
            "NATS \(server): authorization failed (\(message)); check the user and password or token in NATSOptions or the server URL"
        case .serverError(let message): "NATS server error: \(message)"
        case .protocolViolation(let what): "NATS protocol violation: \(what); the connection was closed"
        case .noResponders(let subject): "NATS request to '\(subject)': no subscriber is listening on that subject"
        case .timeout(let operation): "NATS \(operation) timed out; is the server reachable and the subscriber running?"
        case .clientClosed: "NATS client is closed; connect a new one"
        case .connectionClosed: "NATS connection closed before the operation completed; retry once the client has reconnected"
        case .noServersAvailable(let errors): "NATS: no server could be reached (\(errors.joined(separator: "; ")))"
        case .reconnectBufferFull(let limit):
            "NATS: publish refused while reconnecting, the \(limit)-byte reconnect buffer is full; raise NATSOptions.reconnectBufferSize or wait"
        case .payloadTooLarge(let size, let limit): "NATS: payload of \(size) bytes exceeds the server's max_payload of \(limit) bytes"
        case .invalidSubject(let subject): "NATS: invalid subject '\(subject)' (empty, or contains whitespace)"
        case .invalidHeader(let header): "NATS: invalid header '\(header)' (names: no colon or whitespace; values: no line breaks)"
        case .invalidServerAddress(let address): "NATS: invalid server address '\(address)'; write nats://host:port"
        case .staleConnection(let missed): "NATS: the server missed \(missed) PONGs in a row; the connection was treated as dead"
        }
    }

    /// Whether this `-ERR` means the credentials are wrong, so reconnecting with them again is pointless.
    var isAuthorization: Bool {
        if case .authorizationViolation = self { return true }
        return false
    }

    /// Whether connecting again later may succeed with nothing changed: no server answered, or
    /// one dropped or timed out. A refused authorization is not transient.
    public var isTransient: Bool {
        switch self {
        case .noServersAvailable, .timeout, .connectionClosed, .staleConnection: true
        default: false
        }
    }

    /// Maps an `-ERR` text to a typed error.
    static func fromServer(_ message: String, server: String) -> NATSError {
        let lower = message.lowercased()
        if lower.contains("authorization violation") || lower.contains("authentication") || lower.contains("user authentication") {
            return .authorizationViolation(server: server, message: message)
        }
        return .serverError(message)
    }
}
