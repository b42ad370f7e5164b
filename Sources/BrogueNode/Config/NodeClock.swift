/// The steady time the node's limits are measured in: the idle timeout, the action rate, the
/// drain bound and the wait for a refused connection's first message. Real time
/// (``SystemNodeClock``) in production; a test passes a clock it moves by hand, so what it
/// checks never depends on how busy the machine is.
///
/// ```swift
/// var config = NodeConfig()
/// config.steadyClock = SystemNodeClock()
/// let deadline = config.steadyClock.now + .seconds(5)
/// try await config.steadyClock.sleep(until: deadline)
/// ```
public protocol NodeClock: Sendable {
    /// Time since a fixed start; never goes back.
    var now: Duration { get }
    /// Returns once `now` has reached `deadline` (at once when it already has).
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(until deadline: Duration) async throws
}

/// Real time: `ContinuousClock`, counted from when the value was made.
public struct SystemNodeClock: NodeClock {
    private let start: ContinuousClock.Instant

    public init() { start = .now }

    public var now: Duration { ContinuousClock.now - start }

    public func sleep(until deadline: Duration) async throws {
        try await Task.sleep(until: start + deadline, clock: .continuous)
    }
}
