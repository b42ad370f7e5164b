import BrogueFrame
import BrogueTerminal
import Testing

@Suite struct Palette256Tests {
    @Test(arguments: [
        (TermColor.red, UInt8(196)),
        (TermColor.white, UInt8(231)),
        (TermColor.black, UInt8(16)),
        (TermColor.green, UInt8(46)),
        (TermColor.blue, UInt8(21)),
        (TermColor(rgb: 0x808080), UInt8(244)),
        (TermColor(rgb: 0x080808), UInt8(232)),
        (TermColor(rgb: 0xEEEEEE), UInt8(255)),
        (TermColor(rgb: 0x5F87AF), UInt8(67)),
        (TermColor(rgb: 0xFF8000), UInt8(208)),
    ])
    func mapsKnownColours(color: TermColor, index: UInt8) {
        #expect(Palette256.index(for: color) == index)
    }

    @Test func everyPaletteColourMapsToItselfOrAnEqualColour() {
        for index in UInt8(16)...UInt8(255) {
            let color = try! #require(Palette256.color(for: index))
            let mapped = Palette256.index(for: color)
            #expect(Palette256.color(for: mapped) == color, "index \(index) -> \(mapped)")
        }
        #expect(Palette256.color(for: 7) == nil)
    }

    @Test func nearestIsNoWorseThanAnyOtherEntry() {
        var generator = SplitMix(seed: 9)
        for _ in 0..<2000 {
            let random = generator.next()
            // Every other colour near-grey, where the cube and the ramp compete.
            let base = UInt8(truncatingIfNeeded: random)
            let color =
                random & 0x100 == 0
                ? TermColor(rgb: UInt32(truncatingIfNeeded: random >> 16))
                : TermColor(r: base, g: base &+ UInt8(random >> 9 & 3), b: base &- UInt8(random >> 11 & 3))
            let chosen = Palette256.color(for: Palette256.index(for: color))!
            let best = (16...255).map { distance(color, Palette256.color(for: UInt8($0))!) }.min()!
            #expect(distance(color, chosen) == best, "\(color)")
        }
    }

    private func distance(_ a: TermColor, _ b: TermColor) -> Int {
        let dr = Int(a.r) - Int(b.r)
        let dg = Int(a.g) - Int(b.g)
        let db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}

/// A tiny seeded generator so the tests' "random" input is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
