/// How long a reconnecting client waits before each attempt: exponential with jitter and a cap,
/// so clients dropped together by a drain do not all knock on the next node at the same instant.
public struct Backoff: Sendable, Equatable {
    /// The longest wait before the first attempt (the first attempt waits 0...first).
    public var first: Duration
    /// The longest wait before any attempt.
    public var cap: Duration

    public init(first: Duration = .milliseconds(100), cap: Duration = .seconds(5)) {
        self.first = first
        self.cap = cap
    }

    /// The wait before attempt `attempt` (1 for the first): 0...first for the first (another node
    /// may be up already), then half to all of `first * 2^(attempt-1)`, at most `cap`.
    public func delay(before attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let firstMS = Double(first.components.seconds) * 1000 + Double(first.components.attoseconds) / 1e15
        let capMS = Double(cap.components.seconds) * 1000 + Double(cap.components.attoseconds) / 1e15
        guard attempt > 1 else { return .milliseconds(Int64(Double.random(in: 0...max(firstMS, 0), using: &random))) }
        let ceiling = min(capMS, firstMS * Double(1 << min(attempt - 1, 30)))
        return .milliseconds(Int64(Double.random(in: (ceiling / 2)...max(ceiling, 0), using: &random)))
    }
}
