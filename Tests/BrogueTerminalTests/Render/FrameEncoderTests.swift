import BrogueFrame
import BrogueTerminal
import Testing

@Suite struct FrameEncoderTests {
    let trueColor = FrameEncoder(colorMode: .trueColor)
    let palette = FrameEncoder(colorMode: .palette256)

    @Test func unchangedFrameWritesNothing() {
        let frame = dungeon()
        #expect(trueColor.encode(from: frame, to: frame).isEmpty)
        #expect(palette.encode(from: frame, to: frame).isEmpty)
    }

    @Test func oneCellChangeWritesExactlyCursorColourAndGlyph() {
        let before = Frame(width: 3, height: 2)
        var after = before
        after[x: 1, y: 1] = Cell("@", fg: .white, bg: .black)
        let bytes = trueColor.encode(from: before, to: after)
        #expect(text(bytes) == "\u{1B}[2;2H\u{1B}[0;38;2;255;255;255;48;2;0;0;0m@")
        #expect(bytes.count <= 39)

        let indexed = palette.encode(from: before, to: after)
        #expect(text(indexed) == "\u{1B}[2;2H\u{1B}[0;38;5;231;48;5;16m@")
    }

    @Test func oneCellChangeInABusyFrameStaysSmall() {
        let before = dungeon()
        var after = before
        after[x: 50, y: 20] = Cell("g", fg: TermColor(rgb: 0x3FA03F), bg: before[x: 50, y: 20].bg, bold: true)
        let bytes = trueColor.encode(from: before, to: after)
        #expect(bytes.count <= 48, "\(text(bytes))")
        #expect(text(bytes).hasPrefix("\u{1B}[21;51H\u{1B}[0;1;38;2;"))
        #expect(text(bytes).hasSuffix("g"))
    }

    @Test func playerStepDiffIsUnderTwoHundredBytes() {
        let before = dungeon()
        var after = before
        // The player leaves (40, 15) for (41, 15); the sidebar's turn counter ticks.
        after[x: 40, y: 15] = Cell(".", fg: TermColor(rgb: 0x8C8C8C), bg: before[x: 40, y: 15].bg)
        after[x: 41, y: 15] = Cell("@", fg: .white, bg: before[x: 41, y: 15].bg, bold: true)
        after.put("Turn 1235", x: 81, y: 30, fg: .lightGray, bg: .black)
        for encoder in [trueColor, palette] {
            let bytes = encoder.encode(from: before, to: after)
            #expect(bytes.count < 200, "\(encoder.colorMode): \(bytes.count) bytes")
            #expect(difference(redraw(before, with: bytes), after, mode: encoder.colorMode) == nil)
        }
    }

    @Test func fullRedrawWithoutPreviousOrAfterResize() {
        let frame = dungeon()
        let first = trueColor.encode(from: nil, to: frame)
        #expect(text(first).hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"))
        #expect(difference(redraw(nil, with: first), frame) == nil)

        let resized = trueColor.encode(from: Frame(width: 80, height: 24), to: frame)
        #expect(resized == first)
    }

    @Test func runOfSameColoursSetsColourOnce() {
        let before = Frame(width: 20, height: 1)
        var after = before
        after.put("You see a goblin", x: 2, y: 0, fg: .yellow, bg: .black)
        let bytes = text(trueColor.encode(from: before, to: after))
        // "You" and "see" are one run; the unchanged spaces cost less to rewrite than to jump.
        #expect(bytes == "\u{1B}[1;3H\u{1B}[0;38;2;255;255;0;48;2;0;0;0mYou see a goblin")
    }

    @Test func smallGapIsRewrittenLargeGapIsJumped() {
        var before = Frame(width: 30, height: 1)
        before.put("..........", x: 0, y: 0, fg: .gray)
        var after = before
        after[x: 0, y: 0] = Cell("@", fg: .gray)
        after[x: 2, y: 0] = Cell("g", fg: .gray)
        after[x: 25, y: 0] = Cell("k", fg: .gray)
        let bytes = text(trueColor.encode(from: before, to: after))
        #expect(bytes == "\u{1B}[H\u{1B}[0;38;2;128;128;128;48;2;0;0;0m@.g\u{1B}[1;26Hk")
    }

    @Test func colourChangesOnlyTheParametersThatDiffer() {
        let before = Frame(width: 4, height: 1)
        var after = before
        after[x: 0, y: 0] = Cell("a", fg: .red, bg: .black)
        after[x: 1, y: 0] = Cell("b", fg: .red, bg: .blue)
        after[x: 2, y: 0] = Cell("c", fg: .green, bg: .blue, bold: true)
        after[x: 3, y: 0] = Cell("d", fg: .green, bg: .blue)
        let bytes = text(trueColor.encode(from: before, to: after))
        #expect(
            bytes
                == "\u{1B}[H\u{1B}[0;38;2;255;0;0;48;2;0;0;0ma\u{1B}[48;2;0;0;255mb\u{1B}[1;38;2;0;255;0mc\u{1B}[22md"
        )
    }

    @Test func blankCellsIgnoreTheirForeground() {
        let before = Frame(width: 3, height: 1, filledWith: Cell(" ", fg: .red))
        let after = Frame(width: 3, height: 1, filledWith: Cell(" ", fg: .green, bold: true))
        #expect(trueColor.encode(from: before, to: after).isEmpty)
    }

    @Test func coloursThatShareAPaletteEntryCostNothingIn256Colours() {
        let before = Frame(width: 2, height: 1, filledWith: Cell("#", fg: TermColor(rgb: 0xFF0000)))
        let after = Frame(width: 2, height: 1, filledWith: Cell("#", fg: TermColor(rgb: 0xFA0505)))
        #expect(palette.encode(from: before, to: after).isEmpty)
        #expect(!trueColor.encode(from: before, to: after).isEmpty)
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        let before = Frame(width: 5, height: 1)
        var after = before
        after[x: 0, y: 0] = Cell("\u{1B}")
        after[x: 1, y: 0] = Cell("\u{9B}")
        after[x: 2, y: 0] = Cell("\n")
        after[x: 3, y: 0] = Cell("\u{7F}")
        after[x: 4, y: 0] = Cell("\r\n")
        let bytes = trueColor.encode(from: before, to: after)
        #expect(text(bytes).hasSuffix("?????"))
        #expect(bytes.filter { $0 == 0x1B }.count == 2, "only the CUP and the SGR")
        #expect(!bytes.contains(0x0A))
    }

    @Test func lastColumnForgetsTheCursor() {
        let before = Frame(width: 3, height: 2)
        var after = before
        after[x: 2, y: 0] = Cell("a")
        after[x: 0, y: 1] = Cell("b")
        let bytes = text(trueColor.encode(from: before, to: after))
        #expect(bytes.hasSuffix("a\u{1B}[2Hb"))
    }

    @Test func wideGlyphsGoOutAsUTF8() {
        let before = Frame(width: 2, height: 1)
        var after = before
        after[x: 0, y: 0] = Cell("·")
        after[x: 1, y: 0] = Cell("♣")
        #expect(text(trueColor.encode(from: before, to: after)).hasSuffix("·♣"))
    }

    @Test func randomChangesAlwaysReproduceTheFrame() {
        var generator = SplitMix(seed: 77)
        var frame = dungeon()
        for _ in 0..<40 {
            var next = frame
            for _ in 0..<Int(generator.next() % 60) {
                let x = Int(generator.next() % 100)
                let y = Int(generator.next() % 34)
                let glyph = Character(Unicode.Scalar(UInt8(33 + generator.next() % 90)))
                let fg = TermColor(rgb: UInt32(truncatingIfNeeded: generator.next()))
                let bg = generator.next() % 2 == 0 ? next[x: x, y: y].bg : TermColor(rgb: UInt32(truncatingIfNeeded: generator.next()))
                next[x: x, y: y] = Cell(glyph, fg: fg, bg: bg, bold: generator.next() % 4 == 0)
            }
            #expect(difference(redraw(frame, with: trueColor.encode(from: frame, to: next)), next) == nil)
            frame = next
        }
    }

    /// A 100 x 34 screen like Brogue's: a lit 79 x 29 map, a sidebar and message lines.
    private func dungeon() -> Frame {
        var frame = Frame(width: 100, height: 34)
        var generator = SplitMix(seed: 3)
        for y in 3..<32 {
            for x in 21..<100 {
                let wall = x == 21 || x == 99 || y == 3 || y == 31 || generator.next() % 9 == 0
                let light = Int(generator.next() % 40)
                let bg = TermColor(r: UInt8(20 + light), g: UInt8(18 + light), b: UInt8(30 + light / 2))
                frame[x: x, y: y] = wall ? Cell("#", fg: TermColor(rgb: 0x9A8A70), bg: bg) : Cell(".", fg: TermColor(rgb: 0x8C8C8C), bg: bg)
            }
        }
        frame[x: 40, y: 15] = Cell("@", fg: .white, bg: frame[x: 40, y: 15].bg, bold: true)
        frame.put("Rogue", x: 1, y: 3, fg: .white, bg: .black)
        frame.put("Health: 40/40", x: 1, y: 4, fg: .red, bg: .black)
        frame.put("Turn 1234", x: 81, y: 30, fg: .lightGray, bg: .black)
        frame.put("Welcome to the Dungeons of Doom!", x: 21, y: 0, fg: .yellow, bg: .black)
        return frame
    }
}

/// Where two frames look different, or `nil` when they look the same: a blank's foreground
/// and boldness do not show, and in 256 colours only the palette entry does.
private func difference(_ shown: Frame?, _ expected: Frame, mode: ColorMode = .trueColor) -> String? {
    guard let shown else { return "the output held a sequence the replay does not know" }
    guard shown.width == expected.width, shown.height == expected.height else { return "size differs" }
    func look(_ color: TermColor) -> TermColor {
        mode == .trueColor ? color : Palette256.color(for: Palette256.index(for: color))!
    }
    for y in 0..<shown.height {
        for x in 0..<shown.width {
            let a = shown[x: x, y: y]
            let b = expected[x: x, y: y]
            let same =
                a.glyph == b.glyph && look(a.bg) == look(b.bg)
                && (a.glyph == " " || (look(a.fg) == look(b.fg) && a.bold == b.bold))
            if !same { return "(\(x), \(y)): shown \(a), expected \(b)" }
        }
    }
    return nil
}

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Replays encoder output on a frame, as a terminal would: CUP, SGR (the subset the encoder
/// writes), `ESC[2J`, and glyphs that advance the cursor. Anything else fails the test.
private func redraw(_ start: Frame?, with bytes: [UInt8]) -> Frame? {
    var screen = start ?? Frame(width: 100, height: 34)
    var x = 0
    var y = 0
    var fg = TermColor.lightGray
    var bg = TermColor.black
    var bold = false
    var index = 0
    let characters = Array(text(bytes).unicodeScalars)
    func number(_ s: Substring) -> Int { Int(s) ?? 0 }
    while index < characters.count {
        let scalar = characters[index]
        if scalar == "\u{1B}" {
            guard characters[index + 1] == "[" else { return nil }
            var end = index + 2
            while !("@"..."~").contains(characters[end]) { end += 1 }
            let parameters = String(String.UnicodeScalarView(characters[(index + 2)..<end]))
            switch characters[end] {
            case "H":
                let parts = parameters.split(separator: ";", omittingEmptySubsequences: false)
                y = parts.isEmpty || parts[0].isEmpty ? 0 : number(parts[0]) - 1
                x = parts.count < 2 ? 0 : number(parts[1]) - 1
            case "J":
                screen.clear()
            case "m":
                var values = parameters.split(separator: ";").map(number)[...]
                if parameters.isEmpty { values = [0] }
                while let code = values.popFirst() {
                    switch code {
                    case 0: (fg, bg, bold) = (.lightGray, .black, false)
                    case 1: bold = true
                    case 22: bold = false
                    case 38, 48:
                        let color: TermColor
                        if values.popFirst() == 2 {
                            color = TermColor(r: UInt8(values.popFirst()!), g: UInt8(values.popFirst()!), b: UInt8(values.popFirst()!))
                        } else {
                            color = Palette256.color(for: UInt8(values.popFirst()!))!
                        }
                        if code == 38 { fg = color } else { bg = color }
                    default: return nil
                    }
                }
            default: return nil
            }
            index = end + 1
        } else {
            screen[x: x, y: y] = Cell(Character(scalar), fg: fg, bg: bg, bold: bold)
            x += 1
            index += 1
        }
    }
    return screen
}
