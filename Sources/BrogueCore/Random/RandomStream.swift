/// A deterministic stream of random numbers for the rules.
///
/// Each game owns two: the *substantive* stream decides everything that changes the outcome
/// (combat, AI, item effects, level generation); the *cosmetic* stream decides only what
/// changes how things look or read (flavour text, colour flicker). Drawing from the cosmetic
/// stream never changes `stateHash`. Rules never use Swift's global `random()`.
///
/// ```swift
/// var rng = RandomStream(seed: 42)
/// let roll = rng.int(in: 1...6)
/// ```
public struct RandomStream: Sendable, Hashable, Codable {
    public private(set) var generator: Xoshiro256

    public init(seed: UInt64) { generator = Xoshiro256(seed: seed) }

    /// The next raw 64-bit value.
    public mutating func next() -> UInt64 { generator.next() }

    /// A uniform integer in `0..<bound`, without modulo bias (Lemire's method).
    /// - Parameter bound: must be at least 1.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `percent` / 100 (clamped to 0...100).
    public mutating func percent(_ percent: Int) -> Bool {
        if percent <= 0 { return false }
        if percent >= 100 { return true }
        return below(100) < percent
    }

    /// A "clumped" roll, as Brogue rolls damage: the range is split into `clump` dice whose
    /// sum covers it, so higher clump values pull results toward the middle.
    public mutating func clumped(_ range: ClosedRange<Int>, clump: Int) -> Int {
        let lo = range.lowerBound
        let span = range.upperBound - lo
        let dice = max(1, min(clump, span == 0 ? 1 : span))
        if dice == 1 { return int(in: range) }
        let each = span / dice
        let extra = span % dice
        var total = lo
        for i in 0..<dice {
            total += below(each + (i < extra ? 1 : 0) + 1)
        }
        return total
    }

    /// A uniformly chosen element, or nil when empty.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element? where C.Index == Int {
        items.isEmpty ? nil : items[items.startIndex + below(items.count)]
    }

    /// An index chosen with probability proportional to `weights[i]`; nil when all are 0.
    public mutating func weightedIndex(_ weights: [Int]) -> Int? {
        let total = weights.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else { return nil }
        var roll = below(total)
        for (i, w) in weights.enumerated() where w > 0 {
            if roll < w { return i }
            roll -= w
        }
        return nil
    }

    /// Fisher-Yates shuffle in place.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}
