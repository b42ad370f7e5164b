import BrogueNATS
import BrogueNode
import BrogueProtocol
import BrogueStore
import BrogueTestServers
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// An owner whose lease was taken under it while its own clock still says the lease is valid (a
/// pause, a partition, a drain racing a request): the store refuses its write, and the player
/// sees the action go through on another instance instead of an error.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterLeaseTakenTests {
    @Test func aWriteRefusedForALostLeaseMovesTheGameInsteadOfFailingTheAction() async throws {
        let rig = try await TwoInstanceCluster("cluster")
        defer { rig.remove() }
        let (store, gateway) = (rig.store, rig.gateway)
        let game = Box<Int64>(0)
        try await gateway.makeApplication().test(.live) { client in
            try await connect(port: try #require(client.port)) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: 11), id: 1)
                guard case .game(let info) = try await peer.expectNext(), case .frame = try await peer.expectNext() else {
                    throw TestFailure("no game and frame")
                }
                var actions = 0
                func act(_ i: Int) async throws {
                    try await peer.send(.action("s"), id: 10 + i)
                    guard case .ack(let ack) = try await peer.expectNext() else { throw TestFailure("action \(i) was not acknowledged") }
                    #expect(ack.actions == actions + 1, "stored once, in order")
                    actions = ack.actions
                    guard case .frame = try await peer.expectNext() else { throw TestFailure("no frame after action \(i)") }
                }
                game.set(info.game)
                for i in 0..<3 { try await act(i) }
                // Another instance (one that is gone now) took the lease; the owner's clock still says it holds it.
                let held = try #require(try store.lease(game: info.game))
                _ = try #require(try store.takeOverLease(held, instance: "g9", now: ClusterFailoverTests.wallClock(), ttl: 60_000))
                for i in 3..<6 { try await act(i) }
            }
        }
        // The refused owner let the game go; an instance took it from the gone g9 and stored the rest.
        let lease = try #require(try store.lease(game: game.get))
        #expect(lease.holder != "g9" && lease.epoch == 3, "\(lease)")
        #expect(try store.loadGame(id: game.get)?.record.nextSeq == 6)
        await rig.drain()
    }
}
