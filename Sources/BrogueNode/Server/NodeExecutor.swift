import NIOCore
import NIOPosix

/// Where a node's Swift tasks run. By default the node runs them on SwiftNIO's event loop
/// threads, the same threads that read and write its sockets: a message read on a loop is handled
/// there, and its answers are written without waking another thread. With Swift's own pool
/// beside NIO's loops, every action crossed between the two four times (read, hand-off to the
/// reader task, hand-off to the writer task, write), each crossing a futex wake-up and a context
/// switch; on two cores that was a tenth of the node's CPU.
///
/// Blocking work stays off these threads as before (`offThread`).
public enum NodeExecutor {
    /// The variable that keeps Swift's own pool (`BROGUE_TASKS_ON_EVENT_LOOPS=0`), for comparing
    /// the two or should a library ever misbehave on event loop threads.
    public static let variable = "BROGUE_TASKS_ON_EVENT_LOOPS"

    /// Whether a process started with `arguments` and `environment` should run its tasks on the
    /// event loops: `brogue node` unless the variable says 0, false or no.
    public static func wanted(arguments: [String], environment: [String: String]) -> Bool {
        guard arguments.dropFirst().first == "node" else { return false }
        guard let value = environment[variable]?.lowercased() else { return true }
        return !["0", "false", "no", "off"].contains(value)
    }

    /// Makes NIO's shared event loop group Swift's global executor. Call it once, first thing in
    /// `main`, before any task starts. Returns false where NIO cannot (it then changes nothing).
    @discardableResult
    public static func install() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
