import BrogueContent
import BrogueCore
import Foundation
import Testing

/// The targeting cursor in the real binary, in tmux: aim at the second of two monsters with Tab
/// and confirm; the bolt hits that one, and the stored game is the one the rules compute.
@Suite struct TargetingTerminalTests {
    /// A seed whose first view holds two monsters of different kinds, the bolt reaching the one
    /// Tab moves to without passing the other; with the monster the cursor starts on and that one.
    static func seedWithTwoTargets(_ catalog: ContentCatalog) -> (UInt64, Creature, Creature)? {
        for seed in UInt64(1)...500 {
            let game = Game(seed: seed, catalog: catalog)
            let targets = game.visibleMonsters.filter { game.visible[$0.position] }
            guard targets.count >= 2, let start = targets.first(where: { $0.isHostile }) ?? targets.first else { continue }
            let next = targets[(targets.firstIndex(of: start)! + 1) % targets.count]
            guard catalog.monsters[next.kind].name != catalog.monsters[start.kind].name,
                game.boltPath(toward: next.position).last == next.position
            else { continue }
            return (seed, start, next)
        }
        return nil
    }

    @Test func tabAimsAtTheSecondMonsterAndTheBoltHitsIt() throws {
        guard Tmux.available() else { return }
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let core = dir.appendingPathComponent("core")
        try FileManager.default.copyItem(at: BrogueProcess.repoRoot.appendingPathComponent("content/core"), to: core)
        let player = core.appendingPathComponent("player.yaml")
        // After the last starting item: fields may follow the list.
        let kit = try String(contentsOf: player, encoding: .utf8)
            .replacingOccurrences(of: "  - {item: food-ration}\n", with: "  - {item: food-ration}\n  - {item: staff-of-firebolt}\n")
        try kit.write(to: player, atomically: true, encoding: .utf8)
        // A crowded first depth, so that some seed starts with two monsters in view.
        let spawns = core.appendingPathComponent("spawns.yaml")
        let crowded = try String(contentsOf: spawns, encoding: .utf8)
            .replacingOccurrences(of: "{depths: \"1\", monsters: \"2-3\"", with: "{depths: \"1\", monsters: \"40-50\"")
        try crowded.write(to: spawns, atomically: true, encoding: .utf8)
        let catalog = try ContentLoader().load(plugins: [core.path]).catalog
        let (seed, start, second) = try #require(Self.seedWithTwoTargets(catalog))
        let staff = Letter("e")!
        var expected = Game(seed: seed, catalog: catalog)
        #expect(catalog.items[expected.inventory[staff]!.kind].id == "staff-of-firebolt")
        let events = expected.apply(.zap(staff, at: second.position))
        #expect(events.contains { if case .attacked(0, second.id, _, true) = $0 { true } else { false } }, "the rules hit the second monster")
        let firstName = catalog.monsters[start.kind].name
        let secondName = catalog.monsters[second.kind].name

        let tmux = Tmux()
        try tmux.start("\(BrogueProcess.binary.path) play --seed \(seed) --data \(dir.path)/data --content \(core.path)")
        try tmux.waitFor("the game screen") { $0.contains { $0.contains("Depth 1") } }
        try tmux.keys("v")
        try tmux.waitFor("the item prompt") { $0.contains { $0.contains("Zap which item?") } }
        try tmux.keys("e")
        try tmux.waitFor("the cursor on the nearest monster") { $0.contains { $0.contains("Zap a staff of firebolt [2/2] at the \(firstName):") } }
        try tmux.keys("Tab")
        try tmux.waitFor("the cursor on the second monster") { $0.contains { $0.contains("at the \(secondName):") } }
        try tmux.keys("Enter")
        let after = try tmux.waitFor("the zap") { $0.contains { $0.contains("Turn 1") } }
        #expect(after.contains { $0.contains("\(secondName)") }, "\(after.joined(separator: "\n"))")
        try tmux.keys("S")
        try tmux.waitForExit()
        let row = try TerminalPlayTests.gamesRow(data: dir.appendingPathComponent("data"))
        #expect(row.last == expected.stateHash.hex16, "the stored game is the one where the second monster was hit")
        #expect(row.count == 9 && row[4] == "1")
    }
}
