/// Stable error codes: clients branch on these, never on the message text.
///
/// `isFatal` codes are followed by a close frame with `closeCode`; the others leave the
/// connection open and the game as it was.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    /// Not JSON, or not a JSON object.
    case badJSON = "bad_json"
    /// A `type` this version does not know.
    case unknownType = "unknown_type"
    /// A missing, extra, mistyped or out-of-range field.
    case badField = "bad_field"
    /// A message longer than `ProtocolInfo.maxClientMessageBytes`.
    case tooLarge = "too_large"
    /// A binary message; the protocol is text only.
    case binaryNotSupported = "binary_not_supported"
    /// The first message was not `hello`, or `hello` came twice.
    case helloRequired = "hello_required"
    /// `hello` named a version this node does not speak.
    case versionUnsupported = "version_unsupported"
    /// `new_game`, `resume`, `action` or `key` before `guest`.
    case identityRequired = "identity_required"
    /// `action` or `key` with no game open on this connection.
    case noGame = "no_game"
    /// `resume` named a game this node does not have, or the token does not match it.
    case gameNotFound = "game_not_found"
    /// The game is over; start a new one.
    case gameOver = "game_over"
    /// `action` text that is not an action, or a legal action the rules refused.
    case badAction = "bad_action"
    /// Too many actions too fast; the action was dropped.
    case rateLimited = "rate_limited"
    /// The node is shutting down and starts no games.
    case draining = "draining"
    /// The store could not save the action; the game is as it was before it.
    case storeFailed = "store_failed"
    /// No game instance answered for the game (a cluster's instances restarting); nothing was
    /// applied. Send it again shortly.
    case unavailable = "unavailable"
    /// Anything else that went wrong on the node.
    case internalError = "internal"
    /// `action` or `key` while spectating: a spectator only watches.
    case readOnly = "read_only"
    /// `login` with an unknown name, a wrong password or an unknown session token (not told apart).
    case badCredentials = "bad_credentials"
    /// `register` with a name an account already has (names are case-insensitive).
    case nameTaken = "name_taken"
    /// Too many failed logins for this name or from this address; the message says how many seconds to wait.
    case loginThrottled = "login_throttled"
    /// `guest` on a node that only takes accounts.
    case guestsDisabled = "guests_disabled"
    /// `login` with a session token that has expired; log in with the password again.
    case sessionExpired = "session_expired"
    /// Too many open connections from this address; the connection is closed (1008).
    case tooManyConnections = "too_many_connections"
    /// `register` with a name that is not 3-24 of A-Z a-z 0-9 _ -.
    case badName = "bad_name"
    /// `register` with a password shorter than 8 bytes.
    case badPassword = "bad_password"

    /// Whether the node closes the connection after sending this error.
    public var isFatal: Bool {
        switch self {
        case .badJSON, .unknownType, .badField, .tooLarge, .binaryNotSupported, .helloRequired, .versionUnsupported, .internalError:
            true
        case .tooManyConnections:
            true
        default:
            false
        }
    }

    /// The WebSocket close code that follows a fatal error (RFC 6455 section 7.4.1).
    public var closeCode: UInt16 {
        switch self {
        case .tooLarge: CloseCode.messageTooLarge
        case .binaryNotSupported: CloseCode.unsupportedData
        case .badJSON: CloseCode.invalidPayload
        case .internalError, .storeFailed: CloseCode.internalError
        default: CloseCode.policyViolation
        }
    }
}

/// The WebSocket close codes the node uses.
public enum CloseCode {
    /// The client said `bye`, or the game ended the session.
    public static let normal: UInt16 = 1000
    /// The node is shutting down (SIGTERM), or another connection took the game over.
    public static let goingAway: UInt16 = 1001
    /// Never sent: what a client sees when the connection broke without a close frame
    /// (a dropped TCP connection, a killed process).
    public static let abnormal: UInt16 = 1006
    /// A binary message.
    public static let unsupportedData: UInt16 = 1003
    /// Text that is not valid JSON or not valid UTF-8.
    public static let invalidPayload: UInt16 = 1007
    /// A protocol violation: unknown type, bad field, no hello, flooding, a full outbound queue.
    public static let policyViolation: UInt16 = 1008
    /// A message over the size limit.
    public static let messageTooLarge: UInt16 = 1009
    /// The node failed.
    public static let internalError: UInt16 = 1011
    /// The node is restarting (a cluster gateway stopped in a rolling restart): reconnect, to
    /// another gateway if there is one, and resume.
    public static let serviceRestart: UInt16 = 1012
}
