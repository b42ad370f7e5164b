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
    /// The last action or key ran out of tries: an owner may have stored it with its answer lost.
    private(set) var outcomeUnknown = false

    /// How often a request is tried before the player is told `unavailable`, and how long each try
    /// waits. A try is short because a request that reached an owner just before it died is never
    /// answered: after a silent second the owner is pinged, and a gone owner is replaced at once.
    /// Resending to a live but slow owner is safe: the `seq` makes it apply once.
    static let attempts = 20
    static let requestTimeout = Duration.seconds(1)
    /// How long a placement may take: an instance may be replaying a long game.
    static let placeTimeout = Duration.seconds(10)

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

    /// Sends an action or key. When its tries run out the action may have been stored (an owner
    /// applied it and its answer was lost), and `actions` may be behind: a next action sent with
    /// it would be taken for a resend and answered for this one. So the outcome is marked unknown,
    /// and the connection must resume before it plays on.
    private func play(_ request: GameRequest) async throws(ProtocolError) -> (Ack, FrameUpdate) {
        guard !outcomeUnknown else {
            throw ProtocolError(.unavailable, "game \(id)'s last action got no answer; resume the game to see whether it was stored")
        }
        let reply: GameReply
        do { reply = try await call(request) } catch {
            if error.code == .unavailable { outcomeUnknown = true }
            throw error
        }
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
        var pause = RetryPause()
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
                // No owner: place the game again. No answer: a live owner is only slow (send again); a
                // gone one (its ping has no responder) or one paused past its lease is replaced.
                if silence == .timedOut, await ownerIsAlive() { continue }
                if await reopen() { continue }
            } catch let error as ProtocolError {
                throw error
            } catch {
                throw ProtocolError(.internalError, "\(error)")
            }
            guard attempt < Self.attempts else { break }
            await pause.wait()
        }
        throw ProtocolError(.unavailable, "no game instance answered for game \(id); it may or may not have been applied: resume the game to see")
    }

    /// Whether the last owner answers its ping.
    private func ownerIsAlive() async -> Bool {
        guard !owner.isEmpty else { return false }
        return (try? await bus.request(bus.subjects.ping(owner), GameReply(instance: owner), timeout: .milliseconds(500))) != nil
    }

    /// Asks the placement queue to host the game again; true when an instance took it.
    private func reopen() async -> Bool {
        let request = PlaceRequest(kind: .open, game: id, player: player, deadline: bus.deadline(after: Self.placeTimeout))
        guard let reply = try? await bus.request(bus.subjects.place, request, timeout: Self.placeTimeout), reply.error == nil else {
            return false
        }
        owner = reply.instance
        return true
    }
}
