import BrogueCore
import BrogueNATS
import BrogueNode
import BrogueProtocol
import BrogueRecording
import BrogueStore
import BrogueTestServers
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// An owner whose copy of a game went stale while its lease still holds (another writer stored
/// the next action: an instance woken from a pause, a second process on the same store): the
/// store refuses its write out of sequence, and the player sees the game's stored state instead
/// of a `store_failed` error.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterStaleCopyTests {
    @Test func aWriteRefusedOutOfSequenceReopensTheGameInsteadOfFailingTheAction() async throws {
        let rig = try await TwoInstanceCluster("stale")
        defer { rig.remove() }
        let (store, gateway) = (rig.store, rig.gateway)
        let game = Box<Int64>(0)
        try await gateway.makeApplication().test(.live) { client in
            try await connect(port: try #require(client.port)) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: 12), id: 1)
                guard case .game(let info) = try await peer.expectNext(), case .frame = try await peer.expectNext() else {
                    throw TestFailure("no game and frame")
                }
                game.set(info.game)
                for i in 0..<3 {
                    try await peer.send(.action("s"), id: 10 + i)
                    guard case .ack = try await peer.expectNext(), case .frame = try await peer.expectNext() else {
                        throw TestFailure("action \(i) was not acknowledged")
                    }
                }
                // Another writer stores the game's next action behind the owner's back.
                let recorded = RecordedGames(store: store, content: coreContent)
                let behind = try #require(try recorded.resume(id: info.game))
                var next = behind.game
                let search = try #require(Action(encoded: "s"))
                _ = next.apply(search)
                _ = try behind.record(search, after: next)
                // The owner's copy still has 3 actions: its write of the player's next one is refused.
                try await peer.send(.action("s"), id: 20)
                let reply = try await peer.expectNext()
                guard case .ack(let ack) = reply else { throw TestFailure("the player got \(reply) instead of an acknowledgement") }
                #expect(ack.actions == 4, "the stored game's 4 actions, not a fifth: \(ack)")
                guard case .frame = try await peer.expectNext() else { throw TestFailure("no frame after the action") }
                // And the game plays on from the stored state.
                try await peer.send(.action("s"), id: 21)
                guard case .ack(let after) = try await peer.expectNext() else { throw TestFailure("the game did not play on") }
                #expect(after.actions == 5)
            }
        }
        let stored = try #require(try store.loadGame(id: game.get))
        #expect(stored.record.nextSeq == 5)
        #expect(throws: Never.self) { _ = try RecordedGames(store: store, content: coreContent).rebuild(stored) }
        await rig.drain()
    }
}
