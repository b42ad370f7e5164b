/// A token bucket: `rate` actions a second on average, `burst` at once. Time comes from the
/// caller (`NodeClock.now`), so the bucket itself never reads a clock.
struct RateLimiter {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: Duration

    init(rate: Int, burst: Int, now: Duration) {
        self.rate = Double(max(rate, 1))
        self.burst = Double(max(burst, 1))
        tokens = self.burst
        last = now
    }

    /// Takes one token if there is one.
    mutating func allow(now: Duration) -> Bool {
        let elapsed = now - last
        last = now
        tokens = min(burst, tokens + elapsed.inSeconds * rate)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
