import BrogueNode
import NIOConcurrencyHelpers

/// A steady clock the test moves by hand: idle timeouts, rate limits and drain bounds are
/// checked by moving time, never by waiting for it, so a loaded machine changes nothing.
final class ManualClock: NodeClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Duration
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Duration.zero
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        /// Sleeps cancelled before they were registered.
        var cancelled: Set<UInt64> = []
        /// Tasks in `nextDeadline()` waiting for someone to sleep.
        var watchers: [UInt64: CheckedContinuation<Void, any Error>] = [:]
    }

    private let state = NIOLockedValueBox(State())

    var now: Duration { state.withLockedValue { $0.now } }

    func sleep(until deadline: Duration) async throws {
        let id = state.withLockedValue { s in
            defer { s.nextID += 1 }
            return s.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                let (outcome, watchers) = state.withLockedValue { s -> (Result<Void, any Error>?, [CheckedContinuation<Void, any Error>]) in
                    if s.cancelled.remove(id) != nil { return (.failure(CancellationError()), []) }
                    if s.now >= deadline { return (.success(()), []) }
                    s.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: c))
                    defer { s.watchers = [:] }
                    return (nil, Array(s.watchers.values))
                }
                for w in watchers { w.resume() }
                if let outcome { c.resume(with: outcome) }
            }
        } onCancel: {
            self.cancel(id)
        }
    }

    /// Moves time on by `step`, waking every sleep whose deadline it reaches.
    func advance(by step: Duration) {
        let woken = state.withLockedValue { s -> [Sleeper] in
            s.now += step
            let now = s.now
            defer { s.sleepers.removeAll { $0.deadline <= now } }
            return s.sleepers.filter { $0.deadline <= now }
        }
        for sleeper in woken { sleeper.continuation.resume() }
    }

    /// Waits until something sleeps on this clock, then moves time to the earliest deadline
    /// (no further), waking whoever waits for it.
    /// - Returns: the new time.
    @discardableResult
    func advanceToNextDeadline() async throws -> Duration {
        while true {
            if let next = state.withLockedValue({ $0.sleepers.map(\.deadline).min() }) {
                advance(by: max(next - now, .zero))
                return now
            }
            let id = state.withLockedValue { s in
                defer { s.nextID += 1 }
                return s.nextID
            }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, any Error>) in
                    let outcome = state.withLockedValue { s -> Result<Void, any Error>? in
                        if s.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                        if !s.sleepers.isEmpty { return .success(()) }
                        s.watchers[id] = c
                        return nil
                    }
                    if let outcome { c.resume(with: outcome) }
                }
            } onCancel: {
                self.cancel(id)
            }
        }
    }

    private func cancel(_ id: UInt64) {
        let waiting = state.withLockedValue { s -> CheckedContinuation<Void, any Error>? in
            if let i = s.sleepers.firstIndex(where: { $0.id == id }) { return s.sleepers.remove(at: i).continuation }
            if let w = s.watchers.removeValue(forKey: id) { return w }
            s.cancelled.insert(id)
            return nil
        }
        waiting?.resume(throwing: CancellationError())
    }
}
