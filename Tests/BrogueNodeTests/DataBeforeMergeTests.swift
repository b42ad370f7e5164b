import BrogueClient
import BrogueContent
import BrogueNode
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A data folder written by the node when accounts and game tokens lived in `node.sqlite`
/// (`Tests/BrogueStoreTests/Fixtures/data-before-merge`, see its README): today's node merges
/// it at start, and everything works as before.
@Suite struct DataBeforeMergeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("BrogueStoreTests/Fixtures/data-before-merge")
    static let password = "fixture-pass-1"
    static let sessions = [
        "10b833e6b09754ff0b67791bd3858405bc6df8a8468796e44573fb7287e22ff8",
        "898d0485bb53513dcf2fe5ca9e0d48537b99b2da430477771407d391a71dc972",
    ]
    /// Game id, resume token, stored actions, stateHash (from `brogue games` when it was made).
    static let games: [(id: Int64, token: String, actions: Int, stateHash: String)] = [
        (1, "a192e4329e4eb0d1cc70b74b99df652d", 22, "18a69f2645d2d292"),
        (2, "c129d5cd8e8ec0010e85eab3e29f0a96", 25, "e07540818b836928"),
        (3, "e35265c8a63a4badbdc0245c194d98fb", 14, "8048e4d2f0432c11"),
    ]

    /// A copy of the fixture's data folder and its content, in a fresh temporary folder.
    struct Copy {
        let root: URL
        var data: String { root.appendingPathComponent("data").path }
        var content: String { root.appendingPathComponent("content/core").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-before-merge-\(UUID().uuidString)")
            let files = FileManager.default
            try files.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
            try files.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
            for name in ["brogue.sqlite", "node.sqlite"] {
                try files.copyItem(at: fixture.appendingPathComponent(name), to: root.appendingPathComponent("data/\(name)"))
            }
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            tar.arguments = [
                "tar", "xzf", fixture.appendingPathComponent("content-core.tgz").path, "-C", root.appendingPathComponent("content").path,
            ]
            try tar.run()
            tar.waitUntilExit()
            #expect(tar.terminationStatus == 0, "tar could not extract the fixture's content")
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// The node's settings: quick limits, and a clock before the fixture's sessions expire.
    static var config: NodeConfig {
        var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        config.access.clock = { Date(timeIntervalSince1970: 1_797_000_000) }
        // Off: see makeNode.
        config.access.requestTimeoutSeconds = 0
        return config
    }

    @Test(.timeLimit(.minutes(2))) func theNodeMergesNodeSqliteAndOldLoginsAndTokensWork() async throws {
        let copy = try Copy()
        defer { copy.remove() }
        let content = try ContentLoader().load(plugins: [copy.content])
        let lines = LogLines()
        let node = try Node(config: Self.config, content: content, dataDirectory: copy.data, logger: Logger(label: "test") { _ in lines })
        #expect(lines.messages.filter { $0.contains("node.sqlite") }.count == 1, "\(lines.messages)")
        #expect(!FileManager.default.fileExists(atPath: copy.data + "/node.sqlite"))
        #expect(FileManager.default.fileExists(atPath: copy.data + "/node.sqlite.migrated"))
        #expect(try node.unfinishedGames() == [1, 2, 3])

        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let byPassword = try await helloed(port)
            #expect(try await byPassword.identify(.password(name: "fixture_alice", password: Self.password)).player == "Fixture_Alice")
            #expect(await refusal(byPassword, .password(name: "Fixture_Alice", password: "not-the-password")) == .badCredentials)
            await byPassword.close()
            for (i, session) in Self.sessions.enumerated() {
                let bySession = try await helloed(port)
                let identity = try await bySession.identify(.session(session))
                #expect(identity.player == "Fixture_Alice" && identity.session == session && identity.expires == 1_799_053_043 + i)
                await bySession.close()
            }
            for game in Self.games {
                let player = try await helloed(port)
                _ = try await player.identify(.session(Self.sessions[0]))
                #expect(await resumeRefusal(player, game: game.id, token: Self.games[(Int(game.id) % 3)].token) == .gameNotFound)
                let info = try await player.resume(game: game.id, token: game.token)
                #expect(info.resumed && info.actions == game.actions && info.stateHash == game.stateHash, "game \(game.id)")
                await player.close()
            }
        }

        let again = LogLines()
        let reopened = try Node(config: Self.config, content: content, dataDirectory: copy.data, logger: Logger(label: "test") { _ in again })
        #expect(again.messages.allSatisfy { !$0.contains("node.sqlite") }, "a second start merges nothing: \(again.messages)")
        #expect(try reopened.unfinishedGames() == [1, 2, 3])
    }

    @Test(.timeLimit(.minutes(2))) func everyGameStillReplaysToItsStateHash() throws {
        let copy = try Copy()
        defer { copy.remove() }
        _ = try Node(
            config: Self.config,
            content: try ContentLoader().load(plugins: [copy.content]),
            dataDirectory: copy.data,
            logger: Logger(label: "test")
        )
        for (id, hash) in [(1, "18a69f2645d2d292"), (2, "e07540818b836928"), (3, "8048e4d2f0432c11"), (4, "7116ce4ec7144656")] {
            let process = Process()
            process.executableURL = RemoteGameTests.binary
            process.arguments = ["replay", "\(id)", "--verify", "--data", copy.data, "--content", copy.content]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0 && text.contains("stateHash: \(hash) matches the saved game"), "game \(id): \(text)")
        }
    }

    func resumeRefusal(_ remote: RemoteGame, game: Int64, token: String) async -> ErrorCode? {
        do {
            _ = try await remote.resume(game: game, token: token)
            return nil
        } catch RemoteError.refused(let e) {
            return e.code
        } catch {
            return nil
        }
    }
}

/// Keeps the messages logged through it, for tests that check what the node said.
final class LogLines: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    var messages: [String] { lock.withLock { kept } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lock.withLock { kept.append("\(message) \(metadata ?? [:])") }
    }
}
