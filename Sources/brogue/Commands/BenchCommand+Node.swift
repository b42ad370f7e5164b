import ArgumentParser
import BrogueContent
import BrogueCore
import BrogueFrame
import BrogueProtocol
import BrogueRecording
import BrogueUI
import Foundation

extension BenchCommand {
    /// One action as a node handles it, without the sockets: the client's message decoded, the
    /// move applied and stored (SQLite in a temporary folder), the screen composed and diffed
    /// against the last one, and the acknowledgement and frame encoded. Its thread CPU is what
    /// the node's CPU per action (`brogue loadtest`) would be with no I/O, tasks or locks; the
    /// difference between the two is what those cost.
    func nodeAction(_ loaded: LoadedContent) throws {
        let (games, folder) = try scratchGames(loaded)
        defer { try? FileManager.default.removeItem(at: folder) }
        var cpu: [Double] = []
        var bytes = 0
        var seed: UInt64 = 700
        while cpu.count < moves {
            let recorded = try games.start(seed: seed)
            seed += 1
            let session = PlaySession(game: recorded.game, recorder: recorded)
            var previous = GameView.render(session)
            var seq = 1
            while cpu.count < moves && !session.game.isOver {
                var probe = session.game
                guard case .step(let dir) = probe.exploreDirection() else { break }
                let message = #"{"type":"action","id":\#(seq),"action":"\#(Action.move(dir).encoded)"}"#
                let c = ThreadCPUClock.now()
                guard case .action(let text) = try WireCodec.decodeClient(message).message, let action = Action(encoded: text) else {
                    throw ValidationError("the bench's own action message did not decode: \(message)")
                }
                let performed = try session.perform(action)
                let game = session.game
                let hash = performed.recorded?.stateHash ?? game.stateHash
                let ack = Ack(applied: 1, actions: seq, turn: game.turn, stateHash: hash.hex16, over: game.isOver)
                let frame = GameView.render(session)
                seq += 1
                let status = FrameUpdate.Status(depth: game.depth, turn: game.turn, hp: game.player.hp, maxHP: game.player.maxHP)
                let update = FrameUpdate.between(previous, frame, seq: seq, status: status)
                bytes += WireCodec.encode(ServerEnvelope(.ack(ack), ref: seq)).utf8.count
                bytes += WireCodec.encode(ServerEnvelope(.frame(update))).utf8.count
                cpu.append((ThreadCPUClock.now() - c) * 1_000_000)
                previous = frame
            }
        }
        let sorted = cpu.sorted()
        print(
            "node action without I/O (decode, move, store append, compose, diff, encode): its CPU median \(Int(percentile(sorted, 50))) us, "
                + "p99 \(Int(percentile(sorted, 99))) us over \(cpu.count) moves; \(bytes / cpu.count) bytes sent per action"
        )
    }
}
