import BrogueProtocol
import Foundation
import NIOCore
import NIOEmbedded
import NIOWebSocket
import Testing

@testable import BrogueNode

/// The bounded outbound queue of one connection, on a channel with no socket: what it holds, in
/// what order, and what the node's gauges say about it.
@Suite struct ConnectionHandleTests {
    @Test func aPairIsOneItemTwoMessagesInOrderAndLeavesTheGaugesWhenWritten() throws {
        let metrics = NodeMetrics()
        let channel = EmbeddedChannel()
        let handle = ConnectionHandle(channel: channel, limit: 2, metrics: metrics)
        let ack = ServerEnvelope(.error(ProtocolError(.rateLimited, "first")), ref: 3)
        let frame = ServerEnvelope(.games([]), ref: 3)
        #expect(handle.send(ack, frame))
        #expect(handle.send(ack, frame))
        let (a, b) = (WireCodec.encode(ack), WireCodec.encode(frame))
        #expect(gauge("brogue_outbound_queued_messages", metrics) == 4)
        #expect(gauge("brogue_outbound_queued_bytes", metrics) == Double(2 * (a.utf8.count + b.utf8.count)))
        // Written on the event loop, in order, each message a text frame; then they leave the gauges.
        channel.embeddedEventLoop.run()
        // Messages other than frames and acks go through JSONEncoder, whose key order can differ
        // from one call to the next (it did under AddressSanitizer): compare them as JSON.
        #expect(try Self.texts(channel).map(Self.json) == [a, b, a, b].map(Self.json))
        #expect(gauge("brogue_outbound_queued_messages", metrics) == 0)
        #expect(gauge("brogue_outbound_queued_bytes", metrics) == 0)
        // Room again: the bound counts what the socket has not taken yet.
        #expect(handle.send(ack, frame))
    }

    @Test func anItemPastTheBoundDropsTheClientAtOnce() throws {
        let metrics = NodeMetrics()
        let channel = EmbeddedChannel()
        let handle = ConnectionHandle(channel: channel, limit: 2, metrics: metrics)
        let message = ServerEnvelope(.games([]))
        // Nothing is written while the event loop does not run: the socket has taken nothing.
        #expect(handle.send(message) && handle.send(message))
        #expect(!handle.send(message))
        #expect(metrics.text().contains("brogue_connections_dropped_total 1\n"))
        #expect(!handle.send(message), "a dropped client is sent nothing more")
        handle.releaseQueued()
        #expect(gauge("brogue_outbound_queued_messages", metrics) == 0)
    }

    @Test func anEndIsTheLastMessageThenACloseFrame() throws {
        let channel = EmbeddedChannel()
        let handle = ConnectionHandle(channel: channel, limit: 8, metrics: NodeMetrics())
        handle.end(ServerEnvelope(.bye(.idle, "quiet")), code: CloseCode.normal)
        #expect(!handle.send(ServerEnvelope(.games([]))))
        handle.endQuietly()
        channel.embeddedEventLoop.run()
        let bye = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(bye.opcode == .text && String(buffer: bye.data).contains("idle"))
        var close = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(close.opcode == .connectionClose && close.data.readWebSocketErrorCode() == .normalClosure)
        #expect(String(buffer: close.data) == "idle")
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil)
    }

    @Test func aCloseIsNotAMessageForTheGauges() {
        #expect(Outgoing.close(code: 1000, reason: "bye").size == (0, 0))
        #expect(Outgoing.text("héllo").size == (1, 6))
    }

    /// The text frames written to `channel` so far.
    static func texts(_ channel: EmbeddedChannel) throws -> [String] {
        var texts: [String] = []
        while let frame = try channel.readOutbound(as: WebSocketFrame.self), frame.opcode == .text {
            texts.append(String(buffer: frame.data))
        }
        return texts
    }

    /// The object a JSON text holds, for comparing two texts as JSON.
    private static func json(_ text: String) -> NSDictionary? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? NSDictionary
    }

    private func gauge(_ name: String, _ metrics: NodeMetrics) -> Double? {
        ProcessMetricsTests.value(name, in: metrics.text())
    }
}
