import BrogueNATS
import BrogueTestServers
import NIOCore
import Testing

/// Losing the server: publishes buffered within a bound, subscriptions sent again, the stream going on.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct NATSReconnectTests {
    @Test func publishesWhileDisconnectedAreBufferedUpToTheBoundAndSentAfterResubscribing() async throws {
        let first = try await NATSServerProcess.start()
        var options = NATSOptions()
        options.reconnectBufferSize = 1024
        options.maxReconnectAttempts = nil
        options.maxReconnectWait = .milliseconds(200)
        let client = try await NATSClient.connect(servers: [first.url], options: options)
        let sub = try client.subscribe("buffered")
        let member = try client.subscribe("buffered", queue: "workers")
        try await client.flush()

        first.kill()
        _ = try await Waiting.event(on: client, "the disconnect") { if case .disconnected = $0 { true } else { false } }
        try client.publish("buffered", payload: ByteBuffer(string: "kept"))
        #expect(throws: NATSError.reconnectBufferFull(limit: 1024)) {
            try client.publish("buffered", payload: ByteBuffer(repeating: 0, count: 2000))
        }

        // A new server where the old one was: the client finds it, subscribes again and sends what it kept.
        let second = try await NATSServerProcess.start(port: first.port)
        defer { second.stop() }
        _ = try await Waiting.event(on: client, "the reconnect") { if case .reconnected = $0 { true } else { false } }
        #expect(try await Waiting.messages(1, from: sub).map(\.string) == ["kept"])
        #expect(try await Waiting.messages(1, from: member).map(\.string) == ["kept"], "the queue group subscription came back too")
        #expect(client.statistics.reconnects == 1)
        await client.close()
    }

    @Test func aWrongPasswordStopsReconnectingWithTheAuthorizationError() async throws {
        let open = try await NATSServerProcess.start()
        var options = NATSOptions()
        options.user = "brogue"
        options.password = "wrong"
        options.maxReconnectAttempts = nil
        let client = try await NATSClient.connect(servers: [open.url], options: options)
        open.kill()
        // The server comes back requiring a password the client does not have.
        let guarded = try await NATSServerProcess.start(["--user", "brogue", "--pass", "s3cret"], port: open.port)
        defer { guarded.stop() }
        let closed = try await Waiting.event(on: client, "the client to give up") { if case .closed = $0 { true } else { false } }
        guard case .closed(let error?) = closed, case .authorizationViolation = error else {
            Issue.record("expected closed with an authorization violation, got \(closed)")
            return
        }
        #expect(throws: NATSError.clientClosed) { try client.publish("x") }
    }
}
