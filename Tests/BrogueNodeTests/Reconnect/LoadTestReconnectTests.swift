import BrogueClient
import BrogueNode
import BrogueProtocol
import BrogueStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `brogue loadtest` over two nodes, one drained mid-run: the bots on it move to the other, and
/// the record they wrote matches the store action for action.
@Suite struct LoadTestReconnectTests {
    /// `brogue_actions_total` of a node's metrics.
    static func actionsStored(_ node: Node) -> Int {
        let line = node.metrics.text().split(separator: "\n").first { $0.hasPrefix("brogue_actions_total ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    @Test(.timeLimit(.minutes(5))) func botsOnADrainedNodeMoveOnAndTheirRecordMatchesTheStore() async throws {
        let (a, b, folder) = try ReconnectTests.twoNodes()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recordPath = (folder as NSString).appendingPathComponent("acks.jsonl")
        try await a.makeApplication().test(.live) { clientA in
            try await b.makeApplication().test(.live) { clientB in
                var options = LoadTest.Options(
                    servers: ["ws://127.0.0.1:\(try #require(clientA.port))", "ws://127.0.0.1:\(try #require(clientB.port))"],
                    bots: 4,
                    duration: 120,
                    rate: 20,
                    actionsPerBot: 40
                )
                options.recordPath = recordPath
                options.backoff = Backoff(first: .milliseconds(20), cap: .milliseconds(200))
                let run = Task { await LoadTest.run(options) }
                // Drain the first node once its bots have played a little; the wait is bounded
                // only against a hang.
                let deadline = ContinuousClock.now + .seconds(60)
                while Self.actionsStored(a) < 8, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(10))
                }
                await a.drain()
                let report = await run.value
                #expect(report.errors == 0 && report.drops == 0, "\(report.errorSamples) \(report.errorCodes)")
                #expect(report.actions == 160, "each bot stops at its 40th stored action")
                // Bots 0 and 2 started on the drained node; one may have finished before it drained.
                #expect((1...2).contains(report.reconnects), "\(report.reconnects) reconnects")
                // No bot saw more than the one reconnect the drain caused, and only bots on node A.
                #expect(report.reconnectsByBot.count == 4 && report.reconnectsByBot.allSatisfy { $0 <= 1 }, "\(report.reconnectsByBot)")
                #expect(report.reconnectsByBot[1] == 0 && report.reconnectsByBot[3] == 0, "\(report.reconnectsByBot)")
                #expect(report.summary.contains("reconnects: \(report.reconnects) (at most 1 by one bot), actions resent: \(report.resent)"))

                let records = try LoadTest.AckRecord.read(path: recordPath)
                #expect(records.count == report.actions)
                let store = try SQLiteGameStore(path: (folder as NSString).appendingPathComponent("brogue.sqlite"))
                for game in Set(records.map(\.game)).sorted() {
                    let mine = records.filter { $0.game == game }
                    #expect(Set(mine.map(\.bot)).count == 1, "game \(game) was played by two bots")
                    let seed = try #require(try store.game(id: game)).seed
                    let acked = mine.map { ReconnectTests.Acked(seq: $0.seq, action: $0.action, stateHash: $0.stateHash) }
                    try ReconnectTests.checkAgainstStore(folder: folder, game: game, seed: seed, acked: acked)
                }
            }
        }
    }
}
