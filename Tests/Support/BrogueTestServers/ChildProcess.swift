import Foundation
public import Glibc
import NIOConcurrencyHelpers

/// A child process started with `posix_spawn`, its standard error read line by line on a thread of
/// its own. Not Foundation's `Process`: its `waitUntilExit` runs a run loop on the calling thread,
/// and with several servers started and stopped from concurrent tests that crashed libdispatch.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let reaped = NIOLockedValueBox(false)

    /// Starts `executable` with standard error into `log`, and standard output too when `output`
    /// (else discarded).
    /// - Parameter environment: the child's whole environment; this process's when nil.
    public init(executable: String, arguments: [String], log: LogLines, output: Bool = false, environment: [String: String]? = nil) throws {
        let (pid, readEnd) = try Self.spawnLock.withLock { try Self.spawn(executable, arguments, output: output, environment: environment) }
        self.pid = pid
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                if count > 0 {
                    log.append(Data(buffer[0..<count]))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(readEnd)
            log.end()
        }
    }

    /// Held from creating a pipe to spawning its child, so no other child inherits the write end
    /// (Glibc's module has no `pipe2`) and keeps the pipe open after its own child exits.
    private static let spawnLock = NIOLock()

    private static func spawn(_ executable: String, _ arguments: [String], output: Bool, environment: [String: String]?) throws -> (pid_t, Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TestFailure("pipe failed: errno \(errno)") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if output {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        // dup2 clears close-on-exec on the copy, so the child keeps its standard error.
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { e in
            e.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for entry in envp ?? [] { free(entry) } }
        var pid: pid_t = 0
        let status =
            if let envp {
                envp.withUnsafeBufferPointer { posix_spawn(&pid, executable, &actions, nil, argv, UnsafeMutablePointer(mutating: $0.baseAddress)) }
            } else { posix_spawn(&pid, executable, &actions, nil, argv, environ) }
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw TestFailure("could not start \(executable): posix_spawn error \(status)")
        }
        return (pid, fds[0])
    }

    /// Sends `signal` (SIGSTOP, SIGCONT) without waiting; does nothing once the process has been reaped.
    public func send(_ signal: Int32) {
        reaped.withLockedValue { reaped in if !reaped { Glibc.kill(pid, signal) } }
    }

    /// Sends `signal` and waits for the process to exit; does nothing once it has been reaped.
    public func stop(with signal: Int32) {
        reaped.withLockedValue { reaped in
            guard !reaped else { return }
            Glibc.kill(pid, signal)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            reaped = true
        }
    }

    deinit { stop(with: SIGKILL) }
}
