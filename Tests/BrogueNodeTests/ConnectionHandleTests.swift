import BrogueProtocol
import Foundation
import NIOEmbedded
import Testing

@testable import BrogueNode

/// The bounded outbound queue of one connection, without a socket: what it holds, in what order,
/// and what the node's gauges say about it.
@Suite struct ConnectionHandleTests {
    @Test func aPairIsOneItemTwoMessagesInOrderAndLeavesTheGaugesWhenWritten() async throws {
        let metrics = NodeMetrics()
        let (stream, outbox) = AsyncStream.makeStream(of: Outgoing.self, bufferingPolicy: .bufferingOldest(2))
        let handle = ConnectionHandle(outbox: outbox, channel: EmbeddedChannel(), metrics: metrics)
        let ack = ServerEnvelope(.error(ProtocolError(.rateLimited, "first")), ref: 3)
        let frame = ServerEnvelope(.games([]), ref: 3)
        #expect(handle.send(ack, frame))
        let (a, b) = (WireCodec.encode(ack), WireCodec.encode(frame))
        #expect(gauge("brogue_outbound_queued_messages", metrics) == 2)
        #expect(gauge("brogue_outbound_queued_bytes", metrics) == Double(a.utf8.count + b.utf8.count))
        // A second pair takes the queue's second place; a third is one item too many and drops the client.
        #expect(handle.send(ack, frame))
        #expect(!handle.send(ack, frame))
        #expect(gauge("brogue_outbound_queued_messages", metrics) == 4)
        #expect(metrics.text().contains("brogue_connections_dropped_total 1\n"))

        var items = stream.makeAsyncIterator()
        for _ in 0..<2 {
            let item = await items.next()
            guard case .pair(let first, let second)? = item else {
                Issue.record("expected a pair, got \(String(describing: item))")
                return
            }
            // Messages other than frames and acks go through JSONEncoder, whose key order can
            // differ from one call to the next (it did under AddressSanitizer): compare the JSON.
            #expect(Self.json(first) == Self.json(a) && Self.json(second) == Self.json(b), "\(first) \(second)")
            let (messages, bytes) = Outgoing.pair(first, second).size
            handle.dequeued(messages: messages, bytes: bytes)
        }
        #expect(gauge("brogue_outbound_queued_messages", metrics) == 0)
        #expect(gauge("brogue_outbound_queued_bytes", metrics) == 0)
        #expect(await items.next() == nil)
    }

    @Test func aCloseIsNotAMessageForTheGauges() {
        #expect(Outgoing.close(code: 1000, reason: "bye").size == (0, 0))
        #expect(Outgoing.text("héllo").size == (1, 6))
    }

    /// The object a JSON text holds, for comparing two texts as JSON.
    private static func json(_ text: String) -> NSDictionary? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? NSDictionary
    }

    private func gauge(_ name: String, _ metrics: NodeMetrics) -> Double? {
        ProcessMetricsTests.value(name, in: metrics.text())
    }
}
