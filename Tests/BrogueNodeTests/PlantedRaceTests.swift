import Foundation
import Synchronization
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
        let finished = DispatchSemaphore(value: 0)
        // Two threads of their own: a dispatch pool may run both loops on one thread, one after the other.
        for _ in 0..<2 {
            Thread.detachNewThread {
                for _ in 0..<100_000 { counter.value += 1 }
                finished.signal()
            }
        }
        finished.wait()
        finished.wait()
        #expect(counter.value > 0)
    }

    /// A counter behind a lock, as the node's connection state is.
    final class GuardedCounter: Sendable {
        let value = Mutex(0)
    }

    /// The control: the same two threads with the counter behind `Synchronization.Mutex`, as the
    /// node's connection state is. There is no race, and the total is exact; a ThreadSanitizer
    /// report here would be one about the lock, not the code (the reports on `ConnectionHandle`
    /// are all inside `Mutex.withLock`).
    @Test func twoThreadsAddToOneCounterUnderAMutex() {
        let counter = GuardedCounter()
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            Thread.detachNewThread {
                for _ in 0..<100_000 { counter.value.withLock { $0 += 1 } }
                finished.signal()
            }
        }
        finished.wait()
        finished.wait()
        #expect(counter.value.withLock { $0 } == 200_000)
    }
}
