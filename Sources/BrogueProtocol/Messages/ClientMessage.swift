/// What a client may ask of the node. The node is authoritative: nothing here changes a game
/// except an `action` (or `key`) that the rules accept.
public enum ClientMessage: Equatable, Sendable {
    /// The first message of every connection: the protocol version the client speaks.
    case hello(version: Int, client: String?)
    /// Play as a guest, optionally under a display name.
    case guest(name: String?)
    /// Start a new game; the node picks a seed when none is given.
    case newGame(seed: UInt64?)
    /// Open a stored game again, after a reconnect: its id and the token `game` gave.
    case resume(game: Int64, token: String)
    /// One action in `Action.encoded` form (`m1` steps east, `z` rests, `x` explores one step).
    case action(String)
    /// One key by name (`l`, `x`, `i`, `escape`), handled as the terminal game handles it:
    /// prompts, inventory, and runs such as explore, which the node plays to their end.
    case key(String)
    /// The client is leaving.
    case bye
    /// Asks for the live games (those with a player connected now), to spectate.
    case listGames
    /// Watches a live game read-only: `watching`, a full frame, then every frame its player gets.
    case spectate(game: Int64)
    /// Create an account (name 3-24 of A-Z a-z 0-9 _ -, password 8-256 bytes) and log in as it.
    case register(name: String, password: String)
    /// Log in with a name and password.
    case login(name: String, password: String)
    /// Log in again with the `session` token an earlier `identity` gave.
    case loginSession(String)

    /// The `type` field's value.
    public var type: String {
        switch self {
        case .hello: "hello"
        case .guest: "guest"
        case .newGame: "new_game"
        case .resume: "resume"
        case .action: "action"
        case .key: "key"
        case .bye: "bye"
        case .listGames: "list_games"
        case .spectate: "spectate"
        case .register: "register"
        case .login, .loginSession: "login"
        }
    }

    /// Every `type` a client may send.
    public static let types = ["hello", "guest", "new_game", "resume", "action", "key", "bye", "list_games", "spectate", "register", "login"]
}

/// A client message with the optional request `id` the node echoes as `ref` in its answer.
public struct ClientEnvelope: Equatable, Sendable {
    /// A number the client chooses (0...2^31-1); the node's `ack`, `game` or `error` carries it back as `ref`.
    public var id: Int?
    /// The message.
    public var message: ClientMessage

    /// Creates an envelope.
    public init(_ message: ClientMessage, id: Int? = nil) {
        self.message = message
        self.id = id
    }
}

extension ClientEnvelope: Decodable {
    /// Decodes strictly: an unknown type, an unknown field, a missing or mistyped field is a
    /// `ProtocolError` with the matching code.
    public init(from decoder: any Decoder) throws {
        let c: KeyedDecodingContainer<AnyKey>
        do { c = try decoder.container(keyedBy: AnyKey.self) } catch {
            throw ProtocolError(.badJSON, "a message must be a JSON object with a 'type' field")
        }
        let type = try c.field(String.self, "type", in: "message", expected: "a string")
        id = try c.optionalField(Int.self, "id", in: type, expected: "an integer 0...2147483647")
        if let id, !(0...Int(Int32.max)).contains(id) { throw ProtocolError(.badField, "'id' must be an integer 0...2147483647") }
        switch type {
        case "hello":
            try c.onlyKeys(["version", "client"], in: type)
            let version = try c.field(Int.self, "version", in: type, expected: "an integer")
            message = .hello(version: version, client: try c.text("client", in: type, required: false))
        case "guest":
            try c.onlyKeys(["name"], in: type)
            message = .guest(name: try c.text("name", in: type, required: false))
        case "new_game":
            try c.onlyKeys(["seed"], in: type)
            message = .newGame(seed: try c.optionalField(UInt64.self, "seed", in: type, expected: "an integer 0...18446744073709551615"))
        case "resume":
            try c.onlyKeys(["game", "token"], in: type)
            let game = try c.field(Int64.self, "game", in: type, expected: "a positive integer")
            guard game > 0 else { throw ProtocolError(.badField, "'game' in 'resume' must be a positive integer") }
            message = .resume(game: game, token: try c.text("token", in: type, required: true)!)
        case "action":
            try c.onlyKeys(["action"], in: type)
            message = .action(try c.text("action", in: type, required: true)!)
        case "key":
            try c.onlyKeys(["key"], in: type)
            message = .key(try c.text("key", in: type, required: true)!)
        case "bye":
            try c.onlyKeys([], in: type)
            message = .bye
        case "list_games":
            try c.onlyKeys([], in: type)
            message = .listGames
        case "spectate":
            try c.onlyKeys(["game"], in: type)
            let game = try c.field(Int64.self, "game", in: type, expected: "a positive integer")
            guard game > 0 else { throw ProtocolError(.badField, "'game' in 'spectate' must be a positive integer") }
            message = .spectate(game: game)
        case "register":
            try c.onlyKeys(["name", "password"], in: type)
            message = .register(name: try c.text("name", in: type, required: true)!, password: try c.password(in: type))
        case "login":
            try c.onlyKeys(["name", "password", "session"], in: type)
            if c.contains(AnyKey("session")) {
                guard !c.contains(AnyKey("name")), !c.contains(AnyKey("password")) else {
                    throw ProtocolError(.badField, "'login' takes either 'session', or 'name' and 'password'")
                }
                message = .loginSession(try c.text("session", in: type, required: true)!)
            } else {
                message = .login(name: try c.text("name", in: type, required: true)!, password: try c.password(in: type))
            }
        default:
            let shown = type.count > ProtocolInfo.maxFieldLength ? String(type.prefix(ProtocolInfo.maxFieldLength)) + "..." : type
            throw ProtocolError(
                .unknownType,
                "unknown message type '\(shown)'; this node (protocol \(ProtocolInfo.version)) knows \(ClientMessage.types.joined(separator: ", "))"
            )
        }
    }
}

extension ClientEnvelope: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: AnyKey.self)
        try c.encode(message.type, forKey: AnyKey("type"))
        try c.encodeIfPresent(id, forKey: AnyKey("id"))
        switch message {
        case .hello(let version, let client):
            try c.encode(version, forKey: AnyKey("version"))
            try c.encodeIfPresent(client, forKey: AnyKey("client"))
        case .guest(let name): try c.encodeIfPresent(name, forKey: AnyKey("name"))
        case .newGame(let seed): try c.encodeIfPresent(seed, forKey: AnyKey("seed"))
        case .resume(let game, let token):
            try c.encode(game, forKey: AnyKey("game"))
            try c.encode(token, forKey: AnyKey("token"))
        case .action(let text): try c.encode(text, forKey: AnyKey("action"))
        case .key(let key): try c.encode(key, forKey: AnyKey("key"))
        case .bye: break
        case .listGames: break
        case .spectate(let game): try c.encode(game, forKey: AnyKey("game"))
        case .register(let name, let password), .login(let name, let password):
            try c.encode(name, forKey: AnyKey("name"))
            try c.encode(password, forKey: AnyKey("password"))
        case .loginSession(let session): try c.encode(session, forKey: AnyKey("session"))
        }
    }
}
