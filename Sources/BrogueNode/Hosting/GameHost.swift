import BrogueCore
import BrogueFrame
import BrogueProtocol
import BrogueRecording
import BrogueStore
import BrogueUI
import Prometheus

/// One hosted game: the only owner of its `PlaySession`, so actions on it are applied one at a
/// time, each stored before it is acknowledged.
actor GameHost {
    let id: Int64
    let token: String
    let seed: UInt64
    let session: PlaySession
    private let recorded: RecordedGame
    private let metrics: NodeMetrics
    var lastFrame: Frame?
    private var frameSeq = 0
    var finished = false
    /// `stateHash` after the last action stored, so an acknowledgement that stored nothing needs no hashing.
    private var storedHash: UInt64?
    /// The levels this game has put on `brogue_levels_hosted`.
    private var levelsCounted = 0
    /// Who watches this game, and the name of its player (spectating).
    let watchers: Watchers
    var player = ""
    /// In a cluster: where each frame goes for spectators on other gateways, once one watches.
    private var publish: (@Sendable (FrameNote) -> Void)?
    /// The number of the last frame note published.
    private(set) var note = 0

    init(_ recorded: sending RecordedGame, token: String, metrics: NodeMetrics) {
        self.id = recorded.id
        self.token = token
        let game = recorded.handOver()
        self.seed = game.seed
        self.recorded = recorded
        self.metrics = metrics
        self.session = PlaySession(game: game, recorder: recorded)
        finished = game.isOver
        watchers = Watchers(gameID: recorded.id, metrics: metrics)
        levelsCounted = Self.levelsHeld(by: game)
        metrics.levelsHosted.increment(by: Double(levelsCounted))
    }

    private static func levelsHeld(by game: Game) -> Int { game.levels.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    deinit { metrics.levelsHosted.decrement(by: Double(levelsCounted)) }

    /// Puts the levels this game holds on `brogue_levels_hosted`: a game grows by a level each
    /// time its player goes deeper, so a node's memory may rise with its players' depth.
    private func countLevels() {
        let held = Self.levelsHeld(by: session.game)
        guard held != levelsCounted else { return }
        metrics.levelsHosted.increment(by: Double(held - levelsCounted))
        levelsCounted = held
    }

    /// Starts a new viewer (the registry decided who owns the game): the next frame is a full one.
    func attach(resumed: Bool) -> (info: GameInfo, frame: FrameUpdate) {
        lastFrame = nil
        frameSeq = 0
        return (info(resumed: resumed), nextFrame())
    }

    /// What `game` says of this game now.
    func info(resumed: Bool) -> GameInfo {
        let game = session.game
        return GameInfo(
            game: id,
            token: token,
            seed: seed,
            resumed: resumed,
            actions: recorded.nextSeq,
            turn: game.turn,
            depth: game.depth,
            stateHash: game.stateHash.hex16,
            over: game.isOver
        )
    }

    /// Applies one action.
    func perform(_ action: Action) throws(ProtocolError) -> (Ack, FrameUpdate) {
        guard !session.game.isOver else { throw ProtocolError(.gameOver, "game \(id) is over; start a new one") }
        let performed: PlaySession.Performed
        do { performed = try session.perform(action) } catch { throw storeFailure(error) }
        if let refusal = performed.events.lazy.compactMap({ if case .refused(let why) = $0 { "\(why)" } else { nil } }).first {
            throw ProtocolError(.badAction, "the rules refused '\(action.encoded)': \(refusal)")
        }
        return (acknowledge(performed.recorded.map { [$0] } ?? []), nextFrame())
    }

    /// Handles a key as the terminal game does, playing any run it starts to its end.
    func press(key: String) throws(ProtocolError) -> (Ack, FrameUpdate) {
        let pressed: PlaySession.Pressed
        do { pressed = try session.press(key: key) } catch { throw storeFailure(error) }
        return (acknowledge(pressed.recorded), nextFrame())
    }

    /// Actions stored so far: the `seq` the next one will get.
    var storedActions: Int { recorded.nextSeq }

    /// What a message sent at action count `seq` should do now. A gateway sends each action with
    /// the count it last heard; after a timeout or a failover it may send it again, and then the
    /// count has moved past it: the answer is the state now (with a full frame, since the client
    /// may have missed the last one), counting what was stored since `seq`, and nothing is applied
    /// again, so nothing is stored twice.
    /// - Returns: the answer to a resend, or nil when the message is new and must be applied.
    func answerIfResent(seq: Int) throws(ProtocolError) -> (Ack, FrameUpdate)? {
        let count = recorded.nextSeq
        guard seq != count else { return nil }
        guard seq < count else {
            throw ProtocolError(.badField, "seq \(seq) is ahead of game \(id), which has \(count) actions; resume the game")
        }
        lastFrame = nil
        let game = session.game
        // What was stored since `seq` is what that message did (nothing else can play this game meanwhile).
        let ack = Ack(applied: count - seq, actions: count, turn: game.turn, stateHash: (storedHash ?? game.stateHash).hex16, over: game.isOver)
        return (ack, nextFrame())
    }

    private func storeFailure(_ error: any Error) -> ProtocolError {
        // Another instance holds the game now (this one drained, or was paused or cut off past
        // its lease): nothing was stored, and `unavailable` sends the gateway to the new owner
        // with the same action, where `store_failed` would reach the player as an error.
        if case .leaseLost? = error as? StoreError {
            return ProtocolError(.unavailable, "game \(id) is no longer hosted here, so the action was not applied: \(error)")
        }
        // The store holds actions this host did not write: another instance played the game
        // meanwhile, and this copy is stale. The same: let the game's current state answer.
        if case .outOfSequence? = error as? StoreError {
            return ProtocolError(.unavailable, "game \(id) was played on elsewhere, so this copy is stale and the action was not applied: \(error)")
        }
        metrics.storeErrors.increment()
        return ProtocolError(.storeFailed, "the action could not be saved, so it was not applied: \(error)")
    }

    /// The acknowledgement for what was just stored; records the end of a finished game.
    private func acknowledge(_ stored: [RecordedAction]) -> Ack {
        for r in stored { metrics.storeWriteLatency.record(r.storeTime) }
        metrics.actionsTotal.increment(by: Int64(stored.count))
        let game = session.game
        if game.isOver && !finished {
            finished = true
            _ = try? recorded.finish(game)
        }
        // The game changes only through stored actions, so the hash of the last one stored is the
        // game's hash now (checked in debug builds, which the tests run).
        if let last = stored.last { storedHash = last.stateHash }
        if !stored.isEmpty { countLevels() }
        let hash = storedHash ?? game.stateHash
        assert(hash == game.stateHash, "game \(id) changed after its last stored action")
        return Ack(applied: stored.count, actions: recorded.nextSeq, turn: game.turn, stateHash: hash.hex16, over: game.isOver)
    }

    private func nextFrame() -> FrameUpdate {
        let frame = GameView.render(session)
        frameSeq += 1
        let update = FrameUpdate.between(lastFrame, frame, seq: frameSeq, messages: recentMessages(), status: status())
        lastFrame = frame
        watchers.fanOut(update, thenEnd: finished ? .gameOver : nil)
        if let publish {
            note += 1
            publish(FrameNote(note: note, frame: update, ended: finished ? .gameOver : nil))
        }
        return update
    }

    /// Publishes every frame from now on (spectators on other gateways); the answer is what a
    /// new spectator starts from: the game as it is, a full frame of the player's screen, and the
    /// number of the last note, after which the notes are diffs from that screen.
    func startPublishing(_ publish: @escaping @Sendable (FrameNote) -> Void) -> (Watching, FrameUpdate, Int)? {
        guard !finished else { return nil }
        self.publish = publish
        let game = session.game
        let screen = lastFrame ?? GameView.render(session)
        lastFrame = screen
        let watching = Watching(game: id, player: player, turn: game.turn, depth: game.depth, stateHash: game.stateHash.hex16)
        return (watching, FrameUpdate.between(nil, screen, seq: 1, messages: recentMessages(), status: status()), note)
    }

    /// Tells spectators on other gateways that watching ended.
    func stopPublishing(_ reason: WatchEndReason) {
        guard let publish else { return }
        note += 1
        publish(FrameNote(note: note, frame: FrameUpdate.between(nil, lastFrame ?? GameView.render(session), seq: 0), ended: reason))
        self.publish = nil
    }

    /// The newest messages a frame carries, newest first, repeats counted.
    func recentMessages() -> [String] {
        session.log.entries.suffix(3).reversed().map { $0.count > 1 ? "\($0.text) (x\($0.count))" : $0.text }
    }

    /// The status line a frame carries.
    func status() -> FrameUpdate.Status {
        let game = session.game
        return .init(depth: game.depth, turn: game.turn, hp: game.player.hp, maxHP: game.player.maxHP)
    }
}
