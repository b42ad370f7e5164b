import Logging
import Testing

@testable import BrogueNode

/// `StartupWait` with counted time: what it retries, how its pauses grow, when it gives up.
@Suite struct StartupWaitTests {
    struct Refused: Error, CustomStringConvertible {
        let transient: Bool
        var description: String { transient ? "connection refused" : "password authentication failed" }
    }

    /// A clock that moves only when the wait pauses, and the pauses it was asked for.
    final class CountedTime: @unchecked Sendable {
        var now = 0.0
        var pauses: [Double] = []
    }

    static func run(limit: Double, failures: [Refused], time: CountedTime) async throws -> (value: Int, calls: Int) {
        var wait = StartupWait(limit: limit)
        wait.firstPause = 0.25
        wait.longestPause = 1
        var calls = 0
        let value = try await wait.run(
            "the server",
            logger: Logger(label: "test"),
            isTransient: { ($0 as? Refused)?.transient == true },
            elapsed: { time.now },
            pause: {
                time.pauses.append($0)
                time.now += $0
            },
            operation: {
                calls += 1
                if calls <= failures.count { throw failures[calls - 1] }
                return 42
            }
        )
        return (value, calls)
    }

    @Test func transientFailuresAreRetriedWithPausesThatDoubleUpToTheLongest() async throws {
        let time = CountedTime()
        let result = try await Self.run(limit: 60, failures: Array(repeating: Refused(transient: true), count: 5), time: time)
        #expect(result.value == 42 && result.calls == 6)
        #expect(time.pauses == [0.25, 0.5, 1, 1, 1])
    }

    @Test func aFailureTimeCannotMendIsThrownAtOnce() async throws {
        let time = CountedTime()
        await #expect(throws: Refused.self) {
            _ = try await Self.run(limit: 60, failures: [Refused(transient: true), Refused(transient: false)], time: time)
        }
        #expect(time.pauses == [0.25])
    }

    @Test func whenTheTimeRunsOutTheLastErrorIsThrownWithHowLongItTried() async throws {
        let time = CountedTime()
        do {
            _ = try await Self.run(limit: 2, failures: Array(repeating: Refused(transient: true), count: 100), time: time)
            Issue.record("the wait never gave up")
        } catch let error as StartupWait.GaveUp {
            // Attempts at 0, 0.25, 0.75 and 1.75 s; the next pause (1 s) would pass the limit.
            #expect(error.attempts == 4 && time.pauses == [0.25, 0.5, 1])
            #expect(
                "\(error)"
                    == "connection refused (the server: tried 4 times over 2 s; BROGUE_STARTUP_WAIT sets how many seconds a node waits for it at start)"
            )
        }
    }

    @Test func aLimitOfZeroTriesOnce() async throws {
        let time = CountedTime()
        await #expect(throws: StartupWait.GaveUp.self) {
            _ = try await Self.run(limit: 0, failures: [Refused(transient: true)], time: time)
        }
        #expect(time.pauses.isEmpty)
    }
}
