import Foundation
import Testing

/// kill -9 at random moments loses at most the action in flight.
@Suite struct CrashResumeTests {
    /// Starts a saving bot game, waits until it has stored `target` actions, then SIGKILLs it.
    /// - Returns: why the run left no game, when it did not (it failed before making one); nil
    ///   when it made its game.
    static func killAfter(seed: Int, target: Int, data: URL) throws -> String? {
        let p = Process()
        p.executableURL = BrogueProcess.binary
        p.arguments = ["sim", "--seed", "\(seed)", "--turns", "100000", "--save", "--report-saves", "--data", data.path]
        p.currentDirectoryURL = BrogueProcess.repoRoot
        let out = Pipe()
        p.standardOutput = out
        // Kept in a file, so a run that fails before making its game says why.
        let errors = data.deletingLastPathComponent().appendingPathComponent("crash-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        p.standardError = try FileHandle(forWritingTo: errors)
        try p.run()
        var buffer = ""
        let wanted = target == 0 ? "game " : "stored \(target)\n"
        while p.isRunning {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // end of file: the game finished first
            buffer += String(decoding: chunk, as: UTF8.self)
            if buffer.contains(wanted) { break }
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        guard !buffer.hasPrefix("game ") else { return nil }
        let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return "seed \(seed): no game made (exit \(p.terminationStatus), \(p.terminationReason == .exit ? "exited" : "signalled")): \(said)\(buffer)"
    }

    @Test func everyKilledGameResumesAndVerifies() async throws {
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        // The moments come from a fixed generator, so a failure can be rerun exactly.
        var state: UInt64 = 0x5EED
        var moments: [Int] = []
        for _ in 0..<100 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            moments.append(Int(state >> 33) % 400)
        }
        moments[0] = 0  // killed before any action was stored
        let planned = moments
        let noGame = try await withThrowingTaskGroup(of: [String].self) { group in
            for lane in 0..<2 {
                group.addTask {
                    var reasons: [String] = []
                    for i in stride(from: lane, to: planned.count, by: 2) {
                        if let why = try Self.killAfter(seed: 1000 + i, target: planned[i], data: data) { reasons.append(why) }
                    }
                    return reasons
                }
            }
            var all: [String] = []
            for try await r in group { all += r }
            return all
        }
        #expect(noGame.isEmpty, "\(noGame)")
        let list = try BrogueProcess.run(["games", "--data", data.path, "--limit", "500"])
        #expect(list.status == 0, "\(list.stderr)")
        let ids = list.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(ids.count == moments.count, "every killed run should have left its game")
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for lane in 0..<2 {
                group.addTask {
                    var bad: [String] = []
                    for id in ids.enumerated().filter({ $0.offset % 2 == lane }).map(\.element) {
                        let r = try BrogueProcess.run(["replay", id, "--verify", "--data", data.path])
                        if r.status != 0 || !r.stdout.contains("matches") { bad.append("game \(id): \(r.stderr)\(r.stdout)") }
                    }
                    return bad
                }
            }
            var all: [String] = []
            for try await b in group { all += b }
            return all
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func anAlteredLogFailsVerification() throws {
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let sim = try BrogueProcess.run(["sim", "--seed", "4", "--turns", "300", "--save", "--data", data.path])
        #expect(sim.status == 0, "\(sim.stderr)")
        let file = data.appendingPathComponent("game.json")
        let export = try BrogueProcess.run(["export", "1", file.path, "--data", data.path])
        #expect(export.status == 0, "\(export.stderr)")
        // Swap one stored action for another legal one: the log still reads, the game differs.
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var actions = try #require(json["actions"] as? [String])
        let i = try #require(actions.indices.dropFirst(5).first { actions[$0] != "z" })
        actions[i] = "z"
        json["actions"] = actions
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        let imported = try BrogueProcess.run(["import", file.path, "--data", data.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let good = try BrogueProcess.run(["replay", "1", "--verify", "--data", data.path])
        #expect(good.status == 0, "\(good.stderr)")
        let bad = try BrogueProcess.run(["replay", "2", "--verify", "--data", data.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("verification failed"), "\(bad.stderr)")
        #expect(bad.stderr.contains("gives stateHash"), "\(bad.stderr)")
    }
}
