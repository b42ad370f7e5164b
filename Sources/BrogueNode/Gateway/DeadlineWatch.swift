import NIOConcurrencyHelpers

/// The time limits of every open connection (the idle timeout, the wait for a refused
/// connection's first message), kept by one task for the whole node instead of one per
/// connection: an idle connection then costs a dictionary entry, not a task's stack (docs/node.md,
/// "What a session and a game hold").
///
/// It sleeps on the node's steady clock (`NodeConfig.steadyClock`), not on an event loop's timer,
/// so tests that move a clock by hand still decide when a limit falls. The task runs only while
/// some deadline is watched; a deadline earlier than the one it sleeps for restarts it.
final class DeadlineWatch: Sendable {
    /// Asked at or after its time with the clock's `now`: returns when to ask again, or nil when
    /// it is done (it did what its limit asks, or has nothing left to watch).
    typealias Look = @Sendable (_ now: Duration) -> Duration?

    /// A watched deadline, for `forget`.
    struct Token: Hashable, Sendable {
        fileprivate let id: UInt64
    }

    private struct Entry {
        var next: Duration
        let look: Look
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextID: UInt64 = 0
        /// Which task is the current one: an older one that wakes up does nothing.
        var generation = 0
        var task: Task<Void, Never>?
        var sleepingUntil: Duration?
    }

    private let clock: any NodeClock
    private let state = NIOLockedValueBox(State())

    init(clock: any NodeClock) { self.clock = clock }

    /// Watches a new deadline: `look` is first asked at `first`.
    func watch(first: Duration, look: @escaping Look) -> Token {
        state.withLockedValue { s in
            let id = s.nextID
            s.nextID += 1
            s.entries[id] = Entry(next: first, look: look)
            if s.task == nil || s.sleepingUntil.map({ first < $0 }) == true { restart(&s) }
            return Token(id: id)
        }
    }

    /// Stops watching (a closed connection); nothing happens when it was already done.
    func forget(_ token: Token) {
        state.withLockedValue { s in
            guard s.entries.removeValue(forKey: token.id) != nil, s.entries.isEmpty else { return }
            s.generation += 1
            s.task?.cancel()
            s.task = nil
            s.sleepingUntil = nil
        }
    }

    /// How many deadlines are watched (tests).
    var count: Int { state.withLockedValue { $0.entries.count } }

    private func restart(_ s: inout State) {
        s.generation += 1
        s.task?.cancel()
        s.sleepingUntil = nil
        let generation = s.generation
        s.task = Task { await self.run(generation) }
    }

    private func run(_ generation: Int) async {
        while true {
            let now = clock.now
            let due = state.withLockedValue { s -> [(UInt64, Look)]? in
                guard s.generation == generation else { return nil }
                return s.entries.filter { $0.value.next <= now }.map { ($0.key, $0.value.look) }
            }
            guard let due else { return }
            // Asked outside the lock: a look may end its connection, which forgets it.
            let answers = due.map { ($0.0, $0.1(now)) }
            let wake = state.withLockedValue { s -> Duration? in
                // Kept even by a task that was replaced meanwhile, so no limit acts twice.
                for (id, next) in answers where s.entries[id] != nil {
                    if let next { s.entries[id]?.next = next } else { s.entries[id] = nil }
                }
                guard s.generation == generation else { return nil }
                guard let soonest = s.entries.values.map(\.next).min() else {
                    s.task = nil
                    s.sleepingUntil = nil
                    return nil
                }
                s.sleepingUntil = soonest
                return soonest
            }
            guard let wake else { return }
            do { try await clock.sleep(until: wake) } catch { return }
        }
    }
}
