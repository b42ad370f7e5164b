import Foundation
import Testing

/// A data race on purpose, to show that ThreadSanitizer reports races in this build
/// (scripts/sanitize-node-tests.sh runs it with BROGUE_PLANT_RACE=1 and expects the report).
/// Off otherwise: it asserts nothing and a race is undefined behaviour.
@Suite struct PlantedRaceTests {
    /// A counter that says it is Sendable and is not: the race the sanitizer must see.
    final class UnguardedCounter: @unchecked Sendable {
        var value = 0
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["BROGUE_PLANT_RACE"] == "1"))
    func twoThreadsWriteOneCounterWithoutALock() {
        let counter = UnguardedCounter()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for _ in 0..<10_000 { counter.value += 1 }
        }
        #expect(counter.value > 0)
    }
}
