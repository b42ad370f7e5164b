import BrogueClient
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

/// Two gateways and a game instance over a real nats-server: a spectator on one gateway watches a
/// game played through the other, frame by frame.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ClusterSpectateTests {
    @Test func aSpectatorOnGatewayAWatchesAGamePlayedThroughGatewayB() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let (store, folder) = try ClusterRig.store("cluster")
        defer { try? FileManager.default.removeItem(at: folder) }
        let logger = Logger(label: "test")
        let buses = [
            try await NATSClient.connect(servers: [server.url]), try await NATSClient.connect(servers: [server.url]),
            try await NATSClient.connect(servers: [server.url]),
        ]
        let instance = GameInstanceNode(
            id: "g1",
            store: store,
            content: coreContent,
            nats: buses[0],
            now: ClusterFailoverTests.wallClock,
            logger: logger
        )
        try await instance.start()
        let config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        let a = try Node.gateway(config: config, store: store, nats: buses[1], logger: logger)
        let b = try Node.gateway(config: config, store: store, nats: buses[2], logger: logger)
        try await a.makeApplication().test(.live) { clientA in
            try await b.makeApplication().test(.live) { clientB in
                let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(try #require(clientB.port))")
                try await player.start(name: "alice")
                let info = try await player.newGame(seed: 11)
                for key in ["l", "j", "s"] { _ = try await player.press(key) }

                let watcher = try await RemoteGame.connect(url: "ws://127.0.0.1:\(try #require(clientA.port))")
                try await watcher.start(name: "bob")
                let watching = try await watcher.spectate(game: info.game)
                #expect(watching.game == info.game && watching.player.hasPrefix("guest-alice-"))
                #expect(watching.stateHash == player.info?.stateHash)
                #expect(watcher.lastUpdate?.isFull == true && watcher.screen == player.screen)
                for key in ["x", "h", "k", "z"] {
                    _ = try await player.press(key)
                    guard case .frame(let update) = try await watcher.nextWatched() else {
                        Issue.record("no frame after \(key)")
                        break
                    }
                    #expect(!update.isFull)
                    #expect(watcher.screen == player.screen, "the watched screen after \(key)")
                }
                // The player leaves: watching ends on the other gateway too.
                await player.close()
                guard case .ended(let reason) = try await watcher.nextWatched() else {
                    Issue.record("watching did not end")
                    return
                }
                #expect(reason == .playerLeft)
                await watcher.close()
            }
        }
        await instance.drain()
        for bus in buses { await bus.close() }
    }
}
