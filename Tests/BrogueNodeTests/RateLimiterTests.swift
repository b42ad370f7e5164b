import Testing

@testable import BrogueNode

/// The token bucket behind the action rate, driven by time the test gives it.
@Suite struct RateLimiterTests {
    @Test func theBurstGoesAtOnceThenOneTokenComesBackPerSecondAtOneASecond() {
        var limiter = RateLimiter(rate: 1, burst: 3, now: .zero)
        let times: [Duration] = [.zero, .zero, .zero, .zero, .milliseconds(999), .seconds(1), .seconds(1)]
        let answers = times.map { limiter.allow(now: $0) }
        #expect(answers == [true, true, true, false, false, true, false])
    }

    @Test func aLongPauseRefillsNoMoreThanTheBurst() {
        var limiter = RateLimiter(rate: 10, burst: 2, now: .zero)
        let later = Duration.seconds(3600)
        let times: [Duration] = [.zero, .zero, later, later, later, later + .milliseconds(100)]
        let answers = times.map { limiter.allow(now: $0) }
        #expect(answers == [true, true, true, true, false, true], "at most the burst after an hour; 10 a second is a token per 100 ms")
    }
}
