import Foundation
import Testing

/// Variants (Plugins/Variants/*, variants/ in the data folder): offered when a new game starts,
/// and remembered by each game, so continuing and replaying load the same one.
@Suite struct VariantChoiceTests {
    static let core = BrogueProcess.repoRoot.appendingPathComponent("content/core").path
    static let rapid = BrogueProcess.repoRoot.appendingPathComponent("Plugins/Variants/RapidBrogue").path

    @Test func aNewGameAsksWhichGameAndContinuingKeepsTheVariantChosen() throws {
        guard Tmux.available() else { return }
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        let brogue = "\(BrogueProcess.binary.path) --data \(data.path) --content \(Self.core)"
        try tmux.start(brogue)
        try tmux.waitFor("the title screen") { $0.contains { $0.contains("New games offer Rapid Brogue too.") } }
        try tmux.keys("n")
        let choice = try tmux.waitFor("the choice of game") { $0.contains { $0.contains("Which game?") } }
        #expect(choice.contains { $0.contains("> Brogue") })
        #expect(choice.contains { $0.contains("Rapid Brogue") })
        #expect(choice.contains { $0.contains("The whole game: 40 depths, the Amulet of Yendor on depth 26.") })
        try tmux.keys("j")
        try tmux.waitFor("the variant's description") { $0.contains { $0.contains("A short game of 10 depths") } }
        try tmux.keys("Enter")
        try tmux.waitFor("a game of Rapid Brogue") { $0.joined(separator: " ").contains("Find the Amulet of Yendor on depth 7") }
        try tmux.keys("S")
        try tmux.waitFor("the title screen after saving") { $0.contains { $0.contains("Continue (1 saved)") } }
        try tmux.keys("q")
        try tmux.waitForExit()

        try tmux.start(brogue, session: "again")
        try tmux.waitFor("the title screen again", session: "again") { $0.contains { $0.contains("Continue (1 saved)") } }
        try tmux.keys("c", session: "again")
        try tmux.waitFor("the saved game, named by its variant", session: "again") { $0.contains { $0.contains("#1  Rapid Brogue  seed") } }
        try tmux.keys("Enter", session: "again")
        try tmux.waitFor("the continued game", session: "again") { $0.contains { $0.contains("Welcome back") } }
        try tmux.keys("S", session: "again")
        try tmux.waitFor("the title screen once more", session: "again") { $0.contains { $0.contains("Continue (1 saved)") } }
        try tmux.keys("q", session: "again")
        try tmux.waitForExit(session: "again")

        let verify = try BrogueProcess.run(["replay", "1", "--verify", "--data", data.path, "--content", Self.core])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("matches the saved game"))
    }

    @Test func aVariantGameReplaysWithItsVariantWithoutNamingIt() throws {
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let saved = try BrogueProcess.run(
            ["sim", "--save", "--seed", "3", "--turns", "150", "--data", data.path, "--content", Self.core, "--plugin", Self.rapid]
        )
        #expect(saved.status == 0, "\(saved.stderr)")
        let hash = try #require(SimCommandTests.hash(in: saved.stdout))
        let verify = try BrogueProcess.run(["replay", "1", "--verify", "--data", data.path, "--content", Self.core])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("stateHash: \(hash) matches the saved game"))
        let all = try BrogueProcess.run(["replay", "--verify", "--all", "--data", data.path, "--content", Self.core])
        #expect(all.status == 0, "\(all.stderr)")
    }

    @Test func aGameWhoseVariantIsGoneIsRefusedWithWhereVariantsAreLookedFor() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        let variant = data.appendingPathComponent("variants/Tiny")
        try FileManager.default.createDirectory(at: variant.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.rapid, toPath: variant.path)
        let manifest = variant.appendingPathComponent("plugin.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "id: rapid-brogue", with: "id: tiny-brogue").write(to: manifest, atomically: true, encoding: .utf8)

        let saved = try BrogueProcess.run(
            ["sim", "--save", "--seed", "5", "--turns", "100", "--data", data.path, "--content", Self.core, "--plugin", variant.path]
        )
        #expect(saved.status == 0, "\(saved.stderr)")
        let found = try BrogueProcess.run(["replay", "1", "--verify", "--data", data.path, "--content", Self.core])
        #expect(found.status == 0, "a variant in the data folder's variants/ is found: \(found.stderr)")

        try FileManager.default.removeItem(at: variant)
        let gone = try BrogueProcess.run(["replay", "1", "--verify", "--data", data.path, "--content", Self.core])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("plugin 'tiny-brogue' 1.0.0 is not loaded now"), "\(gone.stderr)")
        #expect(gone.stderr.contains("Replaying it would not give the same game, so it was left as it is."))
        #expect(gone.stderr.contains("A variant is looked for in "))
        #expect(gone.stderr.contains(data.appendingPathComponent("variants").path + ": put it back there."))
    }

    @Test func playHelpSaysHowAVariantIsChosen() throws {
        let out = try BrogueProcess.run(["play", "--help"])
        #expect(out.status == 0)
        let help = out.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("a new game asks which game to play: Brogue or a variant"), "\(out.stdout)")
        #expect(help.contains("--variant <id>"))
    }

    @Test func anUnknownVariantIsRefusedWithTheVariantsFound() throws {
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let out = try BrogueProcess.run(["play", "--variant", "rapid", "--seed", "1", "--data", data.path, "--content", Self.core])
        #expect(out.status != 0)
        #expect(out.stderr.contains("no variant 'rapid'"), "\(out.stderr)")
        #expect(out.stderr.contains("the variants found are rapid-brogue (Rapid Brogue)"))
    }
}
