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
        let candidates = [beside.appendingPathComponent(name), beside.deletingLastPathComponent().appendingPathComponent(name)]
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
                    "round \(round): game \(record.id)'s summary was written with another action than its last")
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
                        """) ?? -1
            }
            #expect(gaps == 0, "round \(round)")
        }
        #expect(lastCommitted.count >= rounds / 3 - 1, "every 'new' round made a game")
    }
}

/// The helper in a child process, its stdout read line by line.
final class CrasherProcess {
    private let process = Process()
    private let output = Pipe()
    private var buffer = Data()

    init(executable: URL, arguments: [String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// Blocks until the helper has printed `count` commit lines (or exits), and returns the
    /// last game id and seq it acknowledged.
    func waitForCommits(_ count: Int) throws -> (Int64, Int)? {
        var last: (Int64, Int)?
        var seen = 0
        while seen < count {
            guard let line = nextLine() else {
                Issue.record("the helper stopped before \(count) commits (exit \(process.isRunning ? -1 : process.terminationStatus))")
                return last
            }
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "committed", let game = Int64(parts[1]), let seq = Int(parts[2]) else {
                Issue.record("unexpected helper output: \(line)")
                return last
            }
            last = (game, seq)
            seen += 1
        }
        return last
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
    }

    private func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}

/// SplitMix64, for kill points that differ each round but repeat each run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
