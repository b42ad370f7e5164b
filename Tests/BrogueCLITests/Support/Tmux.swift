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

    @discardableResult
    func run(_ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Tmux.path!)
        p.arguments = ["-L", socket] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
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

    /// Polls the screen until `condition` holds; fails the test after `seconds`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 30, session: String = "main", _ condition: ([String]) -> Bool) throws -> [String] {
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
    func waitForExit(seconds: Double = 30, session: String = "main") throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try !isRunning(session: session) { return }
            usleep(20_000)
        }
        Issue.record("the program in tmux did not exit")
    }

    deinit {
        _ = try? run(["kill-server"])
    }
}
