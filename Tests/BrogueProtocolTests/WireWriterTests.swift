import BrogueFrame
import BrogueProtocol
import Foundation
import Testing

/// Frames and acknowledgements are written by hand (`WireWriter`); every other message, and
/// these too in `encodeWithJSONEncoder`, by `JSONEncoder`. The two must give the same JSON.
/// (`JSONEncoder` orders keys differently from run to run, so the texts are compared as
/// `JSONSerialization` reads them: every key, value and escape.)
@Suite struct WireWriterTests {
    static func sameJSON(_ a: String, _ b: String) -> Bool {
        guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8)) as? NSDictionary,
            let y = try? JSONSerialization.jsonObject(with: Data(b.utf8)) as? NSDictionary
        else { return false }
        return x.isEqual(y)
    }

    /// Text that needs every kind of escaping, and some that needs none.
    static let awkward = [
        "", "plain", "a \"quoted\" word", "back\\slash", "a/slash", "line\nbreak", "tab\there", "cr\r", "bell\u{07}", "nul\u{00}end",
        "\u{08}\u{0C}\u{1F}", "é·≈ ünïcödé", "🐉 and 👩‍👩‍👧", "\u{2028}\u{2029}", "\u{7F}",
    ]
    static let glyphs: [Character] = ["@", " ", "\"", "\\", "/", "é", "≈", "·", "🐉", "\u{01}", "\n", "#", "0", "}", "👩‍👩‍👧"]

    /// A generator for the test's own cases, so a failure names a case that comes back.
    struct Cases {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func cell() -> Cell {
            Cell(
                WireWriterTests.glyphs[next(WireWriterTests.glyphs.count)],
                fg: TermColor(rgb: UInt32(next(1 << 24))),
                bg: TermColor(rgb: UInt32(next(1 << 24))),
                bold: next(2) == 1
            )
        }
        mutating func frame(seq: Int) -> FrameUpdate {
            let width = 1 + next(12)
            let height = 1 + next(5)
            let messages = (0..<next(4)).map { _ in WireWriterTests.awkward[next(WireWriterTests.awkward.count)] }
            let status: FrameUpdate.Status? =
                next(3) == 0 ? nil : .init(depth: next(40) + 1, turn: next(100_000), hp: next(200) - 50, maxHP: next(200))
            if next(2) == 0 {
                let cells = (0..<(width * height)).map { _ in cell() }
                return FrameUpdate(seq: seq, width: width, height: height, cells: cells, changes: [], messages: messages, status: status)
            }
            let changes = (0..<min(next(10), width * height)).map { _ in FrameUpdate.Change(x: next(width), y: next(height), cell: cell()) }
            return FrameUpdate(seq: seq, width: width, height: height, cells: nil, changes: changes, messages: messages, status: status)
        }
    }

    @Test func framesAreWhatJSONEncoderWrites() throws {
        var cases = Cases(state: 7)
        for i in 0..<300 {
            let seq = [0, 1, i, -i, Int.max, Int.min][cases.next(6)]
            let envelope = ServerEnvelope(.frame(cases.frame(seq: seq)), ref: cases.next(3) == 0 ? nil : cases.next(1_000_000) - 10)
            let text = WireCodec.encode(envelope)
            #expect(Self.sameJSON(text, WireCodec.encodeWithJSONEncoder(envelope)), "case \(i)")
            #expect(try WireCodec.decodeServer(text) == envelope, "case \(i)")
        }
    }

    /// A frame written once for many spectators, numbered for each: the same text, byte for
    /// byte, as the frame written with that number.
    @Test func aNumberedFrameIsTheFrameWrittenWithThatNumber() throws {
        var cases = Cases(state: 11)
        for i in 0..<200 {
            let update = cases.frame(seq: cases.next(1000))
            let numbered = NumberedFrame(update)
            for seq in [0, 1, 9, 10, 99, 100, i, 1_000_003, Int.max] {
                var copy = update
                copy.seq = seq
                #expect(numbered.text(seq: seq) == WireCodec.encode(ServerEnvelope(.frame(copy))), "case \(i), seq \(seq)")
            }
        }
    }

    @Test func acknowledgementsAreWhatJSONEncoderWrites() throws {
        for (i, hash) in Self.awkward.enumerated() {
            let ack = Ack(applied: i % 3, actions: i * 1000, turn: -i, stateHash: hash, over: i % 2 == 0)
            for envelope in [ServerEnvelope(.ack(ack)), ServerEnvelope(.ack(ack), ref: i)] {
                let text = WireCodec.encode(envelope)
                #expect(Self.sameJSON(text, WireCodec.encodeWithJSONEncoder(envelope)))
                #expect(try WireCodec.decodeServer(text) == envelope)
            }
        }
    }

    @Test func aWholeScreenIsOneLineOfTheSameJSON() throws {
        var frame = Frame(width: 100, height: 34)
        frame.put("You hear a \"click\" \\ and the door / opens.", x: 0, y: 0, fg: .yellow)
        frame[x: 50, y: 20] = Cell("@", fg: .white, bold: true)
        let envelope = ServerEnvelope(
            .frame(FrameUpdate.between(nil, frame, seq: 1, messages: ["Welcome."], status: .init(depth: 1, turn: 0, hp: 40, maxHP: 40))),
            ref: 3
        )
        let text = WireCodec.encode(envelope)
        #expect(!text.contains("\n"))
        #expect(Self.sameJSON(text, WireCodec.encodeWithJSONEncoder(envelope)))
    }
}
