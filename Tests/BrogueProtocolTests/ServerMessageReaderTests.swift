import BrogueFrame
import Foundation
import Testing

@testable import BrogueProtocol

/// Frames and acks of the shape the node writes are read straight from their bytes; every
/// message must still get exactly the answer `JSONDecoder` and `ServerEnvelope` give it.
@Suite struct ServerMessageReaderTests {
    /// Both readers' answers to `text`: the envelope, or the error's code and text.
    static func answers(_ text: String) -> (fast: String, full: String) {
        func describe(_ read: () throws(ProtocolError) -> ServerEnvelope) -> String {
            do { return "read \(try read())" } catch { return "refused \(error.code.rawValue): \(error.message)" }
        }
        let fast = describe { () throws(ProtocolError) in try WireCodec.decodeServer(text) }
        return (fast, describe { () throws(ProtocolError) in try WireCodec.decodeServerWithJSONDecoder(text) })
    }

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// Glyphs a screen shows: ASCII, accented letters, box drawing, a flag of two scalars, an
    /// emoji sequence longer than a cell keeps, and the ASCII the writer must escape.
    static let glyphs: [Character] = ["@", ".", "#", " ", "~", "é", "─", "║", "•", "🇫🇷", "👨‍👩‍👧‍👦", "\"", "\\", "\u{7}"]
    static let colors: [TermColor] = [.black, .lightGray, TermColor(r: 255, g: 128, b: 0), TermColor(r: 1, g: 2, b: 3)]

    static func cell(_ g: inout Generator, plain: Bool) -> Cell {
        let glyph = plain ? glyphs[Int(g.next() % 9)] : glyphs[Int(g.next() % UInt64(glyphs.count))]
        return Cell(glyph, fg: colors[Int(g.next() % 4)], bg: colors[Int(g.next() % 4)], bold: g.next() % 2 == 0)
    }

    /// Frames, full and diffs, with and without status, messages and ref.
    static func frames(plain: Bool, count: Int) -> [ServerEnvelope] {
        var g = Generator(state: plain ? 7 : 8)
        let messages = ["You hit the rat.", "Welcome, adventurer! (x3)", "naïve café ─ ok", "", "a \"quoted\" word", "tab\there"]
        return (0..<count).map { i in
            let width = 1 + Int(g.next() % 12)
            let height = 1 + Int(g.next() % 5)
            let full = i % 3 == 0
            let cells = full ? (0..<(width * height)).map { _ in cell(&g, plain: plain) } : nil
            let changes =
                full
                ? []
                : (0..<Int(g.next() % UInt64(width * height + 1))).map { _ in
                    FrameUpdate.Change(x: Int(g.next() % UInt64(width)), y: Int(g.next() % UInt64(height)), cell: cell(&g, plain: plain))
                }
            let shown = (0..<Int(g.next() % 4)).map { _ in messages[Int(g.next() % UInt64(plain ? 4 : messages.count))] }
            let status = i % 2 == 0 ? FrameUpdate.Status(depth: 1 + i % 26, turn: i * 37, hp: -i, maxHP: 40) : nil
            let update = FrameUpdate(seq: i + 1, width: width, height: height, cells: cells, changes: changes, messages: shown, status: status)
            return ServerEnvelope(.frame(update), ref: i % 4 == 0 ? nil : i * 1_000_003)
        }
    }

    static let acks = [
        ServerEnvelope(.ack(Ack(applied: 1, actions: 12, turn: 40, stateHash: "00ff00ff00ff00ff", over: false)), ref: 3),
        ServerEnvelope(.ack(Ack(applied: 0, actions: 0, turn: 0, stateHash: "", over: true))),
        ServerEnvelope(.ack(Ack(applied: 25, actions: Int(Int32.max) * 4, turn: -1, stateHash: "not hex é", over: false)), ref: 0),
    ]

    @Test func whatTheNodeWritesIsReadFromItsBytesAsItWasSent() throws {
        for envelope in Self.frames(plain: true, count: 300) + Self.frames(plain: false, count: 300) + Self.acks {
            let text = WireCodec.encode(envelope)
            let fast = try #require(ServerMessageReader.read(text), "the fast reader leaves \(text)")
            #expect(fast == envelope)
            #expect(try WireCodec.decodeServerWithJSONDecoder(text) == envelope)
        }
    }

    static let handWritten = [
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":false}"#,
        #"{"type":"ack","ref":-5,"applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","ref":null,"applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","ref":1.0,"applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":01,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":-0,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":1e2,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":1.5,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":99999999999999999999,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":999999999999999999,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","actions":2,"applied":1,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":1}"#,
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"a\"b","over":true}"#,
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true,"extra":1}"#,
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true} "#,
        #" {"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab"}"#,
        #"{"type":"ack","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true"#,
        #"{"type":"acks","applied":1,"actions":2,"turn":3,"stateHash":"ab","over":true}"#,
        ##"{"type":"frame","seq":1,"width":2,"height":1,"full":true,"cells":[["a","#000000","#FFFFFF",0],["é","#aBcDeF","#000000",7]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":2,"height":1,"full":true,"cells":[["a","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","#000000","#ffffff",0],["b","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":0,"height":1,"full":true,"cells":[],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1025,"height":1,"full":false,"changes":[],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["ab","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\u0041","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","#00000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","#00000g","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","#000000","#ffffff",-3]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","#000000","#ffffff",true]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","#000000","#ffffff",0,1]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"changes":[],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":3,"height":1,"full":false,"changes":[[0,0,"a","#000000","#ffffff",1],[9,-4,"b","#000000","#ffffff",0]],"messages":["x"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[[0,0,"a","#000000","#ffffff",1],[0,0,"b","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":[],"status":{"depth":1,"turn":2,"hp":3,"maxHP":4}}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":[],"status":{"depth":1,"turn":2,"hp":3}}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":[],"status":null}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["a",]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[,],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["line\nbreak"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":[1]}"##,
        ##"{"type":"frame","ref":4,"seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"ref":4,"width":1,"height":1,"full":false,"changes":[],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\u00e9","#000000","#ffffff",0]],"messages":["\u0041\/\b\f\n\r\t\"\\"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\ud83d\ude00","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\ud83d","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["\uDE00 alone", "\x", "\u12", "\u12g4"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["\x"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["\u12"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["\u00"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["\u0000 and \u001f and \u007f and \u0800 and \uffff"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["tab\##traw"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":false,"changes":[],"messages":["ends in \"]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\"","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\\","#000000","#ffffff",0]],"messages":[]}"##,
        ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["\"\"","#000000","#ffffff",0]],"messages":[]}"##,
        #"{"type":"hello","version":1,"node":"n"}"#, #"{"type":"frame"}"#, "", "{", "[]", "null",
    ]

    @Test(arguments: handWritten)
    func answersAsJSONDecoderDoes(_ text: String) {
        let (fast, full) = Self.answers(text)
        #expect(fast == full)
    }

    /// Real messages with bytes changed, dropped or repeated at random: whatever the fast reader
    /// takes, it reads as `JSONDecoder` does.
    @Test func damagedMessagesAreAnsweredAlike() {
        let texts = (Self.frames(plain: true, count: 30) + Self.acks).map { Array(WireCodec.encode($0).utf8) }
        let bytes = Array(##"{}[],:"-0123456789.eE#aAfFtrue nl\"##.utf8)
        var g = Generator(state: 99)
        var read = 0
        for i in 0..<4000 {
            var text = texts[i % texts.count]
            for _ in 0...Int(g.next() % 3) {
                let at = Int(g.next() % UInt64(text.count))
                switch g.next() % 3 {
                case 0: text[at] = bytes[Int(g.next() % UInt64(bytes.count))]
                case 1: text.remove(at: at)
                default: text.insert(text[at], at: at)
                }
            }
            let message = String(decoding: text, as: UTF8.self)
            let (fast, full) = Self.answers(message)
            #expect(fast == full, "case \(i): \(message)")
            if fast.hasPrefix("read ") { read += 1 }
        }
        #expect(read > 200, "many damaged messages still decode: \(read)")
    }

    @Test func aDiffIsAppliedInPlaceAndRefusedWholeWhenACellIsOutside() throws {
        var screen: Frame? = Frame(width: 3, height: 2)
        let diff = FrameUpdate(
            seq: 2,
            width: 3,
            height: 2,
            cells: nil,
            changes: [.init(x: 2, y: 1, cell: Cell("@"))],
            messages: [],
            status: nil
        )
        try diff.apply(to: &screen)
        #expect(screen?[x: 2, y: 1] == Cell("@"))
        let outside = FrameUpdate(
            seq: 3,
            width: 3,
            height: 2,
            cells: nil,
            changes: [.init(x: 0, y: 0, cell: Cell("x")), .init(x: 3, y: 0, cell: Cell("y"))],
            messages: [],
            status: nil
        )
        let before = screen
        #expect(throws: ProtocolError.self) { try outside.apply(to: &screen) }
        #expect(screen == before, "a refused diff leaves the frame as it was")
    }
}
