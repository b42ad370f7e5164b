public import ServiceLifecycle

#if canImport(Glibc)
import CMalloc
#endif

/// Gives memory the node has freed back to the system, every `interval`.
///
/// glibc's allocator keeps freed memory in its arenas for reuse, so what games and connections
/// leave behind stays resident. After 100 games came and went, the process held 33.8 MB of
/// anonymous memory; one `malloc_trim(0)` brought it to 14.1 MB. (The soak's rise under steady
/// play is another matter: it stays with the trim, see docs/node.md.) The trim runs on a
/// Dispatch thread (`offThread`), never on an event loop, and costs a few milliseconds.
public struct MemoryTrimService: Service {
    /// The variable that sets the interval in seconds (0: never).
    public static let variable = "BROGUE_MEMORY_TRIM_SECONDS"
    /// One minute, unless the environment says otherwise.
    public static let defaultSeconds = 60

    let clock: any NodeClock
    let interval: Duration
    let trim: @Sendable () -> Void

    /// - Parameters:
    ///   - interval: time between trims; zero or less: the service returns at once.
    ///   - clock: the node's steady clock (tests move their own).
    ///   - trim: what a trim does: `malloc_trim(0)` by default.
    public init(interval: Duration, clock: any NodeClock = SystemNodeClock(), trim: @escaping @Sendable () -> Void = MemoryTrimService.systemTrim) {
        self.interval = interval
        self.clock = clock
        self.trim = trim
    }

    /// The interval from `environment`: `BROGUE_MEMORY_TRIM_SECONDS`, 0...86400, else a minute.
    /// - Throws: `NodeLaunch.Problem` naming the variable when its value is not such a number.
    public static func interval(from environment: [String: String]) throws(NodeLaunch.Problem) -> Duration {
        guard let text = environment[variable], !text.isEmpty else { return .seconds(defaultSeconds) }
        guard let seconds = Int(text), (0...86_400).contains(seconds) else {
            throw NodeLaunch.Problem(description: "\(variable)='\(text)' must be a whole number of seconds from 0 (never) to 86400")
        }
        return .seconds(seconds)
    }

    /// `malloc_trim(0)` where the C library has it (glibc, through `CMalloc`); nothing elsewhere.
    public static let systemTrim: @Sendable () -> Void = {
        #if canImport(Glibc)
        _ = malloc_trim(0)
        #endif
    }

    public func run() async throws {
        guard interval > .zero else { return }
        // Stops at the start of a graceful shutdown, like the drain: nothing is left to trim then.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await clock.sleep(until: clock.now + interval)
                await offThread(trim)
            }
        }
    }
}
