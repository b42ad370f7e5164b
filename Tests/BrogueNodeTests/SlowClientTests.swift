import BrogueClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BrogueNode

/// Clients that hold sockets without finishing a request, and floods from one address: closed
/// after the request timeout, or refused as soon as accepted, while everyone else is served.
@Suite struct SlowClientTests {
    static func node(cap: Int, requestTimeout: Double) throws -> Node {
        var config = NodeConfig(port: 0, actionsPerSecond: 100_000, actionBurst: 100_000)
        config.access.maxConnectionsPerAddress = cap
        return try makeNode(config, requestTimeout: requestTimeout)
    }

    static let slowHeads = [
        ["GET /health HTTP/1.1", "Host: 127.0.0.1"],
        ["GET /ws HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"],
    ]

    @Test(.timeLimit(.minutes(5)), arguments: slowHeads)
    func aRequestSentALineAtATimeIsClosedUnanswered(head: [String]) async throws {
        let node = try Self.node(cap: 32, requestTimeout: 1)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            // Opened before the slow client, it outlives the bound: the bound is on requests.
            let game = try await helloed(port)
            let slow = try RawSocket.connect(port: port)
            defer { slow.close() }
            let outcome = await onThread { slow.sendHeadersSlowly(head) }
            #expect(outcome.closed, "the node kept a slow request open")
            #expect(outcome.received.isEmpty, "the node answered an unfinished request: \(String(decoding: outcome.received, as: UTF8.self))")
            _ = try await game.identify(.guest("still-here"))
            await game.close()
            #expect(ProcessMetricsTests.value("brogue_request_timeouts_total", in: node.metrics.text()).map { $0 >= 1 } == true)
            // A request sent at once is answered, however long the node takes to answer it.
            let health = try await onThread { try PlainHTTP.get(host: "127.0.0.1", port: port, path: "/health") }
            #expect(health.status == 200 && health.body == "ok\n")
        }
    }

    @Test(.timeLimit(.minutes(5))) func aConnectionThatNeverSendsIsClosed() async throws {
        let node = try Self.node(cap: 32, requestTimeout: 1)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let silent = try RawSocket.connect(port: port)
            defer { silent.close() }
            let closed = await onThread {
                var received: [UInt8] = []
                while true { if silent.closedByNode(within: 1000, received: &received) { return received.isEmpty } }
            }
            #expect(closed, "closed with nothing sent to it")
        }
    }

    @Test(.timeLimit(.minutes(5))) func aFloodFromOneAddressIsRefusedAtAcceptWhileAnotherAddressIsServed() async throws {
        let cap = 4
        // Long enough that no connection of the test is closed by the request timeout.
        let node = try Self.node(cap: cap, requestTimeout: 600)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let count = 200
            let flood = try await onThread { try (0..<count).map { _ in try RawSocket.connect(port: port, from: "127.0.0.2") } }
            defer { for s in flood { s.close() } }
            // Every connection past the cap and the refusal grace is closed unread; the others,
            // still being set up, hold their places.
            let admitted = cap + AddressLimiter.refusalGrace
            let closed = await onThread {
                var open = flood
                var closed = 0
                while closed < count - admitted {
                    let gone = Set(RawSocket.closedByNode(open, within: 1000))
                    closed += gone.count
                    open = open.indices.filter { !gone.contains($0) }.map { open[$0] }
                }
                return closed
            }
            #expect(closed == count - admitted)

            // Another address is served meanwhile: HTTP and a game.
            let health = try await client.execute(uri: "/health", method: .get) { String(buffer: $0.body) }
            #expect(health == "ok\n")
            let game = try await helloed(port)
            _ = try await game.identify(.guest("other"))
            _ = try await game.newGame(seed: 7)
            _ = try await game.perform("x")
            await game.close()
            // And the flooding address is still refused, a WebSocket included.
            let again = try RawSocket.connect(port: port, from: "127.0.0.2")
            defer { again.close() }
            _ = again.send("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            let refused = await onThread {
                var received: [UInt8] = []
                while true { if again.closedByNode(within: 1000, received: &received) { return received.isEmpty } }
            }
            #expect(refused)
            #expect(ProcessMetricsTests.value("brogue_connections_refused_total", in: node.metrics.text()) == Double(count - admitted + 1))
        }
    }
}
