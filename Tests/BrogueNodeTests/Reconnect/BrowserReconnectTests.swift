import BrogueNode
import BrogueProtocol
import BrogueTestServers
import Foundation
import Hummingbird
import Logging
import Testing

/// The browser client across a node restart behind one address (a proxy, as in production; a
/// node restarted on the same port would race parallel tests' child processes for it): it shows
/// it is reconnecting, comes back on its own, resumes the game with the token it kept, and
/// plays on.
@Suite struct BrowserReconnectTests {
    /// Runs `node`'s application until the returned task is cancelled; returns once it listens.
    static func serve(_ node: Node) async throws -> (Task<Void, any Error>, Int) {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = node.makeApplication { port in continuation.yield(port) }
        let task = Task {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        for await port in ports { return (task, port) }
        let ended = await task.result
        throw ChromiumError("the node stopped before it listened: \(ended)")
    }

    /// A node that closes with 1012 (service restart) when it drains, under `instanceID`.
    static func restartingConfig(_ instanceID: String) -> NodeConfig {
        var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000, instanceID: instanceID)
        config.drainCloseCode = CloseCode.serviceRestart
        // Off, as in makeNode: Chromium's spare sockets (through the proxy) may stay silent for long.
        config.access.requestTimeoutSeconds = 0
        return config
    }

    @Test(.timeLimit(.minutes(5))) func aBrowserReconnectsAfterARestartAndResumesItsGame() async throws {
        guard Chromium.available() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-browser-reconnect-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try Node(config: Self.restartingConfig("before"), content: coreContent, dataDirectory: folder, logger: Logger(label: "before"))
        let (first, firstPort) = try await Self.serve(before)
        defer { first.cancel() }
        let proxy = try CuttingProxy(target: firstPort)
        defer { proxy.stop() }
        let port = proxy.port
        let again = Self.restartingConfig("after")
        let chromium = try Chromium()
        defer { chromium.stop() }
        try await DevTools.connect(chromium.browserURL) { dt in
            try await dt.openClient("http://127.0.0.1:\(port)/")
            _ = try await dt.evaluate("document.getElementById('new-game').click(); 'ok'")
            var state = try await dt.waitFor("brogueState.phase === 'playing' && brogueState.frames >= 1")
            let game = try #require(state["game"] as? Int)
            try await dt.press("s")
            state = try await dt.waitFor("brogueState.acks >= 1")
            let turn = state["turn"] as? Int

            // The node drains (restart: 1012) and stops; the page says it is reconnecting.
            await before.drain()
            state = try await dt.waitFor("brogueState.connection === 'reconnecting'")
            // The close that lost the connection: a retry against the draining node (after 0 to
            // 250 ms) may already have failed with 1006 and be the latest close.
            #expect(state["lostCode"] as? Int == Int(CloseCode.serviceRestart))
            first.cancel()
            _ = await first.result

            // Another node over the same data folder, behind the same address: the page comes
            // back to it by itself.
            let after = try Node(config: again, content: coreContent, dataDirectory: folder, logger: Logger(label: "after"))
            let (second, secondPort) = try await Self.serve(after)
            defer { second.cancel() }
            proxy.retarget(secondPort)
            state = try await dt.waitFor(
                "brogueState.connection === 'open' && brogueState.phase === 'playing' && brogueState.game === \(game) && brogueState.attempt === 0"
            )
            #expect(state["reconnects"] as? Int == 1)
            #expect(state["turn"] as? Int == turn, "the resumed game is at another turn")
            let acks = state["acks"] as? Int ?? 0
            try await dt.press("s")
            state = try await dt.waitFor("brogueState.acks >= \(acks + 1)")
            #expect((state["turn"] as? Int ?? 0) > (turn ?? 0))
            second.cancel()
        }
    }

    /// Reconnecting, the page meets an address that takes the connection and never answers (a
    /// proxy whose upstream hangs): it gives that attempt up after the greeting timeout, tries
    /// again, and comes back to the node once the address leads to one.
    @Test(.timeLimit(.minutes(5))) func aReconnectThatIsNeverAnsweredIsGivenUpAndTriedAgain() async throws {
        guard Chromium.available() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-browser-silent-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let node = try Node(config: Self.restartingConfig("before"), content: coreContent, dataDirectory: folder, logger: Logger(label: "before"))
        let (serving, nodePort) = try await Self.serve(node)
        defer { serving.cancel() }
        let proxy = try CuttingProxy(target: nodePort)
        defer { proxy.stop() }
        let silent = try SilentListener()
        let chromium = try Chromium()
        defer { chromium.stop() }
        let again = Self.restartingConfig("after")
        try await DevTools.connect(chromium.browserURL) { dt in
            try await dt.openClient("http://127.0.0.1:\(proxy.port)/")
            _ = try await dt.evaluate("document.getElementById('new-game').click(); 'ok'")
            let state = try await dt.waitFor("brogueState.phase === 'playing' && brogueState.frames >= 1")
            let game = try #require(state["game"] as? Int)

            // Every new connection now hangs; the node drains and stops.
            proxy.retarget(silent.port)
            await node.drain()
            serving.cancel()
            _ = await serving.result
            // Without a greeting timeout the page would wait on its first attempt for ever.
            _ = try await dt.waitFor("brogueState.connection === 'reconnecting' && brogueState.attempt >= 2")

            let after = try Node(config: again, content: coreContent, dataDirectory: folder, logger: Logger(label: "after"))
            let (second, secondPort) = try await Self.serve(after)
            defer { second.cancel() }
            proxy.retarget(secondPort)
            _ = try await dt.waitFor("brogueState.connection === 'open' && brogueState.game === \(game) && brogueState.attempt === 0")
            second.cancel()
            // The silent port must stay open until the page has left it behind.
            withExtendedLifetime(silent) {}
        }
    }
}
