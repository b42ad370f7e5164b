import BrogueProtocol
import Foundation
import Testing

/// `action` and `key` messages of the plain shape are read straight from their bytes; every
/// message must still get exactly the answer `JSONDecoder` and `ClientEnvelope` give it.
@Suite struct ActionMessageReaderTests {
    /// Both readers' answers to `text`: the envelope, or the error's code and text.
    static func answers(_ text: String) -> (fast: String, full: String) {
        func describe(_ read: () throws(ProtocolError) -> ClientEnvelope) -> String {
            do { return "read \(try read())" } catch { return "refused \(error.code.rawValue): \(error.message)" }
        }
        let fast = describe { () throws(ProtocolError) in try WireCodec.decodeClient(text) }
        return (fast, describe { () throws(ProtocolError) in try WireCodec.decodeClientWithJSONDecoder(text) })
    }

    static let plain = [
        #"{"type":"action","action":"m0"}"#,
        #"{"type":"action","action":"m7","id":12}"#,
        #"{"id":0,"action":"z","type":"action"}"#,
        #" { "type" : "key" ,"key":"escape" , "id" : 2147483647 } "#,
        "{\n\t\"type\":\"key\",\r\n\"key\":\"x\"}",
        #"{"type":"action","action":"a long but printable action text with spaces ~!@#$%^&*()"}"#,
    ]
    /// Shapes the fast reader leaves, each for a different reason; `JSONDecoder` takes some and
    /// refuses others.
    static let left = [
        #"{"type":"action","action":"m0","id":2147483648}"#, #"{"type":"action","action":"m0","id":-1}"#,
        // Found by the protocol fuzzer: digits enough to overflow an Int while being read.
        #"{"type":"action","action":"m0","id":99999999999999999999}"#, #"{"type":"key","key":"x","id":00000400002202393686278988692}"#,
        "{\"type\":\"action\",\"action\":\"m0\",\"id\":" + String(repeating: "9", count: 400) + "}",
        #"{"type":"action","action":"m0","id":01}"#, #"{"type":"action","action":"m0","id":1.0}"#,
        #"{"type":"action","action":"m0","id":1e3}"#, #"{"type":"action","action":"m0","id":null}"#,
        #"{"type":"action","action":"m\u0030"}"#, #"{"type":"action","action":"tab\there"}"#,
        #"{"type":"action","action":""}"#, #"{"type":"action"}"#, #"{"type":"action","key":"x"}"#,
        #"{"type":"key","key":"x","action":"m0"}"#, #"{"type":"action","action":"m0","action":"m1"}"#,
        #"{"type":"action","action":"m0","ref":3}"#, #"{"type":"action","action":"m0","extra":1}"#,
        #"{"type":"action","action":"m0"} x"#, #"{"type":"action","action":"m0",}"#, #"{"type":"action" "action":"m0"}"#,
        #"{"type":"hello","version":1}"#, #"{"type":"action","action":7}"#, #"{"type":"Action","action":"m0"}"#,
        #"{"type":"action","action":"é"}"#, #"["action"]"#, #"{"type":"action","action":"m0""#, "", "{",
        "{\"type\":\"action\",\"action\":\"" + String(repeating: "m", count: 65) + "\"}",
        "{\"type\":\"action\",\"action\":\"" + String(repeating: "m", count: 64) + "\"}",
    ]

    @Test(arguments: plain + left)
    func answersAsJSONDecoderDoes(_ text: String) {
        let (fast, full) = Self.answers(text)
        #expect(fast == full)
    }

    @Test func plainMessagesAreRead() throws {
        #expect(try WireCodec.decodeClient(Self.plain[1]) == ClientEnvelope(.action("m7"), id: 12))
        #expect(try WireCodec.decodeClient(Self.plain[3]) == ClientEnvelope(.key("escape"), id: 2_147_483_647))
    }

    /// Generated messages: every mixture of keys, values and spacing the two might disagree on.
    @Test func generatedMessagesAreAnsweredAlike() {
        let keys = ["type", "id", "action", "key", "ref", "x"]
        let values = [#""action""#, #""key""#, #""m1""#, #""""#, "0", "7", "-3", "2147483648", "1.5", "null", "true", #""a\"b""#, "[]"]
        let spaces = ["", " ", "\n"]
        struct Generator: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return state
            }
        }
        var generator = Generator(state: 42)
        func next(_ n: Int) -> Int { Int((generator.next() >> 33) % UInt64(n)) }
        var read = 0
        for i in 0..<3000 {
            func member(_ key: String, _ value: String) -> String {
                let space = spaces[next(3)]
                return "\(space)\"\(key)\"\(space):\(space)\(value)"
            }
            var members: [String]
            if i % 2 == 0 {
                // Near the plain shape: type, its payload and maybe an id, in any order, now and
                // then with one value swapped for another.
                let type = ["action", "key"][next(2)]
                members = [member("type", "\"\(type)\""), member(type, #""m1""#)]
                if next(2) == 0 { members.append(member("id", values[4 + next(2)])) }
                if next(3) == 0 { members[next(members.count)] = member(keys[next(keys.count)], values[next(values.count)]) }
                members.shuffle(using: &generator)
            } else {
                members = (0..<(1 + next(4))).map { _ in member(keys[next(keys.count)], values[next(values.count)]) }
            }
            let text = "{" + members.joined(separator: ",") + "}"
            let (fast, full) = Self.answers(text)
            #expect(fast == full, "case \(i): \(text)")
            if fast.hasPrefix("read ") { read += 1 }
        }
        #expect(read > 500, "many generated messages are valid: \(read)")
    }
}
