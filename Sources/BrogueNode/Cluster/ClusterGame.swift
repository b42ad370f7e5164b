import BrogueCore
import BrogueProtocol
import Prometheus

/// A game hosted by a game instance, as a gateway's connection plays it (docs/cluster.md).
///
/// Each request goes to the game's input subject, which only its owner subscribes. When no one
/// answers there the owner is gone: the game is opened again through the placement queue
/// (another instance rebuilds it by replay) and the request is sent again. Every action carries
/// the game's action count as last heard, so a request sent twice is applied once.
actor ClusterGame: PlayedGame {
    nonisolated let id: Int64
    private let bus: ClusterBus
    /// The instance that answered last, for logs.
    private(set) var owner: String
    /// Actions stored, as the last answer said: the `seq` of the next action.
    private var actions: Int
    private var player = ""
    /// Frames are numbered per connection, whichever instance drew them.
    private var frameSeq = 0

    /// How often a request is tried before the player is told `unavailable`, and how long each try waits.
    static let attempts = 8
    static let requestTimeout = Duration.seconds(5)

    init(id: Int64, owner: String, actions: Int, bus: ClusterBus) {
        self.id = id
        self.owner = owner
        self.actions = actions
        self.bus = bus
    }

    func setPlayer(_ name: String) { player = name }

    func attach(resumed: Bool) async throws(ProtocolError) -> (info: GameInfo, frame: FrameUpdate) {
        let reply = try await call(GameRequest(kind: .attach, resumed: resumed, text: player))
        guard let info = reply.info, let frame = reply.frame else { throw malformed(reply) }
        actions = info.actions
        frameSeq = 0
        return (info, numbered(frame))
    }

    func perform(_ action: Action) async throws(ProtocolError) -> (Ack, FrameUpdate) {
        try await play(GameRequest(kind: .action, seq: actions, text: action.encoded))
    }

    func press(key: String) async throws(ProtocolError) -> (Ack, FrameUpdate) {
        try await play(GameRequest(kind: .key, seq: actions, text: key))
    }

    private func play(_ request: GameRequest) async throws(ProtocolError) -> (Ack, FrameUpdate) {
        let reply = try await call(request)
        guard let ack = reply.ack, let frame = reply.frame else { throw malformed(reply) }
        actions = ack.actions
        return (ack, numbered(frame))
    }

    private func numbered(_ frame: FrameUpdate) -> FrameUpdate {
        frameSeq += 1
        var f = frame
        f.seq = frameSeq
        return f
    }

    private func malformed(_ reply: GameReply) -> ProtocolError {
        bus.metrics.clusterBadMessages.increment()
        return ProtocolError(.unavailable, "instance \(reply.instance) answered for game \(id) without what was asked; send it again")
    }

    /// Sends `request` to the owner, finding a new owner when there is none, until an answer comes
    /// or the attempts run out.
    private func call(_ request: GameRequest) async throws(ProtocolError) -> GameReply {
        var wait = Duration.milliseconds(50)
        for attempt in 1...Self.attempts {
            do {
                let reply = try await bus.request(bus.subjects.input(id), request, timeout: Self.requestTimeout)
                owner = reply.instance
                if let error = reply.error {
                    // The owner let the game go (it drains, or lost its lease): place it again.
                    guard error.code == ErrorCode.unavailable.rawValue else { throw error.protocolError }
                    bus.metrics.clusterRetries.increment()
                    if await reopen() { continue }
                } else {
                    return reply
                }
            } catch let silence as ClusterBus.Silence {
                bus.metrics.clusterRetries.increment()
                // No owner: place the game again. No answer: the owner may be paused past its lease, and
                // then placing it lets another instance take over; a live owner keeps it.
                if await reopen(), silence == .noResponders { continue }
            } catch let error as ProtocolError {
                throw error
            } catch {
                throw ProtocolError(.internalError, "\(error)")
            }
            guard attempt < Self.attempts else { break }
            try? await Task.sleep(for: wait)
            wait = min(wait * 2, .seconds(1))
        }
        throw ProtocolError(.unavailable, "no game instance answered for game \(id); nothing was applied, send it again shortly")
    }

    /// Asks the placement queue to host the game again; true when an instance took it.
    private func reopen() async -> Bool {
        let request = PlaceRequest(kind: .open, game: id, player: player)
        guard let reply = try? await bus.request(bus.subjects.place, request, timeout: Self.requestTimeout), reply.error == nil else {
            return false
        }
        owner = reply.instance
        return true
    }
}
