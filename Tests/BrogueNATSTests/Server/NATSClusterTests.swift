import BrogueNATS
import BrogueTestServers
import NIOConcurrencyHelpers
import NIOCore
import Testing

/// A 3-node cluster with routes: delivery across nodes, and a node killed under a live stream.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct NATSClusterTests {
    /// Answers every request on `subject` with "pong", until the client closes.
    static func respond(on subject: String, with client: NATSClient) throws -> Task<Void, Never> {
        let sub = try client.subscribe(subject)
        return Task {
            for await message in sub {
                if let replyTo = message.replyTo { try? client.publish(replyTo, payload: ByteBuffer(string: "pong")) }
            }
        }
    }

    /// Waits until `client` can reach a responder on `subject` through the cluster: interest crosses
    /// routes asynchronously, and no-responders answers at once while it has not arrived. Bounded in tries.
    static func waitForRoute(from client: NATSClient, to subject: String) async throws {
        for _ in 0..<2000 {
            do {
                _ = try await client.request(subject, timeout: .seconds(2))
                return
            } catch NATSError.noResponders, NATSError.timeout {
                continue
            }
        }
        throw TestFailure("no route to a responder on '\(subject)' after 2000 requests")
    }

    @Test func aSubscriberOnOneNodeGetsAPublishOnAnother() async throws {
        let nodes = try await NATSServerProcess.startCluster()
        defer { for node in nodes { node.stop() } }
        let subscriber = try await NATSClient.connect(servers: [nodes[0].url])
        let publisher = try await NATSClient.connect(servers: [nodes[2].url])
        // Subscribed before the probe's responder, so its interest crosses the route first.
        let sub = try subscriber.subscribe("cluster.data")
        let responder = try Self.respond(on: "cluster.probe", with: subscriber)
        try await Self.waitForRoute(from: publisher, to: "cluster.probe")

        try publisher.publish("cluster.data", payload: ByteBuffer(string: "from C"))
        #expect(try await Waiting.messages(1, from: sub).map(\.string) == ["from C"])
        #expect(subscriber.connectedServer == "127.0.0.1:\(nodes[0].port)")
        #expect(subscriber.knownServers.count == 3, "the other nodes learnt from INFO: \(subscriber.knownServers)")
        await publisher.close()
        await subscriber.close()
        await responder.value
    }

    @Test func killingTheNodeAClientIsOnMidStreamReconnectsItAndTheStreamContinues() async throws {
        let nodes = try await NATSServerProcess.startCluster()
        defer { for node in nodes { node.stop() } }
        var options = NATSOptions()
        options.maxReconnectAttempts = nil
        options.maxReconnectWait = .milliseconds(500)
        options.randomizeServers = false  // on node 0, the one killed
        let subscriber = try await NATSClient.connect(servers: nodes.map(\.url), options: options)
        let publisher = try await NATSClient.connect(servers: [nodes[2].url])
        #expect(subscriber.connectedServer == "127.0.0.1:\(nodes[0].port)")
        let stream = try subscriber.subscribe("stream.numbers")
        let responder = try Self.respond(on: "stream.probe", with: subscriber)
        try await Self.waitForRoute(from: publisher, to: "stream.probe")

        // The publisher sends numbered messages until told to stop (bounded as a guard).
        let stop = NIOLockedValueBox(false)
        let sending = Task {
            var number = 0
            while !stop.withLockedValue({ $0 }) && number < 5_000_000 {
                number += 1
                try publisher.publish("stream.numbers", payload: ByteBuffer(string: "\(number)"))
                if number % 20 == 0 { try await publisher.flush() }
            }
            return number
        }
        defer { stop.withLockedValue { $0 = true } }

        let events = Task { try await Waiting.event(on: subscriber, "the reconnect") { if case .reconnected = $0 { true } else { false } } }
        let run = try await Waiting.within(.seconds(90), "100 messages after the reconnect") {
            try await Self.consume(stream, killing: nodes[0], after: 100, thenUntil: 100, reconnects: { subscriber.statistics.reconnects })
        }
        stop.withLockedValue { $0 = true }
        let sent = try await sending.value
        let reconnected = try await events.value

        let received = run.received
        #expect(run.afterReconnect >= 100, "100 messages after the reconnect")
        #expect(reconnected != .reconnected("127.0.0.1:\(nodes[0].port)"), "it reconnected to a live node")
        #expect(subscriber.connectedServer != "127.0.0.1:\(nodes[0].port)")
        #expect(received == received.sorted() && Set(received).count == received.count, "in order, no duplicates")
        #expect(received.allSatisfy { $0 >= 1 && $0 <= sent })
        let lost = (received.last ?? 0) - received.count
        print("killed node 0 after message \(run.killedAfter); \(received.count) received of \(sent) sent, \(lost) lost in the switch")
        await publisher.close()
        await subscriber.close()
        await responder.value
    }

    /// A client with many subscriptions (a game instance has one per hosted game) on the node that
    /// dies has every one of them on the node it reconnects to, not only the first few.
    @Test func everySubscriptionIsMadeAgainOnTheNodeAClientReconnectsTo() async throws {
        let nodes = try await NATSServerProcess.startCluster()
        defer { for node in nodes { node.stop() } }
        var options = NATSOptions()
        options.maxReconnectAttempts = nil
        options.maxReconnectWait = .milliseconds(500)
        options.randomizeServers = false  // on node 0, the one killed
        let subscriber = try await NATSClient.connect(servers: nodes.map(\.url), options: options)
        let publisher = try await NATSClient.connect(servers: [nodes[2].url])
        let count = 40
        let responders = try (0..<count).map { try Self.respond(on: "many.\($0)", with: subscriber) }
        for i in 0..<count { try await Self.waitForRoute(from: publisher, to: "many.\(i)") }
        let events = Task { try await Waiting.event(on: subscriber, "the reconnect") { if case .reconnected = $0 { true } else { false } } }
        nodes[0].kill()
        _ = try await events.value
        for i in 0..<count { try await Self.waitForRoute(from: publisher, to: "many.\(i)") }
        await publisher.close()
        await subscriber.close()
        for r in responders { await r.value }
    }

    /// Nodes of a deployment all list the same servers: they spread over the cluster rather than
    /// all landing on the first. With the order kept, every client takes the first.
    @Test func clientsGivenTheSameServersSpreadOverTheCluster() async throws {
        let nodes = try await NATSServerProcess.startCluster()
        defer { for node in nodes { node.stop() } }
        var inOrder = NATSOptions()
        inOrder.randomizeServers = false
        var spread: [NATSClient] = []
        var ordered: [NATSClient] = []
        // 12 clients in a random order all on one of 3 servers: a chance of 3 in 3^12 (1 in 177,147).
        for _ in 0..<12 {
            spread.append(try await NATSClient.connect(servers: nodes.map(\.url)))
            ordered.append(try await NATSClient.connect(servers: nodes.map(\.url), options: inOrder))
        }
        let spreadOver = Set(spread.compactMap(\.connectedServer))
        #expect(spreadOver.count >= 2, "12 clients all connected to \(spreadOver)")
        #expect(Set(ordered.compactMap(\.connectedServer)) == ["127.0.0.1:\(nodes[0].port)"])
        for client in spread + ordered { await client.close() }
    }

    struct StreamRun: Sendable {
        var received: [Int] = []
        var killedAfter = 0
        var afterReconnect = 0
    }

    /// Reads numbered messages; after `before` of them kills `node`; once the client has reconnected, reads `thenUntil` more.
    static func consume(
        _ stream: NATSSubscription,
        killing node: NATSServerProcess,
        after before: Int,
        thenUntil: Int,
        reconnects: @Sendable () -> Int
    ) async throws -> StreamRun {
        var run = StreamRun()
        var killed = false
        for await message in stream {
            run.received.append(Int(message.string) ?? -1)
            if !killed, run.received.count == before {
                node.kill()
                killed = true
                run.killedAfter = run.received.last ?? 0
            } else if killed, reconnects() > 0 {
                run.afterReconnect += 1
                if run.afterReconnect >= thenUntil { return run }
            }
        }
        throw TestFailure("the subscription ended after \(run.received.count) messages")
    }
}
