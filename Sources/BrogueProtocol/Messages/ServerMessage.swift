/// The node's answer to `hello`.
public struct ServerHello: Codable, Equatable, Sendable {
    /// The protocol version the node speaks (the client's, when it is accepted).
    public var version: Int
    /// The node's name and version, for people.
    public var server: String
    /// The largest message the node accepts, in bytes.
    public var maxMessageBytes: Int
    /// Sustained actions (and keys) per second a connection may send.
    public var actionsPerSecond: Int
    /// How many actions may come at once above that rate.
    public var actionBurst: Int

    public init(version: Int, server: String, maxMessageBytes: Int, actionsPerSecond: Int, actionBurst: Int) {
        self.version = version
        self.server = server
        self.maxMessageBytes = maxMessageBytes
        self.actionsPerSecond = actionsPerSecond
        self.actionBurst = actionBurst
    }
}

/// Who the connection plays as.
public struct Identity: Codable, Equatable, Sendable {
    public var player: String
    public var guest: Bool
    /// For an account: the token `login` takes instead of the password; keep it private.
    public var session: String?
    /// For an account: when `session` expires, in Unix seconds.
    public var expires: Int?

    public init(player: String, guest: Bool, session: String? = nil, expires: Int? = nil) {
        self.player = player
        self.guest = guest
        self.session = session
        self.expires = expires
    }
}

/// The game a connection now plays, after `new_game` or `resume`.
public struct GameInfo: Codable, Equatable, Sendable {
    /// The stored game's id.
    public var game: Int64
    /// The secret that `resume` needs with the id; keep it private.
    public var token: String
    public var seed: UInt64
    /// Whether this was a `resume`.
    public var resumed: Bool
    /// Actions stored so far.
    public var actions: Int
    public var turn: Int
    public var depth: Int
    /// `Game.stateHash` as 16 lower-case hex digits (a JSON number cannot hold 64 bits).
    public var stateHash: String
    /// Whether the game has ended (death or victory); no more actions are taken.
    public var over: Bool

    public init(game: Int64, token: String, seed: UInt64, resumed: Bool, actions: Int, turn: Int, depth: Int, stateHash: String, over: Bool) {
        self.game = game
        self.token = token
        self.seed = seed
        self.resumed = resumed
        self.actions = actions
        self.turn = turn
        self.depth = depth
        self.stateHash = stateHash
        self.over = over
    }
}

/// An `action` or `key` was handled and everything it did is stored.
public struct Ack: Codable, Equatable, Sendable {
    /// Actions this message stored: 0 (refused, or a key that only opened a menu), 1, or more
    /// for a run such as explore.
    public var applied: Int
    /// Actions stored in the game so far.
    public var actions: Int
    public var turn: Int
    /// `Game.stateHash` after it, 16 hex digits.
    public var stateHash: String
    public var over: Bool

    public init(applied: Int, actions: Int, turn: Int, stateHash: String, over: Bool) {
        self.applied = applied
        self.actions = actions
        self.turn = turn
        self.stateHash = stateHash
        self.over = over
    }
}

/// What the node sends.
public enum ServerMessage: Equatable, Sendable {
    case hello(ServerHello)
    case identity(Identity)
    case game(GameInfo)
    case ack(Ack)
    case frame(FrameUpdate)
    case error(ProtocolError)
    case bye(ByeReason, String)
    /// The answer to `list_games`.
    case games([LiveGame])
    /// The answer to `spectate`; a full frame follows.
    case watching(Watching)
    /// The watched game's player left, the game ended, or the node is shutting down.
    case watchEnded(game: Int64, reason: WatchEndReason)

    /// The `type` field's value.
    public var type: String {
        switch self {
        case .hello: "hello"
        case .identity: "identity"
        case .game: "game"
        case .ack: "ack"
        case .frame: "frame"
        case .error: "error"
        case .bye: "bye"
        case .games: "games"
        case .watching: "watching"
        case .watchEnded: "watch_ended"
        }
    }
}

/// A server message with the `ref` of the client message it answers, if any.
public struct ServerEnvelope: Equatable, Sendable {
    public var ref: Int?
    public var message: ServerMessage

    public init(_ message: ServerMessage, ref: Int? = nil) {
        self.message = message
        self.ref = ref
    }
}

extension ServerEnvelope: Codable {
    private enum Keys: String, CodingKey { case type, ref, code, message, reason, games, game }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        ref = try c.decodeIfPresent(Int.self, forKey: .ref)
        switch try c.decode(String.self, forKey: .type) {
        case "hello": message = .hello(try ServerHello(from: decoder))
        case "identity": message = .identity(try Identity(from: decoder))
        case "game": message = .game(try GameInfo(from: decoder))
        case "ack": message = .ack(try Ack(from: decoder))
        case "frame": message = .frame(try FrameUpdate(from: decoder))
        case "error":
            let raw = try c.decode(String.self, forKey: .code)
            message = .error(ProtocolError(ErrorCode(rawValue: raw) ?? .internalError, try c.decode(String.self, forKey: .message)))
        case "bye":
            let raw = try c.decode(String.self, forKey: .reason)
            guard let reason = ByeReason(rawValue: raw) else { throw ProtocolError(.badField, "unknown bye reason '\(raw)'") }
            message = .bye(reason, try c.decodeIfPresent(String.self, forKey: .message) ?? "")
        case "games": message = .games(try c.decode([LiveGame].self, forKey: .games))
        case "watching": message = .watching(try Watching(from: decoder))
        case "watch_ended":
            let raw = try c.decode(String.self, forKey: .reason)
            guard let reason = WatchEndReason(rawValue: raw) else { throw ProtocolError(.badField, "unknown watch_ended reason '\(raw)'") }
            message = .watchEnded(game: try c.decode(Int64.self, forKey: .game), reason: reason)
        case let other:
            throw ProtocolError(.unknownType, "unknown server message type '\(other.prefix(ProtocolInfo.maxFieldLength))'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(message.type, forKey: .type)
        try c.encodeIfPresent(ref, forKey: .ref)
        switch message {
        case .hello(let m): try m.encode(to: encoder)
        case .identity(let m): try m.encode(to: encoder)
        case .game(let m): try m.encode(to: encoder)
        case .ack(let m): try m.encode(to: encoder)
        case .frame(let m): try m.encode(to: encoder)
        case .error(let e):
            try c.encode(e.code.rawValue, forKey: .code)
            try c.encode(e.message, forKey: .message)
        case .bye(let reason, let text):
            try c.encode(reason.rawValue, forKey: .reason)
            try c.encode(text, forKey: .message)
        case .games(let list): try c.encode(list, forKey: .games)
        case .watching(let m): try m.encode(to: encoder)
        case .watchEnded(let game, let reason):
            try c.encode(game, forKey: .game)
            try c.encode(reason.rawValue, forKey: .reason)
        }
    }
}
