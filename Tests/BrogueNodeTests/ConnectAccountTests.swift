import BrogueClient
import BrogueNode
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `brogue connect --user`: the real binary against a node in this process.
@Suite struct ConnectAccountTests {
    /// Runs `brogue connect` with no terminal: it logs in, starts a game, says it cannot play
    /// without a terminal, and prints the resume command.
    static func connect(_ arguments: [String], password: String?) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = RemoteGameTests.binary
        process.arguments = ["connect"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["BROGUE_PASSWORD"] = password
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.timeLimit(.minutes(10))) func registerKeepsTheSessionAndTheNextConnectUsesIt() async throws {
        let node = try makeNode(accountConfig())
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-connect-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        try await node.makeApplication().test(.live) { client in
            let url = "ws://127.0.0.1:\(try #require(client.port))"
            let first = try Self.connect([url, "--user", "Zed", "--register", "--data", data, "--seed", "3"], password: "zed's password")
            #expect(first.out.contains("resume with: brogue connect"), "\(first)")
            let sessions = SessionFile(folder: data)
            let token = try #require(sessions.token(url: url, user: "zed"))
            #expect(token.count == 64)
            let attributes = try FileManager.default.attributesOfItem(atPath: sessions.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)

            // A wrong password in the environment: logging in works only through the kept session.
            let second = try Self.connect([url, "--user", "zed", "--data", data], password: "not the password")
            #expect(second.out.contains("resume with: brogue connect"), "\(second)")
            #expect(!second.err.contains("bad_credentials"), "\(second.err)")

            // Without the session, the same wrong password is refused.
            try sessions.set(nil, url: url, user: "zed")
            let third = try Self.connect([url, "--user", "zed", "--data", data], password: "not the password")
            #expect(third.status == 1 && third.err.contains("bad_credentials"), "\(third)")
        }
    }
}
