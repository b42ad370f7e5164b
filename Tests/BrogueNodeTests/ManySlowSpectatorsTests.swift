import BrogueClient
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BrogueNode

/// Many spectators on real sockets that never read while the player streams frames at full speed.
@Suite struct ManySlowSpectatorsTests {
    static let spectators = 20
    static let queueLimit = 16

    @Test(.timeLimit(.minutes(10))) func manySpectatorsThatNeverReadAreAllDroppedAndTheirQueuesStayBounded() async throws {
        var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        config.outboundQueueLimit = Self.queueLimit
        let node = try makeNode(config)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await player.start(name: "alice")
            let info = try await player.newGame(seed: 12)
            var alone = RoundTrips()
            for i in 0..<200 { try await alone.time { _ = try await player.press(i % 2 == 0 ? "i" : "escape") } }

            let sockets = try await Self.watchWithoutReading(game: info.game, port: port)
            defer { for socket in sockets { socket.close() } }
            #expect(ProcessMetricsTests.value("brogue_spectators", in: node.metrics.text()) == Double(Self.spectators))

            // The player goes on at full speed (each press a frame for every spectator, an
            // action stored every 25th) until the node has dropped them all.
            var watched = RoundTrips()
            var mostQueued = 0.0
            var mostQueuedBytes = 0.0
            var stored = 0
            var presses = 0
            while ProcessMetricsTests.value("brogue_connections_dropped_total", in: node.metrics.text()) ?? 0 < Double(Self.spectators),
                presses < 200_000
            {
                if presses % 25 == 24 {
                    guard case .ack = try await player.perform("s") else {
                        Issue.record("the player's action was not stored while spectators were being dropped")
                        return
                    }
                    stored += 1
                } else {
                    try await watched.time { _ = try await player.press(presses % 2 == 0 ? "i" : "escape") }
                }
                presses += 1
                let text = node.metrics.text()
                mostQueued = max(mostQueued, ProcessMetricsTests.value("brogue_outbound_queued_messages", in: text) ?? 0)
                mostQueuedBytes = max(mostQueuedBytes, ProcessMetricsTests.value("brogue_outbound_queued_bytes", in: text) ?? 0)
            }
            let text = node.metrics.text()
            #expect(ProcessMetricsTests.value("brogue_connections_dropped_total", in: text) == Double(Self.spectators), "after \(presses) presses")
            #expect(ProcessMetricsTests.value("brogue_spectators", in: text) == 0)
            // Every queue holds at most its limit (the player's own included), so the node never
            // kept more than that for the spectators, however long the player went on.
            #expect(mostQueued > 0, "the gauge never saw a queued message")
            #expect(mostQueued <= Double((Self.spectators + 1) * Self.queueLimit))

            // Once the dropped connections are gone, what they had queued is gone with them:
            // only the player's own answers can be waiting.
            var settle = 0
            while ProcessMetricsTests.value("brogue_outbound_queued_messages", in: node.metrics.text()) ?? 0 > 0, settle < 10_000 {
                _ = try await player.press("escape")
                settle += 1
            }
            #expect(ProcessMetricsTests.value("brogue_outbound_queued_messages", in: node.metrics.text()) == 0)
            #expect(ProcessMetricsTests.value("brogue_outbound_queued_bytes", in: node.metrics.text()) == 0)
            guard case .ack = try await player.perform("s") else {
                Issue.record("the player's action after the drops was not stored")
                return
            }
            await player.close()
            let ended = await onThread { sockets.map { $0.drainToEnd() } }
            #expect(ended.allSatisfy { $0 != nil }, "a spectator's connection is still open")
            print(
                "\(Self.spectators) spectators that never read: all dropped after \(presses) presses (\(stored) actions stored meanwhile); "
                    + "queued at most \(Int(mostQueued)) messages, \(Int(mostQueuedBytes / 1024)) KB; player round trip p50/max "
                    + "\(alone.summary) ms alone, \(watched.summary) ms while they were watched"
            )
        }
    }

    /// Connects the spectators with small receive windows, watches `game` on each, and stops
    /// reading once it is watching.
    static func watchWithoutReading(game: Int64, port: Int) async throws -> [RawSocket] {
        var sockets: [RawSocket] = []
        for i in 0..<spectators {
            let socket = try await onThread { try RawSocket.connect(port: port, receiveBuffer: 4096) }
            sockets.append(socket)
            let messages = [
                ClientMessage.hello(version: ProtocolInfo.version, client: "never-reads"), .guest(name: "watcher\(i)"), .spectate(game: game),
            ]
            let watching = await onThread {
                guard socket.webSocketHandshake() else { return false }
                for m in messages where !socket.sendText(WireCodec.encode(ClientEnvelope(m))) { return false }
                while let text = socket.readFrame() {
                    if text.contains(#""type":"watching""#) { return true }
                }
                return false
            }
            #expect(watching, "spectator \(i) is not watching")
        }
        return sockets
    }
}

/// Round trips of the player's requests, for the printed line (no assertion on time).
struct RoundTrips {
    private var ms: [Double] = []

    mutating func time(_ body: () async throws -> Void) async rethrows {
        let start = ContinuousClock.now
        try await body()
        let d = ContinuousClock.now - start
        ms.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
    }

    var summary: String {
        let sorted = ms.sorted()
        guard let last = sorted.last else { return "-" }
        return String(format: "%.2f/%.2f", sorted[sorted.count / 2], last)
    }
}
