import Dispatch

/// Runs blocking work (bcrypt, a synchronous store call) on a Dispatch thread, off Swift's
/// cooperative pool, and awaits it: the pool has one thread per core, and an actor waiting on a
/// blocked thread holds up everything queued behind it.
func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { c in DispatchQueue.global(qos: .userInitiated).async { c.resume(returning: work()) } }
}
