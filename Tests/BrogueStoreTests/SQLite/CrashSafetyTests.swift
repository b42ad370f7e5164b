import BrogueStore
import Foundation
import GRDB
import Testing

/// Kills a process that is appending actions with SIGKILL, at a different moment each round,
/// then checks that every committed action survived and every log is whole.
@Suite struct CrashSafetyTests {
    /// The helper executable SwiftPM built beside the test bundle.
    static let crasher: URL = {
        let name = "brogue-store-crasher"
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates =
            [beside.appendingPathComponent(name), beside.deletingLastPathComponent().appendingPathComponent(name)]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent(name) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    @Test func killNineLosesNoCommittedAction() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.crasher.path), "build the helper first: \(Self.crasher.path)")
        let folder = TempFolder()
        let path = folder.file("brogue.sqlite")
        // Deterministic "random" kill points, different every round; printed on failure.
        var rng = SplitMix(seed: 0x5EED_CAFE)
        var lastCommitted: [Int64: Int] = [:]
        let rounds = 24
        for round in 0..<rounds {
            let mode = round % 3 == 0 ? "new" : "resume"
            // Kill after 1 to ~400 acknowledged commits, sometimes the moment the helper starts.
            let target = round < 2 ? 0 : Int(rng.next() % 400) + 1
            let child = try CrasherProcess(executable: Self.crasher, arguments: [path, mode])
            let seen = try child.waitForCommits(target)
            child.kill()
            if let (game, seq) = seen { lastCommitted[game] = max(lastCommitted[game] ?? -1, seq) }

            let store = try SQLiteGameStore(path: path)
            #expect(try store.integrityProblems() == [], "round \(round) (target \(target))")
            for record in try store.listGames(limit: 1000) {
                let game = try #require(try store.loadGame(id: record.id), "round \(round)")
                #expect(game.actions.count == record.actionCount, "round \(round): game \(record.id)")
                let n = record.actionCount
                #expect(
                    record.summary.turns == n && record.summary.stateHash == UInt64(n) &* 0x9E37_79B9_7F4A_7C15,
                    "round \(round): game \(record.id)'s summary was written with another action than its last"
                )
                let acknowledged = (lastCommitted[record.id] ?? -1) + 1
                #expect(record.actionCount >= acknowledged, "round \(round): game \(record.id) lost acknowledged actions")
            }
            // The raw rows agree: seq runs 0, 1, 2, ... with no gap, for every game.
            let gaps = try DatabaseQueue(path: path).read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM game
                        WHERE action_count != (SELECT count(*) FROM action WHERE game_id = game.id)
                           OR action_count != (SELECT coalesce(max(seq), -1) + 1 FROM action WHERE game_id = game.id)
                        """
                ) ?? -1
            }
            #expect(gaps == 0, "round \(round)")
        }
        #expect(lastCommitted.count >= rounds / 3 - 1, "every 'new' round made a game")
    }
}
