import BrogueContent
import BrogueCore
import Foundation
import Testing

/// The real binary in a real (tmux) terminal: play, save, continue.
@Suite struct TerminalPlayTests {
    static let mapX = 21
    static let mapY = 3

    /// Where the map shows the player, if anywhere.
    static func player(on screen: [String]) -> Point? {
        for (row, line) in screen.enumerated() where row >= mapY && row < mapY + Dungeon.height {
            let chars = Array(line)
            for (col, ch) in chars.enumerated() where col >= mapX && ch == "@" { return Point(col - mapX, row - mapY) }
        }
        return nil
    }

    static func gamesRow(data: URL) throws -> [String] {
        let out = try BrogueProcess.run(["games", "--data", data.path])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 1, "\(out.stdout)")
        return rows.first.map { $0.split(separator: " ").map(String.init) } ?? []
    }

    @Test func playSaveAndContinueShowTheSameGame() throws {
        guard Tmux.available() else { return }
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let catalog = try ContentLoader().load(plugins: [BrogueProcess.repoRoot.appendingPathComponent("content/core").path]).catalog
        let seed: UInt64 = 7
        var expected = Game(seed: seed, catalog: catalog)
        let step = try #require(
            Direction.allCases.first {
                expected.level.canStep(from: expected.player.position, $0) && expected.monsterIndex(at: expected.player.position + $0.offset) == nil
            }
        )
        let keys = ["k", "l", "j", "h", "u", "n", "b", "y"]
        let start = expected.player.position
        _ = expected.apply(.move(step))

        let tmux = Tmux()
        let binary = BrogueProcess.binary.path
        let content = BrogueProcess.repoRoot.appendingPathComponent("content/core").path
        try tmux.start("\(binary) play --seed \(seed) --data \(data.path) --content \(content)")
        let first = try tmux.waitFor("the game screen") { $0.contains { $0.contains("Depth 1") } }
        #expect(Self.player(on: first) == start, "the player should start on the stairs at \(start)")

        try tmux.keys(keys[step.rawValue])
        let moved = try tmux.waitFor("the player to move") { $0.contains { $0.contains("Turn 1") } }
        #expect(Self.player(on: moved) == expected.player.position)

        try tmux.keys("S")
        try tmux.waitForExit()
        let saved = try Self.gamesRow(data: data)
        // id seed depth turns actions state started updated stateHash
        #expect(saved.count == 9)
        #expect(saved.last == expected.stateHash.hex16, "the stored game should be the one the rules compute")
        #expect(saved[4] == "1")

        try tmux.start("\(binary) --data \(data.path) --content \(content)", session: "again")
        try tmux.waitFor("the title screen", session: "again") { $0.contains { $0.contains("Continue (1 saved)") } }
        try tmux.keys("c", session: "again")
        try tmux.waitFor("the list of saved games", session: "again") { $0.contains { $0.contains("Continue which game?") } }
        try tmux.keys("Enter", session: "again")
        let resumed = try tmux.waitFor("the continued game", session: "again") { $0.contains { $0.contains("Welcome back") } }
        #expect(Self.player(on: resumed) == expected.player.position)
        #expect(resumed.contains { $0.contains("Turn 1") })
        try tmux.keys("S", session: "again")
        try tmux.waitFor("the title screen after saving", session: "again") { $0.contains { $0.contains("Continue (1 saved)") } }
        try tmux.keys("q", session: "again")
        try tmux.waitForExit(session: "again")
        let again = try Self.gamesRow(data: data)
        #expect(again.last == expected.stateHash.hex16)
        #expect(again[4] == "1", "continuing and saving adds no action")
    }
}

/// `brogue play --dev` in a real terminal: edited YAML is reloaded for the next game.
@Suite struct DevReloadTests {
    @Test func editedContentIsReloadedWithWhatChangedAndErrorsKeepThePreviousContent() throws {
        guard Tmux.available() else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let core = dir.appendingPathComponent("core")
        try FileManager.default.copyItem(at: BrogueProcess.repoRoot.appendingPathComponent("content/core"), to: core)
        let goblin = core.appendingPathComponent("monsters/goblin.yaml")
        let original = try String(contentsOf: goblin, encoding: .utf8)

        let tmux = Tmux()
        try tmux.start("\(BrogueProcess.binary.path) play --dev --data \(dir.path)/data --content \(core.path)")
        try tmux.waitFor("the title screen") { $0.contains { $0.contains("New game") } }

        try original.replacingOccurrences(of: "hp: 15", with: "hp: 150").write(to: goblin, atomically: true, encoding: .utf8)
        try tmux.keys("h")
        try tmux.waitFor("the high scores") { $0.contains { $0.contains("High scores") } }
        try tmux.keys("Escape")
        let reloaded = try tmux.waitFor("the reload notice") { $0.contains { $0.contains("Content reloaded") } }
        #expect(reloaded.contains { $0.contains("monster 'goblin': hp 15 -> 150") }, "\(reloaded.joined(separator: "\n"))")
        #expect(reloaded.contains { $0.contains("changed") && $0.contains("goblin.yaml") })

        try tmux.keys("Enter")
        try tmux.waitFor("the title screen again") { $0.contains { $0.contains("New game") } }
        try original.replacingOccurrences(of: "hp: 15", with: "hp: lots").write(to: goblin, atomically: true, encoding: .utf8)
        try tmux.keys("h")
        try tmux.waitFor("the high scores again") { $0.contains { $0.contains("High scores") } }
        try tmux.keys("Escape")
        let broken = try tmux.waitFor("the error notice") { $0.contains { $0.contains("Content not reloaded") } }
        // The diagnostic is wrapped to the screen: its place on one line, its words after.
        #expect(broken.contains { $0.contains("goblin.yaml:5:5: error:") }, "\(broken.joined(separator: "\n"))")
        #expect(broken.joined(separator: " ").contains("expected an integer for 'hp'"))
        try tmux.keys("Enter")
        try tmux.waitFor("the title screen once more") { $0.contains { $0.contains("New game") } }
        try tmux.keys("q")
        try tmux.waitForExit()
    }
}
