import BrogueNATS
import Testing

/// What the client does when the server stops answering or sends what is not the protocol: it
/// closes the connection with a typed reason (here with reconnecting off, so the reason is final).
@Suite struct NATSMisbehavingServerTests {
    /// A client of `server` that has just told it to misbehave.
    /// - Parameter pingInterval: short only where the test is about PINGs. A PONG from a loaded machine
    ///   may take a while; the interval is long enough that only a server that stopped answering trips it.
    static func client(for server: FakeNATSServer, pingInterval: Duration = .seconds(30)) async throws -> NATSClient {
        var options = NATSOptions()
        options.reconnect = false
        options.pingInterval = pingInterval
        options.maxPingsOut = 2
        let client = try await NATSClient.connect(servers: [server.url], options: options)
        try client.publish("misbehave")
        return client
    }

    /// Bytes a server might send, named so a failing case prints its name, not 70,000 bytes.
    enum Garbage: String, CaseIterable, Sendable {
        case unknownOperation
        case messageOverMaxPayload
        case payloadWithoutCRLF
        case endlessLine
        case headerBlockWithoutVersion

        var bytes: String {
            switch self {
            case .unknownOperation: "HELLO WORLD\r\n"
            case .messageOverMaxPayload: "MSG a 1 999999999\r\n"
            case .payloadWithoutCRLF: "MSG a 1 3\r\nabcXY"
            case .endlessLine: String(repeating: "X", count: 70_000)
            case .headerBlockWithoutVersion: "HMSG a 1 9 9\r\nNOT/1.0\r\n\r\n"
            }
        }
    }

    @Test func unansweredPingsMarkTheConnectionDead() async throws {
        let server = try await FakeNATSServer(.silent)
        let client = try await Self.client(for: server, pingInterval: .seconds(1))
        let closed = try await Waiting.event(on: client, "the client to close") { if case .closed = $0 { true } else { false } }
        #expect(closed == .closed(.staleConnection(missedPongs: 2)))
        await server.stop()
    }

    @Test(arguments: Garbage.allCases)
    func garbageAfterTheHandshakeClosesTheConnectionWithAProtocolViolation(garbage: Garbage) async throws {
        let server = try await FakeNATSServer(.sends(garbage.bytes))
        let client = try await Self.client(for: server)
        let closed = try await Waiting.event(on: client, "the client to close") { if case .closed = $0 { true } else { false } }
        guard case .closed(.protocolViolation?) = closed else {
            Issue.record("expected a protocol violation, got \(closed)")
            return
        }
        #expect(throws: NATSError.clientClosed) { try client.publish("x") }
        await server.stop()
    }
}
