import BrogueNode
import BrogueProtocol
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOWebSocket
import Testing
import WSCore

@Suite struct HostileInputTests {
    /// Each hostile first message gets its error code and close code, and the node still serves
    /// a well-behaved client afterwards.
    @Test func hostileMessagesGetAnErrorAndACloseCodeAndTheNodeStaysUp() async throws {
        let node = try makeNode()
        let app = node.makeApplication()
        let cases: [(String?, ErrorCode, UInt16)] = [
            ("{not json", .badJSON, CloseCode.invalidPayload),
            (#"{"type":"teleport"}"#, .unknownType, CloseCode.policyViolation),
            (#"{"type":"guest"}"#, .helloRequired, CloseCode.policyViolation),
            (#"{"type":"hello","version":99}"#, .versionUnsupported, CloseCode.policyViolation),
            // The protocol fuzzer's finding: an id this long overflowed while being read, and the trap ended the node.
            (#"{"type":"action","action":"m0","id":99999999999999999999}"#, .badField, CloseCode.policyViolation),
            (String(repeating: "x", count: ProtocolInfo.maxClientMessageBytes + 1), .tooLarge, CloseCode.messageTooLarge),
            (nil, .binaryNotSupported, CloseCode.unsupportedData),
        ]
        try await app.test(.live) { client in
            let port = try #require(client.port)
            for (text, code, close) in cases {
                let closed = try await connect(port: port) { peer in
                    if let text {
                        try await peer.sendRaw(text)
                    } else {
                        try await peer.outbound.write(.binary(ByteBuffer(bytes: (0..<64).map { UInt8(($0 * 53) % 256) })))
                    }
                    guard case .error(let e) = try await peer.expectNext() else {
                        Issue.record("no error for \(code)")
                        return
                    }
                    #expect(e.code == code)
                    #expect(try await peer.next() == nil)
                }
                #expect(closed?.closeCode == WebSocketErrorCode(codeNumber: Int(close)), "\(code)")
            }
            try await connect(port: port) { peer in
                try await peer.start()
                try await peer.send(.action("s"), id: 1)
                guard case .error(let e) = try await peer.expectNext() else {
                    Issue.record("no error")
                    return
                }
                #expect(e.code == .noGame)
                try await peer.send(.newGame(seed: 1))
                guard case .game = try await peer.expectNext() else {
                    Issue.record("no game")
                    return
                }
                _ = try await peer.expectNext()
                try await peer.send(.action("q9"), id: 2)
                guard case .error(let bad) = try await peer.expectNext() else {
                    Issue.record("no error")
                    return
                }
                #expect(bad.code == .badAction)
                try await peer.send(.action("s"), id: 3)
                guard case .ack = try await peer.expectNext() else {
                    Issue.record("no ack")
                    return
                }
            }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func actionFloodIsRateLimitedThenClosed() async throws {
        // Time stands still on the node's clock, so the bucket never refills: the burst is
        // all there is, however long the 20 actions take to arrive.
        var config = NodeConfig(port: 0, actionsPerSecond: 1, actionBurst: 3, floodLimit: 5)
        config.steadyClock = ManualClock()
        let node = try makeNode(config)
        let app = node.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let closed = try await connect(port: port) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: 2))
                _ = try await peer.expectNext()
                _ = try await peer.expectNext()
                for i in 0..<20 { try await peer.send(.action("s"), id: i) }
                var acks = 0
                var limited = 0
                var bye: ByeReason?
                while let e = try await peer.next() {
                    switch e.message {
                    case .ack: acks += 1
                    case .error(let err) where err.code == .rateLimited: limited += 1
                    case .bye(let reason, _): bye = reason
                    default: break
                    }
                }
                #expect(acks >= 3 && acks < 20)
                #expect(acks == 3, "the burst, and nothing refilled")
                #expect(limited >= 1)
                #expect(limited == 4, "the fifth limited action in a row closes the connection instead")
                #expect(bye == .flooding)
            }
            #expect(closed?.closeCode == WebSocketErrorCode(codeNumber: Int(CloseCode.policyViolation)))
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
