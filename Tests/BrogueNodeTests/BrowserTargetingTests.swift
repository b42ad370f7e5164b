import BrogueContent
import BrogueCore
import BrogueNode
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The targeting cursor in the browser client, in headless Chromium: Tab moves the cursor to the
/// second of two monsters and Enter zaps it; a click on a monster's cell zaps that one. The node's
/// acknowledged state hash is the one the rules give for a bolt at that monster.
@Suite struct BrowserTargetingTests {
    /// The core content, with a crowded first depth and a staff of firebolt in the starting kit (letter `e`).
    static func armedContent() throws -> (LoadedContent, ContentCatalog) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-aim-\(UUID().uuidString)")
        let core = dir.appendingPathComponent("core")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("content/core"), to: core)
        let player = core.appendingPathComponent("player.yaml")
        // After the last starting item: fields may follow the list.
        let kit = try String(contentsOf: player, encoding: .utf8)
            .replacingOccurrences(of: "  - {item: food-ration}\n", with: "  - {item: food-ration}\n  - {item: staff-of-firebolt}\n")
        #expect(kit.contains("staff-of-firebolt"), "player.yaml no longer lists food-ration as a starting item")
        try kit.write(to: player, atomically: true, encoding: .utf8)
        let spawns = core.appendingPathComponent("spawns.yaml")
        let crowded = try String(contentsOf: spawns, encoding: .utf8)
            .replacingOccurrences(of: "{depths: \"1\", monsters: \"2-3\"", with: "{depths: \"1\", monsters: \"40-50\"")
        try crowded.write(to: spawns, atomically: true, encoding: .utf8)
        let loaded = try ContentLoader().load(plugins: [core.path])
        return (loaded, loaded.catalog)
    }

    /// A seed whose first view holds two monsters of different kinds, the bolt reaching the second
    /// (the one Tab moves to) without passing the first; with the monster the cursor starts on and that one.
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

    @Test func tabAimsAtTheSecondMonsterAndAClickAimsWhereItFalls() async throws {
        guard Chromium.available() else { return }
        let (content, catalog) = try Self.armedContent()
        let (seed, start, second) = try #require(Self.seedWithTwoTargets(catalog))
        let staff = Letter("e")!
        var expected = Game(seed: seed, catalog: catalog)
        #expect(catalog.items[expected.inventory[staff]!.kind].id == "staff-of-firebolt")
        let events = expected.apply(.zap(staff, at: second.position))
        #expect(events.contains { if case .attacked(0, second.id, _, true) = $0 { true } else { false } }, "the rules hit the second monster")
        let hash = expected.stateHash.hex16
        let firstName = catalog.monsters[start.kind].name
        let secondName = catalog.monsters[second.kind].name

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-node-\(UUID().uuidString)").path
        let config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        let node = try Node(config: config, content: content, dataDirectory: folder, logger: Logger(label: "test"))
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let chromium = try Chromium()
            defer { chromium.stop() }
            try await DevTools.connect(chromium.browserURL) { dt in
                try await dt.openClient("http://127.0.0.1:\(port)/?seed=\(seed)")

                // Tab to the second monster, Enter: the bolt hits it.
                try await self.startGame(dt)
                try await self.aimStaff(dt, at: firstName)
                try await dt.press("Tab")
                _ = try await dt.waitFor("brogueState.rows.some(r => r.includes('at the \(secondName):'))")
                try await dt.press("Enter")
                var state = try await dt.waitFor("brogueState.turn >= 1 && brogueState.stateHash")
                #expect(state["stateHash"] as? String == hash, "the node zapped the second monster")

                // The same seed again, and a click on the second monster's cell instead of Tab and Enter.
                _ = try await dt.evaluate("document.getElementById('leave').click(); 'ok'")
                _ = try await dt.waitFor("brogueState.phase === 'lobby' && brogueState.identity")
                try await self.startGame(dt)
                try await self.aimStaff(dt, at: firstName)
                let at = try await dt.evaluate(
                    """
                    (() => { const r = document.getElementById('screen').getBoundingClientRect();
                      return JSON.stringify([r.left + (\(second.position.x + 21) + 0.5) * r.width / 100,
                                             r.top + (\(second.position.y + 3) + 0.5) * r.height / 34]); })()
                    """
                )
                let xy = try #require(try JSONSerialization.jsonObject(with: Data(at.utf8)) as? [Double])
                for type in ["mousePressed", "mouseReleased"] {
                    try await dt.call("Input.dispatchMouseEvent", ["type": type, "x": xy[0], "y": xy[1], "button": "left", "clickCount": 1])
                }
                state = try await dt.waitFor("brogueState.turn >= 1 && brogueState.stateHash")
                #expect(state["stateHash"] as? String == hash, "the click zapped the second monster")
                let shot = try await dt.call("Page.captureScreenshot", ["format": "png"])
                if let png = Data(base64Encoded: shot["data"] as? String ?? "") {
                    try png.write(to: URL(fileURLWithPath: (try testArtifactsFolder() as NSString).appendingPathComponent("browser-aim.png")))
                }
            }
        }
    }

    /// Starts a game of the page's seed from the lobby form and waits for its first frame.
    func startGame(_ dt: DevTools) async throws {
        _ = try await dt.evaluate("document.getElementById('new-game').click(); 'ok'")
        _ = try await dt.waitFor("brogueState.phase === 'playing' && brogueState.player && brogueState.frames >= 1 && brogueState.turn === 0")
    }

    /// `v`, then the staff's letter: the cursor starts on the nearest monster, named in the prompt.
    func aimStaff(_ dt: DevTools, at name: String) async throws {
        try await dt.press("v")
        _ = try await dt.waitFor("brogueState.rows.some(r => r.includes('Zap which item?'))")
        try await dt.press("e")
        _ = try await dt.waitFor("brogueState.rows.some(r => r.includes('Zap a staff of firebolt [2/2] at the \(name):'))")
    }
}
