import Foundation
import Testing

/// `brogue replay --verify --all`: every stored game checked in one run, and a game whose log does
/// not lead to its stored hash named and failed.
@Suite struct ReplayVerifyAllTests {
    @Test func everyStoredGameIsReplayedAndABadOneFailsTheRun() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        for seed in ["11", "12"] {
            let sim = try BrogueProcess.run(["sim", "--seed", seed, "--turns", "60", "--save", "--data", dir.path])
            #expect(sim.status == 0, "\(sim.stderr)")
        }
        let good = try BrogueProcess.run(["replay", "--verify", "--all", "--data", dir.path])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("game 1: ") && good.stdout.contains("game 2: "), "\(good.stdout)")
        #expect(good.stdout.contains("verified 2 of 2 games"), "\(good.stdout)")
        #expect(good.stdout.hasSuffix(", 0 failed\n"), "\(good.stdout)")

        // A copy of game 1 whose stored hash is not the one its log leads to.
        let file = dir.appendingPathComponent("one.json")
        #expect(try BrogueProcess.run(["export", "1", file.path, "--data", dir.path]).status == 0)
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        document["stateHash"] = "0123456789abcdef"
        try JSONSerialization.data(withJSONObject: document).write(to: file)
        let imported = try BrogueProcess.run(["import", file.path, "--data", dir.path])
        #expect(imported.status == 0 && imported.stdout.contains("as game 3"), "\(imported.stdout) \(imported.stderr)")

        let bad = try BrogueProcess.run(["replay", "--verify", "--all", "--data", dir.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("verified 2 of 3 games") && bad.stdout.hasSuffix(", 1 failed\n"), "\(bad.stdout)")
        #expect(bad.stderr.contains("game 3: verification failed"), "\(bad.stderr)")
    }

    @Test func allGoesOnlyWithVerifyAndNotWithAnID() throws {
        let alone = try BrogueProcess.run(["replay", "--all"])
        #expect(alone.status != 0 && alone.stderr.contains("--all only goes with --verify"), "\(alone.stderr)")
        let both = try BrogueProcess.run(["replay", "3", "--verify", "--all"])
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")
        let neither = try BrogueProcess.run(["replay", "--verify"])
        #expect(neither.status != 0 && neither.stderr.contains("--verify --all"), "\(neither.stderr)")
    }
}
