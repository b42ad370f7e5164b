import NIOCore
import Testing

@testable import BrogueNATS

@Suite struct NATSParserTests {
    static let stream =
        "INFO {\"server_id\":\"S1\",\"max_payload\":1048576,\"headers\":true,\"connect_urls\":[\"10.0.0.2:4222\"]}\r\n"
        + "PING\r\n"
        + "MSG a.b 7 5\r\nhello\r\n"
        + "MSG a.b 7 _INBOX.x.1 0\r\n\r\n"
        + "HMSG a.c 8 reply 24 29\r\nNATS/1.0\r\nKey: Value\r\n\r\nworld\r\n"
        + "HMSG _INBOX.x.2 9 16 16\r\nNATS/1.0 503\r\n\r\n\r\n"
        + "+OK\r\n"
        + "-ERR 'Authorization Violation'\r\n"
        + "pong\r\n"

    static let expected: [NATSServerOp] = [
        .info(NATSServerInfo(serverID: "S1", maxPayload: 1_048_576, connectURLs: ["10.0.0.2:4222"]).withHeaders()),
        .ping,
        .message(NATSMessage(subject: "a.b", payload: ByteBuffer(string: "hello"), sid: 7)),
        .message(NATSMessage(subject: "a.b", replyTo: "_INBOX.x.1", payload: ByteBuffer(), sid: 7)),
        .message(
            NATSMessage(subject: "a.c", replyTo: "reply", headers: NATSHeaders([("Key", "Value")]), payload: ByteBuffer(string: "world"), sid: 8)
        ),
        .message(NATSMessage(subject: "_INBOX.x.2", headers: NATSHeaders(status: 503), payload: ByteBuffer(), sid: 9)),
        .ok,
        .error("Authorization Violation"),
        .pong,
    ]

    static func parse(_ chunks: [ByteBuffer], parser: NATSParser = NATSParser()) throws -> [NATSServerOp] {
        var parser = parser
        var operations: [NATSServerOp] = []
        for chunk in chunks {
            parser.append(chunk)
            while let operation = try parser.next() { operations.append(operation) }
        }
        return operations
    }

    @Test func aWholeStreamParsesIntoItsOperations() throws {
        #expect(try Self.parse([ByteBuffer(string: Self.stream)]) == Self.expected)
    }

    @Test func feedingOneByteAtATimeGivesTheSameOperations() throws {
        let bytes = Array(Self.stream.utf8)
        #expect(try Self.parse(bytes.map { ByteBuffer(bytes: [$0]) }) == Self.expected)
    }

    @Test func everySplitIntoTwoReadsGivesTheSameOperations() throws {
        let bytes = Array(Self.stream.utf8)
        for cut in 1..<bytes.count {
            let operations = try Self.parse([ByteBuffer(bytes: bytes[..<cut]), ByteBuffer(bytes: bytes[cut...])])
            #expect(operations == Self.expected, "split at byte \(cut)")
        }
    }

    @Test func aPayloadMayContainCRLFAndOperationNames() throws {
        let operations = try Self.parse([ByteBuffer(string: "MSG s 1 12\r\nPING\r\nMSG \r\n\r\n")])
        #expect(operations == [.message(NATSMessage(subject: "s", payload: ByteBuffer(string: "PING\r\nMSG \r\n"), sid: 1))])
    }

    @Test(arguments: [
        "MSG a 1 5\r\nhelloXX",  // no CRLF after the payload
        "MSG a 1 -5\r\n",
        "MSG a x 5\r\n",
        "MSG a 1 99999999999999999999999\r\n",
        "MSG a\r\n",
        "MSG a 1 2 3 4 5\r\n",
        "HMSG a 1 10 5\r\n",  // header bytes over total
        "HMSG a 1 5 5\r\nHTTP/\r\n",  // not a NATS/1.0 header block
        "HMSG a 1 15 15\r\nNATS/1.0\r\nx\r\n\r\n\r\n",  // header line without a colon
        "HMSG a 1 16 16\r\nNATS/1.0 abc\r\n\r\n\r\n",  // status not a number
        "INFO {not json\r\n",
        "BOGUS\r\n",
        "PING extra\r\n",
    ])
    func hostileInputIsAProtocolViolationNotACrash(input: String) {
        #expect(throws: NATSError.self) { try Self.parse([ByteBuffer(string: input)]) }
    }

    @Test func aMessageOverMaxPayloadIsRefusedBeforeItsBytesArrive() {
        let parser = NATSParser(maxLine: 1024, maxPayload: 100)
        #expect(throws: NATSError.protocolViolation("a message of 101 bytes, over the 100-byte limit")) {
            try Self.parse([ByteBuffer(string: "MSG a 1 101\r\n")], parser: parser)
        }
    }

    @Test func aLineWithoutEndIsRefusedOnceItPassesMaxLine() throws {
        let parser = NATSParser(maxLine: 64, maxPayload: 100)
        #expect(try Self.parse([ByteBuffer(string: String(repeating: "A", count: 60))], parser: parser).isEmpty, "under the limit it waits")
        #expect(throws: NATSError.self) {
            try Self.parse([ByteBuffer(string: String(repeating: "A", count: 70))], parser: parser)
        }
    }

    @Test func aLongLineFedByteAtATimeIsRefusedAtTheLimit() {
        var parser = NATSParser(maxLine: 64, maxPayload: 100)
        var fed = 0
        #expect(throws: NATSError.self) {
            for _ in 0..<1000 {
                parser.append(ByteBuffer(string: "A"))
                fed += 1
                _ = try parser.next()
            }
        }
        #expect(fed < 100, "refused after \(fed) bytes")
    }
}

extension NATSServerInfo {
    fileprivate func withHeaders() -> NATSServerInfo {
        var info = self
        info.headers = true
        return info
    }
}
