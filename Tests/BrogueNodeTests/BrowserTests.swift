import BrogueClient
import BrogueFrame
import BrogueNode
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The browser client at `/`: served with a strict policy, and played in headless Chromium.
@Suite struct BrowserTests {
    @Test func theClientIsServedWithItsTypesAndAStrictPolicy() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.router) { client in
            for (path, type) in [("/", "text/html"), ("/app.js", "text/javascript"), ("/app.css", "text/css")] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(path)")
                    let csp = try #require(response.headers[.contentSecurityPolicy])
                    #expect(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'") && csp.contains("script-src 'self'"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    let body = String(buffer: response.body)
                    // No external URL: nothing is loaded from anywhere but this node.
                    #expect(!body.contains("http://") && !body.contains("https://"), "\(path) names an external URL")
                }
            }
        }
    }

    @Test func aBrowserPlaysAGuestGameAndWatchesAnother() async throws {
        guard Chromium.available() else { return }
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let chromium = try Chromium()
            defer { chromium.stop() }
            try await DevTools.connect(chromium.browserURL) { dt in
                try await dt.openClient("http://127.0.0.1:\(port)/")

                // A guest game, started from the form.
                _ = try await dt.evaluate("document.getElementById('name').value = 'webtest'; document.getElementById('new-game').click(); 'ok'")
                var state = try await dt.waitFor("brogueState.phase === 'playing' && brogueState.player && brogueState.frames >= 1")
                let game = try #require(state["game"] as? Int)
                let start = try #require(state["player"] as? [String: Int])
                #expect(try await dt.evaluate("localStorage.getItem('brogue.resume')").contains("\"game\":\(game)"))

                // Keys as a player types them: arrows and vi keys, until one moves the player.
                var moved = false
                var acks = 0
                for key in ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "l", "j", "h", "k", "y", "u", "b", "n"] {
                    try await dt.press(key)
                    acks += 1
                    state = try await dt.waitFor("brogueState.acks >= \(acks) && brogueState.frames >= \(acks + 1)")
                    if let now = state["player"] as? [String: Int], now != start {
                        moved = true
                        break
                    }
                }
                #expect(moved, "no key moved the player from \(start)")
                #expect((state["turn"] as? Int ?? 0) > 0)

                let shot = try await dt.call("Page.captureScreenshot", ["format": "png"])
                let png = try #require(Data(base64Encoded: shot["data"] as? String ?? ""))
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                let file = (try testArtifactsFolder() as NSString).appendingPathComponent("browser-game.png")
                try png.write(to: URL(fileURLWithPath: file))
                print("browser screenshot: \(file)")

                // Leave, then resume from the token the page kept: the same game at the same turn.
                let turnBefore = state["turn"] as? Int
                _ = try await dt.evaluate("document.getElementById('leave').click(); 'ok'")
                _ = try await dt.waitFor("brogueState.phase === 'lobby' && brogueState.identity && !document.getElementById('resume').hidden")
                _ = try await dt.evaluate("document.getElementById('resume').click(); 'ok'")
                state = try await dt.waitFor(
                    "brogueState.phase === 'playing' && brogueState.game === \(game) && brogueState.frames >= 1 && brogueState.player"
                )
                #expect(state["turn"] as? Int == turnBefore)

                // Watching: another player's game, listed in the lobby, followed frame by frame.
                let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
                try await player.start(name: "watched")
                let other = try await player.newGame(seed: 11)
                _ = try await dt.evaluate("document.getElementById('leave').click(); 'ok'")
                _ = try await dt.waitFor("brogueState.phase === 'lobby' && document.querySelector('button.watch[data-game=\"\(other.game)\"]')")
                _ = try await dt.evaluate("document.querySelector('button.watch[data-game=\"\(other.game)\"]').click(); 'ok'")
                state = try await dt.waitFor("brogueState.phase === 'watching' && brogueState.watching === \(other.game) && brogueState.frames >= 1")
                var frames = state["frames"] as? Int ?? 0
                for key in ["x", "l", "j"] {
                    _ = try await player.press(key)
                    frames += 1
                    state = try await dt.waitFor("brogueState.frames >= \(frames)")
                    #expect(state["player"] as? [String: Int] == Self.playerPosition(player.screen), "watched position after \(key)")
                    #expect(state["turn"] as? Int == player.info?.turn)
                }
                // Keys in the browser do not play the watched game.
                let turn = player.info?.turn
                try await dt.press("l")
                #expect(try await player.listGames().first { $0.game == other.game }?.turn == turn)
                await player.close()
                state = try await dt.waitFor("brogueState.phase === 'lobby' && brogueState.ended === 'player_left'")
                let watched = try await dt.call("Page.captureScreenshot", ["format": "png"])
                if let data = Data(base64Encoded: watched["data"] as? String ?? "") {
                    try data.write(to: URL(fileURLWithPath: (try testArtifactsFolder() as NSString).appendingPathComponent("browser-lobby.png")))
                }
            }
        }
    }

    /// Where the '@' is on the map of a composed screen (map coordinates).
    static func playerPosition(_ screen: Frame?) -> [String: Int]? {
        guard let screen else { return nil }
        for y in 3..<min(screen.height, 32) {
            for x in 21..<screen.width where screen[x: x, y: y].glyph == "@" { return ["x": x - 21, "y": y - 3] }
        }
        return nil
    }
}
