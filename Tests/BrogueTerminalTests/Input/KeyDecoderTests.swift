import BrogueFrame
import BrogueTerminal
import Testing

@Suite struct KeyDecoderTests {
    private func decode(_ text: String) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(Array(text.utf8)) + decoder.flush()
    }

    @Test func printableCharactersIncludingUTF8() {
        #expect(decode("aZ 9~") == [.character("a"), .character("Z"), .character(" "), .character("9"), .character("~")])
        #expect(decode("é€😀") == [.character("é"), .character("€"), .character("😀")])
    }

    @Test func editingKeys() {
        #expect(decode("\r") == [.enter])
        #expect(decode("\n") == [.enter])
        #expect(decode("\t") == [.tab])
        #expect(decode("\u{7F}") == [.backspace])
        #expect(decode("\u{08}") == [.backspace])
        #expect(decode("\u{1B}[Z") == [.backTab])
    }

    @Test func controlLetters() {
        #expect(decode("\u{01}") == [.control("a")])
        #expect(decode("\u{03}") == [.control("c")], "Ctrl-C is a key in raw mode, not a signal")
        #expect(decode("\u{1A}") == [.control("z")])
        #expect(decode("\u{12}") == [.control("r")])
        #expect(decode("\u{00}\u{1C}\u{1D}\u{1E}\u{1F}").isEmpty)
    }

    @Test(arguments: [
        ("\u{1B}[A", Key.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left),
        ("\u{1B}[1;5A", .up), ("\u{1B}[1;2D", .left),
    ])
    func arrows(sequence: String, key: Key) {
        #expect(decode(sequence) == [key])
    }

    @Test(arguments: [
        ("\u{1B}[1~", Key.home), ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete), ("\u{1B}[4~", .end),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
        ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
        ("\u{1B}[3;5~", .delete),
    ])
    func navigationKeys(sequence: String, key: Key) {
        #expect(decode(sequence) == [key])
    }

    @Test func numericKeypadInApplicationMode() {
        let digits = "pqrstuvwxy".map { "\u{1B}O\($0)" }.joined()
        #expect(decode(digits) == "0123456789".map { .character($0) })
        #expect(decode("\u{1B}OM") == [.enter])
        #expect(decode("\u{1B}OE") == [.center])
        #expect(decode("\u{1B}[E") == [.center])
        #expect(decode("\u{1B}Oj\u{1B}Ok\u{1B}Om\u{1B}On\u{1B}Oo") == "*+-./".map { .character($0) })
    }

    @Test(arguments: [
        ("\u{1B}OP", 1), ("\u{1B}OQ", 2), ("\u{1B}OR", 3), ("\u{1B}OS", 4),
        ("\u{1B}[11~", 1), ("\u{1B}[12~", 2), ("\u{1B}[13~", 3), ("\u{1B}[14~", 4),
        ("\u{1B}[[A", 1), ("\u{1B}[[D", 4), ("\u{1B}[1;2P", 1),
        ("\u{1B}[15~", 5), ("\u{1B}[17~", 6), ("\u{1B}[21~", 10), ("\u{1B}[24~", 12),
    ])
    func functionKeys(sequence: String, number: Int) {
        #expect(decode(sequence) == [.function(number)])
    }

    @Test func loneEscapeWaitsForTheTimeout() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.hasPending)
        #expect(decoder.flush().isEmpty)
    }

    @Test func sequencesSplitAcrossReadsAreKept() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.feed(Array("[".utf8)).isEmpty)
        #expect(decoder.feed(Array("2".utf8)).isEmpty)
        #expect(decoder.feed(Array("4~x".utf8)) == [.function(12), .character("x")])
        #expect(decoder.feed([0x1B, UInt8(ascii: "O")]).isEmpty)
        #expect(decoder.feed(Array("s".utf8)) == [.character("3")])
        let euro = Array("€".utf8)
        #expect(decoder.feed(euro[0..<1]).isEmpty)
        #expect(decoder.feed(euro[1..<2]).isEmpty)
        #expect(decoder.feed(euro[2..<3]) == [.character("€")])
        #expect(!decoder.hasPending)
    }

    @Test func escapeThenKeyIsTwoKeys() {
        #expect(decode("\u{1B}i") == [.escape, .character("i")])
        #expect(decode("\u{1B}\u{1B}[A") == [.escape, .up])
        var decoder = KeyDecoder()
        #expect(decoder.feed(Array("\u{1B}[1".utf8)).isEmpty)
        #expect(decoder.flush() == [.escape, .character("["), .character("1")], "a cut-off sequence read as typed")
    }

    @Test func unknownSequencesAreDroppedWhole() {
        #expect(decode("a\u{1B}[99~b") == [.character("a"), .character("b")])
        #expect(decode("\u{1B}[<0;10;5M") == [], "mouse report")
        #expect(decode("\u{1B}[?1;2c") == [], "device attributes reply")
        #expect(decode("\u{1B}[1 q") == [], "intermediate byte")
        #expect(decode("\u{1B}Oz!") == [.character("!")])
        #expect(decode("\u{1B}[[Zq") == [.character("q")])
        #expect(decode("\u{1B}[12\u{03}") == [.control("c")], "a control byte cuts the sequence short")
        let long = "\u{1B}[" + String(repeating: "1;", count: 40) + "A" + "k"
        #expect(decode(long).last == .character("k"))
    }

    @Test func invalidUTF8IsDropped() {
        var decoder = KeyDecoder()
        let bad: [UInt8] = [0xFF, 0xC0, 0xAF, 0x80, 0xED, 0xA0, 0x80, 0xC2, 0x85, 0xE2, 0x41]
        #expect(decoder.feed(bad) + decoder.flush() == [.character("A")])
        #expect(decoder.feed([0xE2, 0x82]).isEmpty)
        #expect(decoder.flush().isEmpty, "an unfinished character is dropped, not guessed")
    }

    @Test func randomBytesNeverTrapAndNeverGrowWithoutBound() {
        var generator = SplitMix(seed: 2024)
        var decoder = KeyDecoder()
        var keys = 0
        for _ in 0..<2000 {
            let count = Int(generator.next() % 12)
            let bytes = (0..<count).map { _ -> UInt8 in
                // Lean towards escape-sequence bytes so the parser's odd corners are reached.
                let roll = generator.next()
                switch roll % 4 {
                case 0: return 0x1B
                case 1: return Array("[O;0123456789~ABCDHFPQRSpqyM".utf8)[Int(roll >> 8) % 28]
                default: return UInt8(truncatingIfNeeded: roll >> 16)
                }
            }
            keys += decoder.feed(bytes).count
            if generator.next() % 5 == 0 { keys += decoder.flush().count }
        }
        keys += decoder.flush().count
        #expect(keys > 0)
        #expect(!decoder.hasPending)
    }
}
