import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BrogueNode

/// What the node's own WebSocket layer (`MessageChannelHandler`, with NIO's frame codec) does with
/// frames that break RFC 6455, and with the client's close handshake. Each case ends the one
/// connection with the close code the RFC names and leaves the node serving others.
@Suite struct WebSocketFrameRulesTests {
    /// Frames a client may not send, each as the first byte of a frame (FIN, reserved bits,
    /// opcode) and its payload, and the close code they earn: a reserved bit with no extension
    /// agreed, an opcode the RFC leaves unassigned (data and control), a control frame split or over
    /// 125 bytes, a continuation out of place, a message over the node's 64 KB in its fragments.
    static let brokenFrames: [(label: String, frames: [(first: UInt8, payload: [UInt8])], code: UInt16)] = [
        ("text with RSV1", [(0xC1, Array("{}".utf8))], 1002),
        ("text with RSV3", [(0x91, Array("{}".utf8))], 1002),
        ("unassigned data opcode 0x3", [(0x83, Array("{}".utf8))], 1002),
        ("unassigned control opcode 0xB", [(0x8B, [])], 1002),
        ("ping without FIN", [(0x09, [])], 1002),
        ("ping of 126 bytes", [(0x89, Array(repeating: 7, count: 126))], 1002),
        ("a continuation with no message begun", [(0x80, Array("{}".utf8))], 1002),
        ("a new message before the last one ended", [(0x01, Array("{".utf8)), (0x81, Array("{}".utf8))], 1002),
        ("fragments over 64 KB in all", [(0x01, Array(repeating: 32, count: 40_000)), (0x80, Array(repeating: 32, count: 40_000))], 1009),
    ]

    @Test(.timeLimit(.minutes(5)), arguments: brokenFrames.indices)
    func aFrameThatBreaksTheProtocolEndsTheConnectionAfterTheAnswersSent(_ index: Int) async throws {
        let broken = Self.brokenFrames[index]
        try await Self.withHelloedSocket(broken.label) { port, socket in
            let outcome = await onThread { () -> (ref: Int?, close: (code: UInt16?, thenEnded: Bool)?) in
                guard socket.sendText(WireCodec.encode(ClientEnvelope(.listGames, id: 41))),
                    let answer = socket.readFrame()
                else { return (nil, nil) }
                let ref = try? WireCodec.decodeServer(answer).ref
                for frame in broken.frames where !socket.sendFrame(first: frame.first, payload: frame.payload) { return (ref, nil) }
                return (ref, socket.readClose())
            }
            #expect(outcome.ref == 41, "\(broken.label): the answer before the broken frame")
            #expect(outcome.close?.code == broken.code, "\(broken.label): \(String(describing: outcome.close))")
            #expect(outcome.close?.thenEnded == true, "\(broken.label): the node did not end the stream")
            // One client's broken frame ends its connection, not the node.
            try await SessionTests.helloed(port).close()
        }
    }

    /// The client's close frame (its payload), and the code the node answers with: its own
    /// normal close when the client's code is one a peer may send (or none), a protocol error
    /// (1002) otherwise.
    static let closes: [(label: String, payload: [UInt8], answer: UInt16)] = [
        ("1000 with a reason", closePayload(1000, "bye"), 1000),
        ("no code", [], 1000),
        ("1001", closePayload(1001), 1000),
        ("4000, an application's own", closePayload(4000, "an application's own code"), 1000),
        ("1005, only for reporting, never sent", closePayload(1005), 1002),
        ("999", closePayload(999), 1002),
        ("2999", closePayload(2999), 1002),
        ("a one-byte code", [0x03], 1002),
    ]

    static func closePayload(_ code: UInt16, _ reason: String = "") -> [UInt8] {
        [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8)
    }

    @Test(.timeLimit(.minutes(5)), arguments: closes.indices)
    func aClientsCloseIsAnsweredAtOnceAndTheSocketEnds(_ index: Int) async throws {
        let close = Self.closes[index]
        try await Self.withHelloedSocket("close \(close.label)") { _, socket in
            let answer = await onThread { () -> (code: UInt16?, thenEnded: Bool)? in
                guard socket.sendFrame(first: 0x88, payload: close.payload) else { return nil }
                return socket.readClose()
            }
            #expect(answer?.code == close.answer, "close \(close.label): \(String(describing: answer))")
            #expect(answer?.thenEnded == true, "close \(close.label): the node did not end the stream")
        }
    }

    /// Runs `body` with a fresh node's port and a socket on it that has said hello, then checks
    /// that every connection was cleaned up (no player connected, no connection task left).
    static func withHelloedSocket(_ label: String, _ body: @escaping @Sendable (Int, RawSocket) async throws -> Void) async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let socket = try await SessionTests.helloed(port)
            defer { socket.close() }
            try await body(port, socket)
            let settled = await SessionTests.eventually {
                SessionTests.gauge("brogue_players_connected", node) == 0 && SessionTests.gauge("brogue_connection_tasks", node) == 0
            }
            #expect(settled, "\(label): the connections were not cleaned up")
        }
    }
}
