import BrogueFrame
import Foundation
import Testing

@Suite struct FrameTests {
    @Test func startsBlankAndIndexesRowByRow() {
        var frame = Frame(width: 4, height: 3)
        #expect(frame.cells.count == 12)
        #expect(frame.cells.allSatisfy { $0 == .blank })
        frame[x: 3, y: 1] = Cell("@", fg: .white)
        #expect(frame.cells[1 * 4 + 3].glyph == "@")
        #expect(frame[x: 3, y: 1] == Cell("@", fg: .white))
        #expect(frame.contains(x: 3, y: 2))
        #expect(!frame.contains(x: 4, y: 0))
        #expect(!frame.contains(x: 0, y: -1))
    }

    @Test func negativeSizesBecomeEmpty() {
        let frame = Frame(width: -3, height: 5)
        #expect(frame.width == 0)
        #expect(frame.cells.isEmpty)
    }

    @Test func putClipsAtEveryEdge() {
        var frame = Frame(width: 5, height: 2)
        let end = frame.put("Hello, world", x: 2, y: 0, fg: .yellow, bg: .blue, bold: true)
        #expect(end == 14)
        #expect(row(frame, 0) == "  Hel")
        #expect(frame[x: 2, y: 0] == Cell("H", fg: .yellow, bg: .blue, bold: true))

        frame.put("abcdefg", x: -3, y: 1, fg: .white)
        #expect(row(frame, 1) == "defg ")

        let before = frame
        frame.put("zz", x: 0, y: 2, fg: .white)
        frame.put("zz", x: 0, y: -1, fg: .white)
        frame.put("zz", x: 5, y: 0, fg: .white)
        #expect(frame == before)
    }

    @Test func putKeepsTheBackgroundWhenNoneIsGiven() {
        var frame = Frame(width: 3, height: 1, filledWith: Cell(".", bg: .red))
        frame.put("é!", x: 1, y: 0, fg: .white)
        #expect(frame[x: 1, y: 0] == Cell("é", fg: .white, bg: .red))
        #expect(frame[x: 2, y: 0] == Cell("!", fg: .white, bg: .red))
    }

    /// `put` reads all-ASCII text as bytes; every text, ASCII or not, must give the cells one
    /// `Cell(Character)` per character gives, clipped the same way.
    @Test(arguments: ["Depth 3   Turn 120", "a\r\nb", "tab\there", "café au lait", "", "x"])
    func putGivesOneCellPerCharacterWhateverTheText(_ text: String) {
        for x in [-4, 0, 3, 9] {
            var frame = Frame(width: 10, height: 2, filledWith: Cell(".", bg: .red))
            let end = frame.put(text, x: x, y: 1, fg: .yellow)
            var expected = Frame(width: 10, height: 2, filledWith: Cell(".", bg: .red))
            for (i, glyph) in text.enumerated() where expected.contains(x: x + i, y: 1) {
                expected[x: x + i, y: 1] = Cell(glyph, fg: .yellow, bg: .red)
            }
            #expect(end == x + text.count, "\(text) at \(x)")
            #expect(frame == expected, "\(text) at \(x)")
        }
    }

    @Test func glyphComparisonsByBytesAgreeWithCharacters() {
        let glyphs: [Character] = [" ", "@", "#", "é", "\u{2592}", "\r\n", "a"]
        for a in glyphs {
            for b in glyphs {
                let (x, y) = (Cell(a, fg: .red), Cell(b, fg: .blue, bold: true))
                #expect(x.hasSameGlyph(as: y) == (a == b), "\(a) against \(b)")
            }
            #expect(Cell(a).glyphIsSpace == (a == " "))
        }
    }

    @Test func fillClipsItsRectangle() {
        var frame = Frame(width: 4, height: 3)
        frame.fill(Cell("#"), x: -1, y: 1, width: 3, height: 5)
        #expect(row(frame, 0) == "    ")
        #expect(row(frame, 1) == "##  ")
        #expect(row(frame, 2) == "##  ")
        frame.fill(Cell("x"), x: 10, y: 0, width: 2, height: 2)
        frame.fill(Cell("x"), x: 0, y: 0, width: -2, height: 2)
        #expect(row(frame, 0) == "    ")
        frame.fill(Cell("%"))
        #expect(frame.cells.allSatisfy { $0.glyph == "%" })
        frame.clear(background: .blue)
        #expect(frame.cells.allSatisfy { $0 == Cell(" ", bg: .blue) })
    }

    @Test func paintSetsEachCellOfItsRectangleByOffset() {
        var frame = Frame(width: 6, height: 4)
        frame.paint(x: 1, y: 2, width: 3, height: 2) { dx, dy in Cell(Character(String(dx + 3 * dy))) }
        #expect(row(frame, 1) == "      ")
        #expect(row(frame, 2) == " 012  ")
        #expect(row(frame, 3) == " 345  ")
        let copy = frame
        frame.paint(x: 0, y: 0, width: 6, height: 1) { _, _ in Cell("#") }
        #expect(row(frame, 0) == "######")
        #expect(row(copy, 0) == "      ", "a copy of the frame keeps its cells")
    }

    @Test func roundTripsThroughJSON() throws {
        var frame = Frame(width: 3, height: 2)
        frame.put("@é", x: 0, y: 1, fg: .red, bg: .gray, bold: true)
        let data = try JSONEncoder().encode(frame)
        #expect(try JSONDecoder().decode(Frame.self, from: data) == frame)
    }

    @Test func rejectsHostileFrames() {
        let cell = ##"{"glyph":"a","fg":"#ffffff","bg":"#000000"}"##
        let bad = [
            ##"{"width":2,"height":1,"cells":[\##(cell)]}"##,
            ##"{"width":-1,"height":0,"cells":[]}"##,
            ##"{"width":100000,"height":100000,"cells":[]}"##,
            ##"{"width":1,"height":1,"cells":[{"glyph":"ab","fg":"#ffffff","bg":"#000000"}]}"##,
            ##"{"width":1,"height":1,"cells":[{"glyph":"","fg":"#ffffff","bg":"#000000"}]}"##,
        ]
        for json in bad {
            #expect(throws: DecodingError.self, "\(json)") {
                try JSONDecoder().decode(Frame.self, from: Data(json.utf8))
            }
        }
        #expect(throws: Never.self) {
            try JSONDecoder().decode(Frame.self, from: Data(##"{"width":1,"height":1,"cells":[\##(cell)]}"##.utf8))
        }
    }

    @Test func aCellKeepsItsGlyphAsPlainMemory() {
        // A cell holds no reference, so a frame copies and compares as plain memory.
        #expect(_isPOD(Cell.self))
        for glyph: Character in ["@", " ", "\u{0}", "\r\n", "·", "≈", "é", "e\u{301}", "🐉", "❤️", "🇬🇧"] {
            let cell = Cell(glyph, fg: .red)
            #expect(cell.glyph == glyph)
            #expect(cell.glyphUTF8 == Array(String(glyph).utf8))
            #expect(cell.asciiGlyph == (String(glyph).utf8.count == 1 ? glyph.asciiValue : nil))
        }
        // Over 8 bytes of UTF-8: the replacement character.
        #expect(Cell("👩‍👩‍👧").glyph == "\u{FFFD}")
        var cell = Cell("a")
        cell.glyph = "≈"
        #expect(cell == Cell("≈"))
        #expect(cell != Cell("a"))
    }

    private func row(_ frame: Frame, _ y: Int) -> String {
        String((0..<frame.width).map { frame[x: $0, y: y].glyph })
    }
}
