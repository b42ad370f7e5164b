import BrogueClient
import BrogueCore
import BrogueNode
import BrogueProtocol
import Foundation
import Testing

/// The real binary: `mode: node` in brogue.yaml makes a plain `brogue` a node; an account's
/// game survives a restart of the node and resumes with the same hash, and another account
/// spectates it.
@Suite struct NodeRestartTests {
    /// Starts `brogue` (no subcommand) with `config`, returns the process and its port.
    static func start(config: String, root: URL) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = RemoteGameTests.binary
        process.arguments = ["--config", config]
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["LOG_LEVEL"] = "error"
        env["BROGUE_CONFIG"] = nil
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = ""
        while !printed.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        guard let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
            let port = Int(line.split(separator: ":").last ?? "")
        else {
            process.terminate()
            throw ProtocolError(.internalError, "the node printed '\(printed)'")
        }
        return (process, port)
    }

    static func stop(_ process: Process) {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    @Test(.timeLimit(.minutes(10))) func anAccountsGameResumesWithTheSameHashAfterTheNodeRestarts() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-node-restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("brogue.yaml").path
        try """
        mode: node
        node:
          listen: 127.0.0.1:0
          data: data
          guests: false
          bcrypt_cost: 4
          actions_per_second: 10000
          action_burst: 10000
        """.write(toFile: config, atomically: true, encoding: .utf8)

        let (process, port) = try Self.start(config: config, root: root)
        defer { if process.isRunning { process.terminate() } }
        let first = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
        try await first.sayHello()
        #expect(await refusal(first, .guest("x")) == .guestsDisabled, "guests: false in brogue.yaml was ignored")
        let registered = try await first.identify(.register(name: "Restarter", password: "restart password"))
        await first.close()

        let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
        try await player.sayHello()
        _ = try await player.identify(.password(name: "restarter", password: "restart password"))
        let info = try await player.newGame(seed: AccountTests.seedSurviving100Actions)
        for i in 0..<100 {
            let reply = try await player.perform(AccountTests.actions[i % 2])
            guard case .ack = reply else {
                Issue.record("action \(i): \(reply)")
                return
            }
        }
        let played = try #require(player.info)
        #expect(played.actions == 100)
        await player.close()

        Self.stop(process)
        let (again, newPort) = try Self.start(config: config, root: root)
        defer { if again.isRunning { again.terminate() } }
        let back = try await RemoteGame.connect(url: "ws://127.0.0.1:\(newPort)")
        try await back.sayHello()
        // The session from before the restart still logs in.
        #expect(try await back.identify(.session(try #require(registered.session))).player == "Restarter")
        let resumed = try await back.resume(game: info.game, token: info.token)
        #expect(resumed.resumed && resumed.actions == 100 && resumed.stateHash == played.stateHash)

        // Another account spectates the resumed game, joining mid-game.
        let watcher = try await RemoteGame.connect(url: "ws://127.0.0.1:\(newPort)")
        try await watcher.sayHello()
        _ = try await watcher.identify(.register(name: "Watcher", password: "watching password"))
        let live = try await watcher.listGames()
        #expect(live.map(\.game) == [info.game] && live.first?.player == "Restarter", "\(live)")
        let watching = try await watcher.spectate(game: info.game)
        #expect(watching.stateHash == resumed.stateHash && watching.turn == resumed.turn)
        #expect(watcher.screen == back.screen, "the spectator starts on the player's screen")

        // And the game goes on from there; the spectator sees the same screen after it.
        guard case .ack(let ack) = try await back.perform("s") else {
            Issue.record("no ack after the restart")
            return
        }
        #expect(ack.actions == 101)
        guard case .frame = try await watcher.nextWatched() else {
            Issue.record("the spectator got no frame for the player's action")
            return
        }
        #expect(watcher.screen == back.screen)
        await back.close()
        #expect(try await watcher.nextWatched() == .ended(.playerLeft))
        await watcher.close()
        Self.stop(again)
    }
}
