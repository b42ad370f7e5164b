import NIOConcurrencyHelpers

/// When the client last sent a message, for the idle timeout.
final class ActivityMark: Sendable {
    private let clock: any NodeClock
    private let state: NIOLockedValueBox<(last: Duration, busy: Bool)>

    init(clock: any NodeClock) {
        self.clock = clock
        state = NIOLockedValueBox((clock.now, false))
    }

    /// A message arrived (`busy`: the node is handling it, which never counts as idle).
    func touch(busy: Bool) {
        let now = clock.now
        state.withLockedValue { $0 = (now, busy) }
    }

    /// When (on the clock) the connection becomes idle, or nil while a message is being handled.
    func idleAt(after timeout: Duration) -> Duration? {
        state.withLockedValue { $0.busy ? nil : $0.last + timeout }
    }
}
