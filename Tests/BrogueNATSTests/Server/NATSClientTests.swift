import BrogueNATS
import BrogueTestServers
import NIOCore
import Testing

/// The client against a real nats-server.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct NATSClientTests {
    @Test func aPublishedMessageReachesASubscriber() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let sub = try client.subscribe("greet.*")
        try await client.flush()
        try client.publish("greet.joe", payload: ByteBuffer(string: "hello"))
        let got = try await Waiting.messages(1, from: sub)
        #expect(got.map(\.subject) == ["greet.joe"])
        #expect(got.map(\.string) == ["hello"])
        #expect(client.statistics.messagesOut == 1 && client.statistics.messagesIn == 1 && client.statistics.bytesIn == 5)
        await client.close()
    }

    @Test func headersArriveAsSent() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let sub = try client.subscribe("h")
        try await client.flush()
        var headers = NATSHeaders([("Trace-Id", "t-1")])
        headers.append(name: "Game", value: "42")
        try client.publish("h", payload: ByteBuffer(string: "body"), headers: headers)
        let got = try await Waiting.messages(1, from: sub)
        #expect(got.first?.headers == headers)
        #expect(got.first?.string == "body")
        await client.close()
    }

    @Test func aRequestGetsTheResponderAnswer() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let responder = try await NATSClient.connect(servers: [server.url])
        let requester = try await NATSClient.connect(servers: [server.url])
        let service = try responder.subscribe("double")
        try await responder.flush()
        let answering = Task {
            for await message in service {
                guard let replyTo = message.replyTo, let number = Int(message.string) else { continue }
                try responder.publish(replyTo, payload: ByteBuffer(string: "\(number * 2)"))
            }
        }
        for number in [1, 21, 500] {
            let answer = try await requester.request("double", payload: ByteBuffer(string: "\(number)"), timeout: .seconds(10))
            #expect(answer.string == "\(number * 2)")
        }
        await requester.close()
        await responder.close()
        try await answering.value
    }

    @Test func aRequestNobodyListensToFailsWithNoResponders() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let error = await #expect(throws: NATSError.self) {
            _ = try await client.request("nobody.home", timeout: .seconds(20))
        }
        #expect(error == .noResponders(subject: "nobody.home"))
        await client.close()
    }

    @Test func aQueueGroupGivesEachMessageToOneMember() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let members = try (0..<3).map { _ in try client.subscribe("work", queue: "workers") }
        try await client.flush()
        let total = 300
        for index in 0..<total { try client.publish("work", payload: ByteBuffer(string: "\(index)")) }
        try await client.flush()
        // After the flush's PONG every message has been delivered to a member; drain ends each sequence.
        try await client.drain()
        var perMember: [[String]] = []
        for member in members {
            var got: [String] = []
            for await message in member { got.append(message.string) }
            perMember.append(got)
        }
        let all = perMember.flatMap { $0 }
        #expect(all.count == total, "each message went to exactly one member")
        #expect(Set(all).count == total)
        #expect(perMember.filter { !$0.isEmpty }.count >= 2, "spread across members: \(perMember.map(\.count))")
    }

    @Test func unsubscribeAfterAMaximumStopsThere() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let sub = try client.subscribe("count")
        try sub.unsubscribe(after: 3)
        try await client.flush()
        for index in 0..<10 { try client.publish("count", payload: ByteBuffer(string: "\(index)")) }
        try await client.flush()
        var got: [String] = []
        for await message in sub { got.append(message.string) }
        #expect(got == ["0", "1", "2"], "the sequence ends after the third")
        await client.close()
    }

    @Test func drainDeliversWhatWasBufferedThenEnds() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        let sub = try client.subscribe("d")
        try await client.flush()
        for index in 0..<100 { try client.publish("d", payload: ByteBuffer(string: "\(index)")) }
        try await client.drain()
        var got: [String] = []
        for await message in sub { got.append(message.string) }
        #expect(got == (0..<100).map { "\($0)" })
        #expect(throws: NATSError.clientClosed) { try client.publish("d") }
    }

    @Test func aSlowConsumerDropsPastItsLimitAndCountsThem() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        var options = NATSOptions()
        options.pendingMessagesLimit = 10
        let client = try await NATSClient.connect(servers: [server.url], options: options)
        let sub = try client.subscribe("slow")
        try await client.flush()
        for index in 0..<50 { try client.publish("slow", payload: ByteBuffer(string: "\(index)")) }
        try await client.flush()
        #expect(client.statistics.droppedMessages == 40)
        #expect(sub.droppedMessages == 40)
        await client.close()
        var got: [String] = []
        for await message in sub { got.append(message.string) }
        #expect(got == (0..<10).map { "\($0)" })
    }

    @Test func aPayloadOverTheServersMaximumIsRefused() async throws {
        let server = try await NATSServerProcess.start(config: "max_payload: 1024")
        defer { server.stop() }
        let client = try await NATSClient.connect(servers: [server.url])
        #expect(throws: NATSError.payloadTooLarge(size: 2000, limit: 1024)) {
            try client.publish("big", payload: ByteBuffer(repeating: 0, count: 2000))
        }
        await client.close()
    }
}
