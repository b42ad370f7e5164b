import BrogueProtocol
import Foundation

/// The subjects gateways and game instances use on NATS (docs/cluster.md), all under one prefix
/// so several clusters can share a NATS deployment.
struct ClusterSubjects: Sendable, Equatable {
    var prefix = "brogue"

    /// New and stored games are placed through this subject's queue group.
    var place: String { "\(prefix).place" }
    /// The queue group of every game instance.
    static let placeQueue = "games"
    /// Requests for game `id`; only its owner subscribes.
    func input(_ id: Int64) -> String { "\(prefix).game.\(id).in" }
    /// Every frame update of game `id`, for spectators on any gateway.
    func frames(_ id: Int64) -> String { "\(prefix).game.\(id).frames" }
    /// Answered by a live instance; no responder means the process is gone.
    func ping(_ instance: String) -> String { "\(prefix).instance.\(instance).ping" }
    /// Each instance's heartbeat.
    var heartbeat: String { "\(prefix).heartbeat" }

    /// Whether `name` can be one token of a subject: what `INSTANCE_ID` must be in a cluster.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            }
    }
}

/// A gateway asks for a game to be hosted: a new one, or a stored one opened by id.
struct PlaceRequest: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable { case new, open }
    var kind: Kind
    /// A new game's seed; nil picks one.
    var seed: UInt64?
    /// The stored game to open.
    var game: Int64?
    /// The player's name, for spectators.
    var player: String
    /// The account that owns a new game; nil for a guest.
    var account: String?
    /// When the asker stops waiting (its wall clock, ms since 1970): an instance that reads the
    /// request later, having been paused, drops it rather than make or open a game no one will
    /// play. The cluster's clocks are taken to agree, as its leases already take them to.
    var deadline: Int64? = nil
}

/// A request for one game, sent to its owner.
struct GameRequest: Codable, Equatable, Sendable {
    enum Kind: String, Codable, Sendable {
        /// A new viewer: answer with `info` and a full frame.
        case attach
        /// `text` is an action in `Action.encoded` form.
        case action
        /// `text` is a key name.
        case key
        /// The player left: the owner may let the game go.
        case release
        /// A gateway has a spectator: answer with `watching`, a full frame and the number of the
        /// last frame note, and publish every frame on the game's frames subject from now on.
        case watch
    }
    var kind: Kind
    /// `attach`: whether the player resumed the game.
    var resumed: Bool?
    /// `action` and `key`: the game's action count as the gateway last heard it. The owner
    /// applies the message only when it is the game's count now; a lower one is a resend of
    /// something already stored, answered with the state and nothing applied.
    var seq: Int?
    var text: String?
}

/// An owner's answer: what the WebSocket client gets, or an error for it.
struct GameReply: Codable, Equatable, Sendable {
    /// The instance that answered (the game's owner).
    var instance: String
    var info: GameInfo?
    var ack: Ack?
    var frame: FrameUpdate?
    var error: WireError?
    /// `watch`: the game as a spectator first sees it, and the last frame note published before it.
    var watching: Watching?
    var note: Int?
}

/// One frame of a game for spectators on any gateway, numbered per game so a gateway can drop
/// the notes older than the snapshot it started from.
struct FrameNote: Codable, Equatable, Sendable {
    var note: Int
    var frame: FrameUpdate
    /// Set on the last note: why watching ends.
    var ended: WatchEndReason?
}

/// A `ProtocolError` on the bus.
struct WireError: Codable, Equatable, Sendable {
    var code: String
    var message: String

    init(_ error: ProtocolError) {
        code = error.code.rawValue
        message = error.message
    }

    init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The error for the client; a code this version does not know becomes `internal_error`.
    var protocolError: ProtocolError {
        ProtocolError(ErrorCode(rawValue: code) ?? .internalError, message)
    }
}

/// What each instance says about itself every second.
struct Heartbeat: Codable, Equatable, Sendable {
    var instance: String
    var role: String
    /// Where its HTTP endpoints listen.
    var address: String
    /// The games it hosts with a player now (game instances), for `list_games`.
    var games: [LiveGame]
    /// Milliseconds since 1970 on the sender's clock: for people, never for decisions.
    var sentAt: Int64
}

/// A message from the bus that cannot be used: counted and dropped, never fatal.
struct ClusterMessageError: Error, Equatable, CustomStringConvertible {
    var description: String
}

/// Encodes and checks cluster messages. Everything from the bus is hostile until checked: a
/// message is decoded strictly, its size bounded and its fields checked against its kind.
enum ClusterCodec {
    /// The largest message taken from the bus; a full frame is well under it.
    static let maxBytes = 1 << 20

    static func encode(_ value: some Encodable) -> [UInt8] { Array(WireCodec.encode(value).utf8) }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: some Collection<UInt8>) throws(ClusterMessageError) -> T {
        guard bytes.count <= maxBytes else { throw ClusterMessageError(description: "\(T.self): \(bytes.count) bytes, over \(maxBytes)") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw ClusterMessageError(description: "\(T.self) does not decode: \(error)")
        }
    }

    static func place(_ bytes: some Collection<UInt8>) throws(ClusterMessageError) -> PlaceRequest {
        let r = try decode(PlaceRequest.self, bytes)
        switch r.kind {
        case .new where r.game != nil: throw ClusterMessageError(description: "a new game's place request names a game")
        case .open where (r.game ?? 0) <= 0: throw ClusterMessageError(description: "an open request needs a game id over 0")
        default: break
        }
        guard r.player.utf8.count <= 128 else { throw ClusterMessageError(description: "a player name of over 128 bytes") }
        return r
    }

    static func gameRequest(_ bytes: some Collection<UInt8>) throws(ClusterMessageError) -> GameRequest {
        let r = try decode(GameRequest.self, bytes)
        switch r.kind {
        case .action, .key:
            guard let seq = r.seq, seq >= 0 else { throw ClusterMessageError(description: "\(r.kind) needs seq, 0 or more") }
            guard let text = r.text, !text.isEmpty, text.utf8.count <= 256 else { throw ClusterMessageError(description: "\(r.kind) needs text") }
        case .attach, .release, .watch:
            break
        }
        return r
    }
}
