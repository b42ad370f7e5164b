import BrogueNATS
import BrogueTestServers
import NIOCore
import Testing

/// Credentials against a server started with `--user/--pass` or `--auth`.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct NATSAuthTests {
    static func roundTrip(_ client: NATSClient) async throws {
        let sub = try client.subscribe("auth.check")
        try await client.flush()
        try client.publish("auth.check", payload: ByteBuffer(string: "ok"))
        #expect(try await Waiting.messages(1, from: sub).map(\.string) == ["ok"])
    }

    @Test func userAndPasswordFromOptionsConnect() async throws {
        let server = try await NATSServerProcess.start(["--user", "brogue", "--pass", "s3cret"])
        defer { server.stop() }
        var options = NATSOptions()
        options.user = "brogue"
        options.password = "s3cret"
        let client = try await NATSClient.connect(servers: [server.url], options: options)
        try await Self.roundTrip(client)
        await client.close()
    }

    @Test func userAndPasswordFromTheURLConnect() async throws {
        let server = try await NATSServerProcess.start(["--user", "brogue", "--pass", "s3cret"])
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: ["nats://brogue:s3cret@127.0.0.1:\(server.port)"])
        try await Self.roundTrip(client)
        await client.close()
    }

    @Test func aTokenConnects() async throws {
        let server = try await NATSServerProcess.start(["--auth", "t0ken"])
        defer { server.stop() }
        var options = NATSOptions()
        options.token = "t0ken"
        let client = try await NATSClient.connect(servers: [server.url], options: options)
        try await Self.roundTrip(client)
        await client.close()
    }

    @Test func aWrongPasswordIsTheTypedAuthorizationError() async throws {
        let server = try await NATSServerProcess.start(["--user", "brogue", "--pass", "s3cret"])
        defer { server.stop() }
        var options = NATSOptions()
        options.user = "brogue"
        options.password = "wrong"
        let error = await #expect(throws: NATSError.self) {
            _ = try await NATSClient.connect(servers: [server.url], options: options)
        }
        guard case .authorizationViolation(let where_, _) = error else {
            Issue.record("expected an authorization violation, got \(String(describing: error))")
            return
        }
        #expect(where_ == "127.0.0.1:\(server.port)")
        #expect(error?.description.contains("check the user and password") == true)
    }

    @Test func aMissingTokenIsTheTypedAuthorizationError() async throws {
        let server = try await NATSServerProcess.start(["--auth", "t0ken"])
        defer { server.stop() }
        let error = await #expect(throws: NATSError.self) {
            _ = try await NATSClient.connect(servers: [server.url])
        }
        #expect(error.map { if case .authorizationViolation = $0 { true } else { false } } == true, "\(String(describing: error))")
    }
}
