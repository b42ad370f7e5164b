public import Logging

/// Tries what a clustered process needs at start (the shared store, the NATS servers) again
/// while it is not there yet, for up to `limit` seconds, instead of exiting at the first refusal.
///
/// Containers, pods and Kubernetes start their parts in any order: PostgreSQL may still be
/// starting, or its name may not resolve yet on a fresh network, when a game instance starts.
/// Only errors that time can mend are retried (`isTransient`); a wrong password or a bad URL
/// fails at once. Each retry is logged at `warning` with what failed.
///
/// ```swift
/// let wait = StartupWait(limit: 60)
/// let store = try await wait.run(
///     "PostgreSQL", logger: logger, isTransient: { ($0 as? StoreError)?.isTransient == true },
///     operation: { try PostgresGameStore(url: url) })
/// ```
public struct StartupWait: Sendable {
    /// The most seconds spent retrying; 0 tries once.
    public var limit: Double
    /// The pause after the first failure; it doubles after each one, up to `longestPause`.
    public var firstPause: Double = 0.25
    public var longestPause: Double = 5

    public init(limit: Double) { self.limit = limit }

    /// The error `run` throws when the time ran out: the last failure, and how long it tried.
    public struct GaveUp: Error, CustomStringConvertible {
        public let what: String
        public let attempts: Int
        public let seconds: Double
        public let last: any Error
        public var description: String {
            let tried = attempts == 1 ? "tried once" : "tried \(attempts) times over \(Int(seconds.rounded())) s"
            return "\(last) (\(what): \(tried); BROGUE_STARTUP_WAIT sets how many seconds a node waits for it at start)"
        }
    }

    /// Runs `body` until it succeeds, throws an error `isTransient` refuses, or `limit` seconds
    /// have gone by (then `GaveUp`, holding the last error).
    ///
    /// - Parameters:
    ///   - elapsed: seconds since the wait began; `pause` waits that many seconds. Both are
    ///     there for tests, which count time instead of spending it.
    public func run<T>(
        _ what: String,
        logger: Logger,
        isTransient: (any Error) -> Bool,
        elapsed: (() -> Double)? = nil,
        pause: ((Double) async throws -> Void)? = nil,
        operation body: () async throws -> T
    ) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let elapsed = elapsed ?? { start.duration(to: clock.now).inSeconds }
        let pause = pause ?? { try await Task.sleep(for: .milliseconds(Int64($0 * 1000))) }
        var attempts = 0
        var next = firstPause
        while true {
            attempts += 1
            do {
                let value = try await body()
                if attempts > 1 { logger.notice("\(what) reached", metadata: ["attempts": "\(attempts)"]) }
                return value
            } catch {
                let spent = elapsed()
                guard isTransient(error) else { throw error }
                guard spent + next <= limit else { throw GaveUp(what: what, attempts: attempts, seconds: spent, last: error) }
                logger.warning(
                    "waiting for \(what)",
                    metadata: ["attempt": "\(attempts)", "retry_in_seconds": "\(next)", "error": "\(error)"]
                )
                try await pause(next)
                next = min(next * 2, longestPause)
            }
        }
    }
}
