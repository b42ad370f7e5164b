import BrogueClient
import BrogueContent
import BrogueCore
import BrogueFrame
import BrogueNode
import BrogueProtocol
import BrogueStore
import BrogueUI
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import Testing

/// `RemoteGame`, the client side `brogue connect` draws, against live nodes.
@Suite struct RemoteGameTests {
    static let keys = ["l", "j", "s", "i", "escape", "h", "k", "x", "s", "z", "l", "j"]

    @Test func remoteKeysComposeTheFrameTheNodeRendersAndResumeKeepsTheHash() async throws {
        let node = try makeNode()
        let app = node.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let remote = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await remote.start(name: "remote")
            #expect(remote.hello?.version == ProtocolInfo.version)
            #expect(remote.identity?.guest == true)
            let info = try await remote.newGame(seed: 11)
            #expect(remote.framesReceived == 1 && remote.lastUpdate?.isFull == true)

            // The same keys in a local session: its screen is what the frames must compose to.
            let local = PlaySession(game: Game(seed: 11, catalog: coreContent.catalog), recorder: nil)
            #expect(remote.screen == GameView.render(local))
            for key in Self.keys {
                let reply = try await remote.press(key)
                _ = try local.handle(key: key)
                while local.isRunning { try local.step() }
                guard case .ack(let ack) = reply else {
                    Issue.record("key \(key): \(reply)")
                    continue
                }
                #expect(ack.stateHash == local.game.stateHash.hex16, "after \(key)")
                #expect(remote.screen == GameView.render(local), "screen after \(key)")
                #expect(remote.lastUpdate?.isFull == false)
            }
            #expect(remote.framesReceived == 1 + Self.keys.count)
            let played = try #require(remote.info)
            #expect(played.actions > 0 && played.game == info.game)
            await remote.close()
            #expect(remote.ended == .ended(.clientQuit, "goodbye"))

            let again = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)/ws")
            try await again.start()
            do {
                _ = try await again.resume(game: info.game, token: String(info.token.reversed()))
                Issue.record("a wrong token was accepted")
            } catch RemoteError.refused(let e) {
                #expect(e.code == .gameNotFound)
            }
            let resumed = try await again.resume(game: info.game, token: info.token)
            #expect(resumed.resumed && resumed.stateHash == played.stateHash && resumed.actions == played.actions)
            #expect(again.screen?.width == remote.screen?.width)
            guard case .ack = try await again.press("s") else {
                Issue.record("no ack after resume")
                return
            }
            await again.close()
        }
    }

    @Test func clearErrorsForBadAddressesRefusedConnectionsAndTakeover() async throws {
        await #expect(throws: RemoteError.badURL("http://example.com")) { try await RemoteGame.connect(url: "http://example.com") }
        await #expect(throws: RemoteError.badURL("nonsense")) { try await RemoteGame.connect(url: "nonsense") }
        // A port nobody listens on: a socket bound to it but not listening holds it for the
        // length of the check, so no parallel test can take it (a port merely closed again
        // could be reused, and then the connection is reset rather than refused).
        let (fd, closedPort) = try Self.boundButNotListening()
        defer { close(fd) }
        do {
            _ = try await RemoteGame.connect(url: "ws://127.0.0.1:\(closedPort)")
            Issue.record("connected to a closed port")
        } catch RemoteError.unreachable(_, let reason) {
            #expect(reason == "connection refused", "\(reason)")
        }

        let live = try makeNode()
        try await live.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let first = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await first.start()
            let info = try await first.newGame(seed: 2)
            let second = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await second.start()
            _ = try await second.resume(game: info.game, token: info.token)
            // Seen without sending anything (what `brogue connect` checks between keys); the
            // bound is only against a hang.
            let deadline = ContinuousClock.now + .seconds(60)
            while first.endedByNode == nil && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            guard case .ended(.takenOver, _)? = first.endedByNode else {
                Issue.record("no taken_over notice: \(String(describing: first.endedByNode))")
                return
            }
            do {
                _ = try await first.press("s")
                Issue.record("the taken-over connection went on")
            } catch RemoteError.ended(let reason, _) {
                #expect(reason == .takenOver)
            }
            #expect(first.ended.map { "\($0)" } == "this game was resumed from another connection")
            await first.close()
            await second.close()
        }
    }

    @Test func aClientThatNeverReadsIsDroppedWhileAnotherPlaysOn() async throws {
        let node = try makeNode(NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000, outboundQueueLimit: 16))
        let app = node.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let good = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await good.start(name: "good")
            let game = try await good.newGame(seed: 5)
            let other = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await other.start(name: "slow")
            let slowGame = try await other.newGame(seed: 6)
            await other.close()

            let stop = Box(false)
            // Asks for a full frame (~100 KB) again and again and reads nothing.
            let slow = Task {
                var config = WebSocketClientConfiguration()
                config.maxFrameSize = 1 << 21
                _ = try? await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/ws", configuration: config, logger: Logger(label: "slow")) {
                    _,
                    outbound,
                    _ in
                    try await outbound.writeTextMessage(WireCodec.encode(ClientEnvelope(.hello(version: 1, client: "slow"))))
                    try await outbound.writeTextMessage(WireCodec.encode(ClientEnvelope(.guest(name: "slow"))))
                    for _ in 0..<2000 where !stop.get {
                        try await outbound.writeTextMessage(WireCodec.encode(ClientEnvelope(.resume(game: slowGame.game, token: slowGame.token))))
                    }
                    while !stop.get { try await Task.sleep(for: .milliseconds(20)) }
                }
            }
            var dropped = false
            // The good client is answered throughout (how long each answer takes is the
            // machine's business, so it is not timed); the bound is only against a hang.
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                guard case .ack = try await good.press("s") else {
                    Issue.record("the good client was refused")
                    break
                }
                let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
                if metrics.contains("brogue_connections_dropped_total 1") {
                    dropped = true
                    break
                }
            }
            #expect(dropped, "the slow client was not dropped")
            // The good client goes on after the drop.
            for _ in 0..<5 {
                guard case .ack = try await good.press("s") else {
                    Issue.record("no ack")
                    break
                }
            }
            #expect(good.info?.game == game.game)
            stop.set(true)
            await slow.value
            await good.close()
        }
    }

    /// The built `brogue` binary beside this test bundle.
    static let binary: URL = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates =
            [bundleDir.appendingPathComponent("brogue"), bundleDir.deletingLastPathComponent().appendingPathComponent("brogue")]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent().appendingPathComponent("brogue") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    @Test func theNodeBinaryDrainsOnSigtermWithEveryAcknowledgedActionStored() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-node-bin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data) }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["node", "--listen", "127.0.0.1:0", "--data", data.path]
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["LOG_LEVEL"] = "error"
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var printed = ""
        while !printed.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let line = try #require(printed.split(separator: "\n").first { $0.hasPrefix("listening on ") })
        let port = try #require(Int(line.split(separator: ":").last ?? ""))
        #expect(port > 0)

        let remote = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
        try await remote.start()
        let info = try await remote.newGame(seed: 21)
        for key in ["l", "j", "s", "x", "s", "h"] {
            guard case .ack = try await remote.press(key) else {
                Issue.record("no ack for \(key)")
                continue
            }
        }
        let acknowledged = try #require(remote.info?.actions)
        #expect(acknowledged > 0)

        let signalled = ContinuousClock.now
        kill(process.processIdentifier, SIGTERM)
        // Keys sent while it drains are acknowledged (and stored) or answered with bye shutdown.
        var ending: RemoteError?
        for _ in 0..<1000 {
            do { _ = try await remote.press("s") } catch {
                ending = error
                break
            }
        }
        let stored = try #require(remote.info?.actions)
        switch ending {
        case .ended(.shutdown, _)?, .closed?: break
        default: Issue.record("the node ended the connection with \(String(describing: ending))")
        }
        await remote.drop()
        // Its last client is gone, so the drain ends without reaching its bound; the wait is
        // bounded only against a hang (a loaded machine can take seconds to exit).
        while process.isRunning && ContinuousClock.now - signalled < .seconds(60) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning, "the node did not exit within 60 s of SIGTERM, though its last client had left")
        process.waitUntilExit()

        let store = try SQLiteGameStore(path: data.appendingPathComponent("brogue.sqlite").path)
        let actions = try store.actions(gameID: info.game)
        #expect(actions.count == stored)
        #expect(actions.count >= acknowledged)
    }

    /// A TCP socket bound to a free loopback port and not listening: connecting to it is refused.
    static func boundButNotListening() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }
}
