import Dispatch
import NIOCore

extension EventLoopFuture {
    /// Blocks the calling thread until the future completes, as the store's synchronous
    /// protocols need.
    ///
    /// NIO's `wait()` refuses every event loop thread, because waiting on the loop that must
    /// complete the future never ends. A node runs its tasks on NIO's shared loops
    /// (`NodeExecutor`), so the store is called from loop threads there; its futures are
    /// completed on `ConnectionPool.eventLoops`, a group of its own that runs no caller's code, so
    /// waiting from any other thread is safe. Waiting on the future's own loop is still refused.
    func blockingWait() throws -> Value {
        precondition(!eventLoop.inEventLoop, "a PostgreSQL store call waited on the event loop that must answer it")
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<Value>()
        whenComplete { result in
            outcome.result = result
            done.signal()
        }
        done.wait()
        return try outcome.result!.get()
    }
}

/// The future's result, handed from the loop to the waiting thread; the semaphore orders the
/// write before the read.
private final class Outcome<Value>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
