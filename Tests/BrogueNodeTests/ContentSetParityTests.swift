import BrogueClient
import BrogueProtocol
import BrogueStore
import Foundation
import Testing

/// The real binary, as a node and as the terminal commands, from the checkout (so the default
/// plugins load, a native one among them): a game started on the node and one started by the
/// terminal record the same content set, and each, exported and imported into the other's data
/// folder, verifies there.
@Suite struct ContentSetParityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `brogue args` from the checkout; returns its exit status and standard output.
    static func brogue(_ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = RemoteGameTests.binary
        p.arguments = args
        p.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["BROGUE_CONFIG"] = nil
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// Exports game `id` from `from` and imports it into `into`; returns the new id there.
    static func move(_ id: Int64, from: URL, into: URL, via file: URL) throws -> Int64 {
        let exported = try brogue(["export", "\(id)", file.path, "--data", from.path])
        #expect(exported.status == 0, "\(exported.out)")
        let imported = try brogue(["import", file.path, "--data", into.path])
        #expect(imported.status == 0, "\(imported.out)")
        // "imported FILE as game N (seed ...)"
        let words = imported.out.split(separator: " ")
        let at = try #require(words.firstIndex(of: "game"), "\(imported.out)")
        return try #require(Int64(words[words.index(after: at)]), "\(imported.out)")
    }

    @Test(.timeLimit(.minutes(10))) func nodeAndTerminalGamesNameTheSameContentAndMoveBetweenThem() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-parity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let nodeData = folder.appendingPathComponent("node-data")
        let terminalData = folder.appendingPathComponent("terminal-data")
        for d in [nodeData, terminalData] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let config = folder.appendingPathComponent("brogue.yaml").path
        try "mode: node\nnode:\n  listen: 127.0.0.1:0\n  data: \(nodeData.path)\n".write(toFile: config, atomically: true, encoding: .utf8)

        // A game on the node.
        let (node, port) = try NodeRestartTests.start(config: config, root: Self.root)
        defer { if node.isRunning { node.terminate() } }
        let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
        try await player.sayHello()
        _ = try await player.identify(.guest("parity"))
        let info = try await player.newGame(seed: 7)
        for action in ["s", "s", "z"] {
            guard case .ack = try await player.perform(action) else {
                Issue.record("no ack for \(action)")
                return
            }
        }
        await player.close()
        NodeRestartTests.stop(node)

        // A game in the terminal's way (sim --save records through the same layer as play).
        let sim = try Self.brogue(["sim", "--seed", "7", "--turns", "40", "--save", "--data", terminalData.path])
        #expect(sim.status == 0, "\(sim.out)")

        let nodeStore = try SQLiteGameStore(path: nodeData.appendingPathComponent("brogue.sqlite").path)
        let terminalStore = try SQLiteGameStore(path: terminalData.appendingPathComponent("brogue.sqlite").path)
        let nodeGame = try #require(try nodeStore.game(id: info.game))
        let terminalGame = try #require(try terminalStore.listGames(limit: 1).first)
        #expect(nodeGame.contentSet == terminalGame.contentSet)
        #expect(nodeGame.contentHash == terminalGame.contentHash)
        let plugins = try Self.brogue(["plugin", "list"]).out
        if plugins.contains("native  loaded") {
            #expect(nodeGame.contentSet.contains { $0.version.contains("+lib.") }, "a native plugin's build is named: \(nodeGame.contentSet)")
        }

        // Each verifies in the other's data folder.
        let intoTerminal = try Self.move(info.game, from: nodeData, into: terminalData, via: folder.appendingPathComponent("node-game.json"))
        let verifyThere = try Self.brogue(["replay", "\(intoTerminal)", "--verify", "--data", terminalData.path])
        #expect(verifyThere.status == 0, "\(verifyThere.out)")
        let intoNode = try Self.move(terminalGame.id, from: terminalData, into: nodeData, via: folder.appendingPathComponent("terminal-game.json"))
        let verifyHere = try Self.brogue(["replay", "\(intoNode)", "--verify", "--data", nodeData.path])
        #expect(verifyHere.status == 0, "\(verifyHere.out)")
    }
}
