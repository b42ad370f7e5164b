import BrogueProtocol
import Testing

@Suite struct ClientMessageTests {
    @Test(arguments: [
        ClientEnvelope(.hello(version: 1, client: "brogue-terminal/0.1"), id: 1),
        ClientEnvelope(.guest(name: nil)),
        ClientEnvelope(.guest(name: "Rodney")),
        ClientEnvelope(.newGame(seed: 7), id: 2),
        ClientEnvelope(.newGame(seed: UInt64.max)),
        ClientEnvelope(.newGame(seed: nil)),
        ClientEnvelope(.resume(game: 12, token: "abcdef0123456789"), id: 3),
        ClientEnvelope(.action("m1"), id: 4),
        ClientEnvelope(.key("x")),
        ClientEnvelope(.bye),
    ])
    func roundTrips(_ envelope: ClientEnvelope) throws {
        let text = WireCodec.encode(envelope)
        #expect(try WireCodec.decodeClient(text) == envelope)
    }

    @Test func readsTheDocumentedForm() throws {
        #expect(try WireCodec.decodeClient(#"{"type":"hello","version":1}"#) == ClientEnvelope(.hello(version: 1, client: nil)))
        #expect(try WireCodec.decodeClient(#"{"type":"action","action":"m0","id":9}"#) == ClientEnvelope(.action("m0"), id: 9))
        #expect(try WireCodec.decodeClient(#"{"type":"new_game","seed":null}"#) == ClientEnvelope(.newGame(seed: nil)))
    }

    @Test(arguments: [
        ("", ErrorCode.badJSON),
        ("{", .badJSON),
        ("not json", .badJSON),
        ("[1,2]", .badJSON),
        ("42", .badJSON),
        (#""hello""#, .badJSON),
        (#"{"version":1}"#, .badField),
        (#"{"type":7}"#, .badField),
        (#"{"type":"fly"}"#, .unknownType),
        (#"{"type":"HELLO","version":1}"#, .unknownType),
        (#"{"type":"hello"}"#, .badField),
        (#"{"type":"hello","version":"1"}"#, .badField),
        (#"{"type":"hello","version":1,"admin":true}"#, .badField),
        (#"{"type":"new_game","seed":-1}"#, .badField),
        (#"{"type":"new_game","seed":1.5}"#, .badField),
        (#"{"type":"new_game","seed":"7"}"#, .badField),
        (#"{"type":"resume","game":0,"token":"x"}"#, .badField),
        (#"{"type":"resume","game":3}"#, .badField),
        (#"{"type":"action","action":""}"#, .badField),
        (#"{"type":"action","action":"m1\u0000"}"#, .badField),
        (#"{"type":"key","key":["x"]}"#, .badField),
        (#"{"type":"bye","id":-1}"#, .badField),
        (#"{"type":"bye","id":99999999999}"#, .badField),
    ])
    func refusesHostileMessages(_ text: String, _ code: ErrorCode) {
        #expect(throws: ProtocolError.self) { try WireCodec.decodeClient(text) }
        do {
            _ = try WireCodec.decodeClient(text)
        } catch {
            #expect(error.code == code, "\(text): \(error)")
        }
    }

    @Test func refusesOversizedMessagesBeforeParsing() {
        let big = #"{"type":"key","key":""# + String(repeating: "a", count: ProtocolInfo.maxClientMessageBytes) + #""}"#
        do {
            _ = try WireCodec.decodeClient(big)
            Issue.record("an oversized message was accepted")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.code.closeCode == CloseCode.messageTooLarge)
        }
    }

    @Test func longFieldsAreRefused() {
        let name = String(repeating: "n", count: ProtocolInfo.maxFieldLength + 1)
        #expect(throws: ProtocolError(.badField, "'name' in 'guest' must be a string of 1-64 printable characters")) {
            try WireCodec.decodeClient(#"{"type":"guest","name":"\#(name)"}"#)
        }
    }

    @Test func binaryGarbageAsTextIsBadJSON() {
        let garbage = String(decoding: (0..<200).map { UInt8(($0 * 37 + 11) % 256) }, as: UTF8.self)
        do {
            _ = try WireCodec.decodeClient(garbage)
            Issue.record("garbage was accepted")
        } catch {
            #expect(error.code == .badJSON)
        }
    }

    @Test func fatalCodesCarryCloseCodes() {
        for code in ErrorCode.allCases where code.isFatal {
            #expect((1000...1011).contains(Int(code.closeCode)))
        }
        #expect(!ErrorCode.rateLimited.isFatal)
        #expect(!ErrorCode.badAction.isFatal)
        #expect(ErrorCode.unknownType.closeCode == CloseCode.policyViolation)
        #expect(ErrorCode.binaryNotSupported.closeCode == CloseCode.unsupportedData)
    }
}
