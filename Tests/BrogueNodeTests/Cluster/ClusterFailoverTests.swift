import BrogueContent
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

/// A gateway and two game instances over a real nats-server, in this process, sharing one store:
/// the game instance hosting a game goes away mid-game and the player's connection plays on.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterFailoverTests {
    static let script = GameplayTests.script
    static let wallClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }

    /// What the player was told was stored, in order.
    struct Acked: Sendable {
        var game: Int64 = 0
        var actions = 0
        var hash = ""
        var applied = 0
    }

    /// How the instance hosting the game goes away.
    enum Leaving: String, CaseIterable, Sendable {
        /// Its NATS connection closes, so its subscriptions vanish; its lease is left unexpired, as after kill -9.
        case killed
        /// SIGTERM: it stops taking requests, finishes the one in hand and gives its leases up.
        case drained
    }

    @Test(arguments: Leaving.allCases)
    func aGameWhoseInstanceGoesAwayGoesOnOnAnotherWithNothingAcknowledgedLost(_ leaving: Leaving) async throws {
        let rig = try await TwoInstanceCluster("cluster")
        defer { rig.remove() }
        let (store, buses, instances, gateway) = (rig.store, rig.buses, rig.instances, rig.gateway)
        let acked = Box(Acked())
        let lost = Box<Int?>(nil)
        try await gateway.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            try await connect(port: port) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: 11), id: 1)
                guard case .game(let info) = try await peer.expectNext(), case .frame(let first) = try await peer.expectNext() else {
                    Issue.record("no game and frame")
                    return
                }
                #expect(first.isFull)
                var record = Acked(game: info.game)
                func play(_ range: Range<Int>) async throws {
                    for i in range {
                        try await peer.send(.action(Self.script[i % Self.script.count]), id: 100 + i)
                        switch try await peer.expectNext() {
                        case .ack(let ack):
                            #expect(ack.actions == record.actions + ack.applied, "no action is stored twice or skipped")
                            record.actions = ack.actions
                            record.hash = ack.stateHash
                            record.applied += ack.applied
                            guard case .frame = try await peer.expectNext() else { throw TestFailure("no frame after ack \(i)") }
                        case .error(let e):
                            #expect(e.code == .badAction, "\(e)")  // a move into a wall: nothing stored
                        case let other:
                            throw TestFailure("unexpected \(other)")
                        }
                    }
                }
                try await play(0..<30)
                var owner: Int?
                for (i, instance) in instances.enumerated() where await instance.hostedGames().contains(info.game) { owner = i }
                let gone = try #require(owner)
                lost.set(gone)
                switch leaving {
                case .killed: await buses[gone].close()
                case .drained: await instances[gone].drain()
                }
                try await play(30..<60)
                #expect(await instances[1 - gone].hostedGames().contains(info.game), "the other instance took the game over")
                acked.set(record)
            }
        }
        let record = acked.get
        let gone = try #require(lost.get)
        let survivor = instances[1 - gone]
        #expect(record.applied > 30, "most scripted actions are moves that apply")
        // Taking a lease over from a gone holder is a failover; a lease given up is simply free.
        let failovers = leaving == .killed ? 1 : 0
        let metrics = survivor.metrics.text()
        #expect(metrics.contains("brogue_cluster_failovers_total{instance=\"g\(2 - gone)\"} \(failovers)"), "\(metrics)")
        #expect(metrics.contains("brogue_nats_messages_in_total{instance=\"g\(2 - gone)\"} "), "the bus's counters are exported")
        // Everything acknowledged is in the store, and the log replays to the hash the player was last told.
        let stored = try #require(try store.loadGame(id: record.game))
        #expect(stored.record.nextSeq == record.actions)
        let lease = try #require(try store.lease(game: record.game))
        #expect(lease.holder == "g\(2 - gone)" && lease.epoch == 2)
        let games = try RecordedGames(store: store, content: coreContent)
        let rebuilt = try games.rebuild(stored)
        #expect(rebuilt.stateHash.hex16 == record.hash)
        await rig.drain()
    }
}
