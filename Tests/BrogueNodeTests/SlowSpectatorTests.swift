import BrogueClient
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BrogueNode

/// A spectator on a real socket that stops reading while the game it watches streams frames.
@Suite struct SlowSpectatorTests {
    @Test(.timeLimit(.minutes(10))) func aSpectatorThatNeverReadsIsDroppedWhileThePlayerPlaysOn() async throws {
        var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        config.outboundQueueLimit = 16
        let node = try makeNode(config)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await player.start(name: "alice")
            let info = try await player.newGame(seed: 11)

            // A small receive window, so the node's socket buffers fill after a few frames.
            let spectator = try await onThread { try RawSocket.connect(port: port, receiveBuffer: 4096) }
            defer { spectator.close() }
            let messages = [
                ClientMessage.hello(version: ProtocolInfo.version, client: "never-reads"), .guest(name: "bob"), .spectate(game: info.game),
            ]
            // It reads up to `watching` (it is a spectator now), then never again.
            let watching = await onThread {
                guard spectator.webSocketHandshake() else { return false }
                for m in messages where !spectator.sendText(WireCodec.encode(ClientEnvelope(m))) { return false }
                while let text = spectator.readFrame() {
                    if text.contains(#""type":"watching""#) { return true }
                }
                return false
            }
            #expect(watching)
            #expect(ProcessMetricsTests.value("brogue_spectators", in: node.metrics.text()) == 1)
            // The player goes on at full speed, each screen change a frame
            // for the spectator too, until the node has dropped the spectator; a fan-out that
            // waited on it would hang here instead.
            var presses = 0
            while ProcessMetricsTests.value("brogue_connections_dropped_total", in: node.metrics.text()) == 0 && presses < 200_000 {
                _ = try await player.press(presses % 2 == 0 ? "i" : "escape")
                presses += 1
            }
            let text = node.metrics.text()
            #expect(ProcessMetricsTests.value("brogue_connections_dropped_total", in: text) == 1, "dropped after \(presses) presses")
            #expect(ProcessMetricsTests.value("brogue_spectators", in: text) == 0)
            // The player is untouched and the game stored every action.
            _ = try await player.press("escape")
            guard case .ack = try await player.perform("s") else {
                Issue.record("the player's action after the drop was not stored")
                return
            }
            await player.close()
            // The node closed the spectator's socket: what it had sent ends.
            let read = await onThread { spectator.drainToEnd() }
            #expect(read != nil, "the spectator's connection is still open")
        }
    }
}
