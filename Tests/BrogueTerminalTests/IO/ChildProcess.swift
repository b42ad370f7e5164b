import Glibc

/// This test binary run again as a child, to do one scenario on a pty and be signalled,
/// stopped or crashed without taking the test run with it.
///
/// The child runs only `TerminalSignalTests/childScenario()`, which acts when
/// `BROGUE_TERMINAL_CHILD` names a scenario and passes trivially otherwise.
final class ChildProcess {
    static let scenarioVariable = "BROGUE_TERMINAL_CHILD"
    static let ptyVariable = "BROGUE_TERMINAL_PTY"

    let pid: pid_t
    private var reaped = false

    /// Starts the child in a process group of its own (so its group is not orphaned and a stop
    /// really stops it), with default signal dispositions and no blocked signals whatever the
    /// test runner has, and its standard output and error thrown away.
    init(scenario: String, ptyPath: String) throws {
        let executable = try Self.ownExecutable()
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let arguments = [executable, "--testing-library", "swift-testing", "--filter", "childScenario"]
        var environment = [
            "\(Self.scenarioVariable)=\(scenario)",
            "\(Self.ptyVariable)=\(ptyPath)",
            "PATH=/usr/bin:/bin",
        ]
        if let home = getenv("HOME") { environment.append("HOME=\(String(cString: home))") }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw ChildProcessError.spawnFailed(result) }
        self.pid = pid
    }

    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case stopped(Int32)
        case stillRunning
    }

    /// Waits up to `milliseconds` for the child to end, or with `untraced`, to stop; the default
    /// is a bound only a hang reaches (a loaded machine is slow, never this slow).
    func wait(milliseconds: Int = 60_000, untraced: Bool = false) -> Outcome {
        var status: Int32 = 0
        for _ in 0..<(milliseconds / 5) {
            let result = waitpid(pid, &status, WNOHANG | (untraced ? WUNTRACED : 0))
            if result == pid {
                if status & 0xFF == 0x7F { return .stopped((status >> 8) & 0xFF) }
                reaped = true
                if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
                return .signalled(status & 0x7F)
            }
            usleep(5_000)
        }
        return .stillRunning
    }

    private static func ownExecutable() throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        guard count > 0 else { throw ChildProcessError.noExecutable }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

enum ChildProcessError: Error {
    case spawnFailed(Int32)
    case noExecutable
}
