/// The moves of a load-test bot: explore (`x`) while the rules take it, and for the 20 moves
/// after they refuse it (nothing left to explore, or something in the way), a random step or,
/// one time in six, the stairs down. `brogue loadtest` plays these, and `brogue bench`'s game
/// memory by age plays the same, so the two age games alike.
public struct BotMoves: Sendable {
    private var waitBeforeExploring = 0

    public init() {}

    /// The next move, as the wire's action text.
    public mutating func next(using rng: inout some RandomNumberGenerator) -> String {
        guard waitBeforeExploring > 0 else { return "x" }
        waitBeforeExploring -= 1
        return Int.random(in: 0..<6, using: &rng) == 0 ? ">" : "m\(Int.random(in: 0..<8, using: &rng))"
    }

    /// The rules refused `action`.
    public mutating func refused(_ action: String) {
        if action == "x" { waitBeforeExploring = 20 }
    }
}
