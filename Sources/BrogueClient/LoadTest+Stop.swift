import Synchronization

extension LoadTest {
    /// A request to end a run before its duration (`brogue loadtest` on SIGINT or SIGTERM), shared
    /// by every bot; asking twice is the same as once.
    public final class StopRequest: Sendable {
        private let flag = Atomic<Bool>(false)

        public init() {}

        /// Whether the run has been asked to stop.
        public var requested: Bool { flag.load(ordering: .relaxed) }

        /// Asks the bots to stop after the action each is waiting for.
        /// - Returns: whether it had been asked before.
        @discardableResult
        public func request() -> Bool { flag.exchange(true, ordering: .relaxed) }
    }
}
