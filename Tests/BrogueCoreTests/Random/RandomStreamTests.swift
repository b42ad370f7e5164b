import BrogueCore
import Testing

@Suite struct RandomStreamTests {
    /// Reference values from an independent Python implementation of SplitMix64 seeding and
    /// xoshiro256**: if these change, every saved game and replay breaks.
    @Test(arguments: [
        (UInt64(0), [0x99ec_5f36_cb75_f2b4, 0xbf6e_1f78_4956_452a, 0x1a5f_849d_4933_e6e0, 0x6aa5_94f1_262d_2d2c] as [UInt64]),
        (UInt64(42), [0x1578_0b2e_0c2e_c716, 0x6104_d986_6d11_3a7e, 0xae17_5332_39e4_99a1, 0xecb8_ad47_03b3_60a1] as [UInt64]),
    ])
    func matchesReferenceImplementation(seed: UInt64, expected: [UInt64]) {
        var g = Xoshiro256(seed: seed)
        #expect((0..<4).map { _ in g.next() } == expected)
    }

    @Test func boundedDrawsStayInRangeAndCoverIt() {
        var rng = RandomStream(seed: 7)
        var counts = Array(repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.int(in: 1...6) - 1] += 1 }
        // Each face expects 10,000; a fair die stays within 5% with overwhelming probability.
        for c in counts { #expect((9_500...10_500).contains(c), "face count \(c)") }
    }

    @Test func clumpedRollsStayInRangeAndCentre() {
        var rng = RandomStream(seed: 9)
        var histogram = Array(repeating: 0, count: 11)
        for _ in 0..<20_000 {
            let v = rng.clumped(0...10, clump: 3)
            #expect((0...10).contains(v))
            histogram[v] += 1
        }
        #expect(histogram[5] > histogram[0] * 5, "clumping should pull rolls toward the middle: \(histogram)")
    }

    @Test func weightedIndexRespectsZeroWeights() {
        var rng = RandomStream(seed: 3)
        for _ in 0..<1_000 {
            let i = rng.weightedIndex([0, 5, 0, 1])
            #expect(i == 1 || i == 3)
        }
        #expect(rng.weightedIndex([0, 0]) == nil)
    }

    @Test func shuffleIsAPermutationAndSeeded() {
        var a = Array(0..<50)
        var b = Array(0..<50)
        var r1 = RandomStream(seed: 5)
        var r2 = RandomStream(seed: 5)
        r1.shuffle(&a)
        r2.shuffle(&b)
        #expect(a == b)
        #expect(a.sorted() == Array(0..<50))
        #expect(a != Array(0..<50))
    }
}
