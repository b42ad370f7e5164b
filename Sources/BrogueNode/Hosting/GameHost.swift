import BrogueCore
import BrogueProtocol
import BrogueStore
import BrogueTerminal
import BrogueUI

/// One hosted game: the only owner of its `PlaySession`, so actions on it are applied one at a
/// time, each stored before it is acknowledged.
actor GameHost {
    let id: Int64
    let token: String
    let seed: UInt64
    private let store: any GameStore
    let session: PlaySession
    private let recorder: TimedRecorder
    var lastFrame: Frame?
    private var frameSeq = 0
    var finished = false
    /// Who watches this game, and the name of its player (spectating).
    let watchers: Watchers
    var player = ""

    init(id: Int64, token: String, game: Game, nextSeq: Int, store: any GameStore, metrics: NodeMetrics) {
        self.id = id
        self.token = token
        self.seed = game.seed
        self.store = store
        let recorder = TimedRecorder(store: store, gameID: id, nextSeq: nextSeq, metrics: metrics)
        self.recorder = recorder
        self.session = PlaySession(game: game, recorder: recorder)
        finished = game.isOver
        watchers = Watchers(gameID: id, metrics: metrics)
    }

    /// Starts a new viewer (the registry decided who owns the game): the next frame is a full one.
    func attach(resumed: Bool) -> (info: GameInfo, frame: FrameUpdate) {
        lastFrame = nil
        frameSeq = 0
        let game = session.game
        let info = GameInfo(
            game: id, token: token, seed: seed, resumed: resumed, actions: recorder.nextSeq, turn: game.turn, depth: game.depth,
            stateHash: game.stateHash.hex16, over: game.isOver)
        return (info, nextFrame())
    }

    /// Applies an action in `Action.encoded` form.
    func perform(encoded text: String) throws(ProtocolError) -> (Ack, FrameUpdate) {
        guard !session.game.isOver else { throw ProtocolError(.gameOver, "game \(id) is over; start a new one") }
        guard let action = Action(encoded: text) else {
            throw ProtocolError(.badAction, "'\(text)' is not an action (see docs/protocol.md: m0-m7, z, s, p, >, <, x, ...)")
        }
        recorder.appended = 0
        let events: [GameEvent]
        do { events = try session.perform(action) } catch { throw storeFailure(error) }
        if let refusal = events.lazy.compactMap({ if case .refused(let why) = $0 { "\(why)" } else { nil } }).first {
            throw ProtocolError(.badAction, "the rules refused '\(text)': \(refusal)")
        }
        return (finishIfOver(), nextFrame())
    }

    /// Handles a key as the terminal game does, playing any run it starts to its end.
    func press(key: String) throws(ProtocolError) -> (Ack, FrameUpdate) {
        recorder.appended = 0
        do {
            _ = try session.handle(key: key)
            while session.isRunning { try session.step() }
        } catch {
            throw storeFailure(error)
        }
        return (finishIfOver(), nextFrame())
    }

    private func storeFailure(_ error: any Error) -> ProtocolError {
        ProtocolError(.storeFailed, "the action could not be saved, so it was not applied: \(error)")
    }

    /// The acknowledgement for what was just stored; records the end of a finished game.
    private func finishIfOver() -> Ack {
        let game = session.game
        if game.isOver && !finished {
            finished = true
            let status: GameStatus
            var cause: String?
            switch game.outcome {
            case .won: status = .won
            case .died(let c, _):
                status = .died
                cause = c
            case .playing: status = .abandoned
            }
            _ = try? store.finishGame(id: id, status: status, cause: cause, summary: GameSummary(game), score: ScoreEntry(points: game.score, playerName: nil))
        }
        // The game changes only through stored actions, so the hash of the last one stored is the
        // game's hash now (checked in debug builds, which the tests run).
        let hash = recorder.storedHash ?? game.stateHash
        assert(hash == game.stateHash, "game \(id) changed after its last stored action")
        return Ack(applied: recorder.appended, actions: recorder.nextSeq, turn: game.turn, stateHash: hash.hex16, over: game.isOver)
    }

    private func nextFrame() -> FrameUpdate {
        let frame = GameView.render(session)
        frameSeq += 1
        let update = FrameUpdate.between(lastFrame, frame, seq: frameSeq, messages: recentMessages(), status: status())
        lastFrame = frame
        watchers.fanOut(update, thenEnd: finished ? .gameOver : nil)
        return update
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
