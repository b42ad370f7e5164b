import Foundation
import Testing

/// A private tmux server for one test: start a program in a 100 x 34 pane, type, read the screen.
final class Tmux {
    let socket = "brogue-test-\(UUID().uuidString.prefix(8))"
    static let path = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether tmux is here; in CI its absence is a failure, elsewhere a printed skip.
    static func available() -> Bool {
        if path != nil { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("tmux is not installed; .ci/run must install it")
        } else {
            print("skipping: tmux is not installed (apt-get install tmux)")
        }
        return false
    }

    /// Runs one tmux command and waits for it, with its output sent to a file.
    ///
    /// Not Foundation's `Process`: tmux's first command forks the server, which would keep a
    /// pipe open forever, and the client's exit was seen to go unreaped inside the test
    /// runner. `posix_spawn` and `waitpid` are plain and certain.
    @discardableResult
    func run(_ args: [String]) throws -> (status: Int32, output: String) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([Tmux.path!, "-L", socket] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Tmux.path!, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7F) == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output)
    }

    /// Starts `command` (a shell command line) in a new 100 x 34 session.
    func start(_ command: String, session: String = "main") throws {
        let r = try run(["new-session", "-d", "-s", session, "-x", "100", "-y", "34", command])
        #expect(r.status == 0, "tmux new-session failed: \(r.output)")
    }

    func keys(_ keys: String..., session: String = "main") throws {
        try run(["send-keys", "-t", session] + keys)
    }

    func screen(session: String = "main") throws -> [String] {
        try run(["capture-pane", "-p", "-t", session]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func isRunning(session: String = "main") throws -> Bool { try run(["has-session", "-t", session]).status == 0 }

    /// Polls the screen until `condition` holds; fails the test after `seconds`, a bound only a
    /// hang reaches (a loaded machine makes a real program slow, never this slow).
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 60, session: String = "main", _ condition: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String] = []
        while Date() < deadline {
            guard try isRunning(session: session) else { break }
            last = try screen(session: session)
            if condition(last) { return last }
            usleep(20_000)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last.joined(separator: "\n"))")
        return last
    }

    /// Waits until the session's program has exited.
    func waitForExit(seconds: Double = 60, session: String = "main") throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try !isRunning(session: session) { return }
            usleep(20_000)
        }
        let last = (try? screen(session: session)) ?? []
        Issue.record("the program in tmux did not exit; the screen was:\n\(last.joined(separator: "\n"))")
    }

    deinit {
        _ = try? run(["kill-server"])
    }
}
