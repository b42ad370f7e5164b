import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
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

    /// Whether the sanitizer checks were asked for (scripts/sanitize-node-tests.sh sets it).
    static let planted = ProcessInfo.processInfo.environment["BROGUE_PLANT_RACE"] == "1"

    /// Starts `body` on two threads of their own at once (a dispatch pool may run two jobs on one
    /// thread, one after the other) and returns when both have finished. Both wait for the same
    /// start, so the loops overlap instead of the first ending before the second thread exists.
    static func onTwoThreads(_ body: @escaping @Sendable () -> Void) {
        let start = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            Thread.detachNewThread {
                start.wait()
                body()
                finished.signal()
            }
        }
        start.signal()
        start.signal()
        finished.wait()
        finished.wait()
    }

    @Test(.enabled(if: planted))
    func twoThreadsWriteOneCounterWithoutALock() {
        let counter = UnguardedCounter()
        Self.onTwoThreads {
            for _ in 0..<100_000 { counter.value += 1 }
        }
        #expect(counter.value > 0)
    }

    /// A counter behind a lock, as the node's connection state is.
    final class GuardedCounter: Sendable {
        let value = Mutex(0)
    }

    /// A control: the same two threads with the counter behind `Synchronization.Mutex`. There is
    /// no race, and the total is exact; ThreadSanitizer reports it all the same (Mutex waits on a
    /// futex, which it does not model on Linux), which is why the node's and its tools' shared
    /// state is behind NIO's pthread lock instead. Run with the planted race only.
    @Test(.enabled(if: planted))
    func twoThreadsAddToOneCounterUnderAMutex() {
        let counter = GuardedCounter()
        Self.onTwoThreads {
            for _ in 0..<100_000 { counter.value.withLock { $0 += 1 } }
        }
        #expect(counter.value.withLock { $0 } == 200_000)
    }

    /// The same counter behind NIO's lock (a pthread mutex, which ThreadSanitizer models): the
    /// lock the node's shared state uses. A report here would mean the sanitizer cannot judge
    /// locked code at all.
    @Test func twoThreadsAddToOneCounterUnderAPthreadLock() {
        let counter = NIOLockedValueBox(0)
        Self.onTwoThreads {
            for _ in 0..<100_000 { counter.withLockedValue { $0 += 1 } }
        }
        #expect(counter.withLockedValue { $0 } == 200_000)
    }

    /// A value an event loop makes and hands to a waiting task, as NIO hands a WebSocket frame
    /// from its decoder to the task that reads the connection.
    final class Made: @unchecked Sendable {
        var data: [UInt8] = []
    }

    /// The hand-off control: an object made and filled on an event loop thread, then given to
    /// the task awaiting it through a continuation; the task reads it only after the resume, so
    /// there is no race. ThreadSanitizer reports it all the same: on Linux it does not see the
    /// continuation's resume order the two threads. The reports inside NIO's `WebSocketFrame`
    /// are this hand-off (scripts/tsan-suppressions.txt). Run with the planted race only.
    @Test(.enabled(if: planted))
    func anObjectMadeOnAnEventLoopAndHandedToATaskUnderAContinuation() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        var total = 0
        for round in 0..<200 {
            let made = await withCheckedContinuation { (continuation: CheckedContinuation<Made, Never>) in
                loop.execute {
                    let made = Made()
                    made.data = Array(repeating: UInt8(truncatingIfNeeded: round), count: 64)
                    continuation.resume(returning: made)
                }
            }
            total += made.data.count
        }
        #expect(total == 200 * 64)
    }
}
