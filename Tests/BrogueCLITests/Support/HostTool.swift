import Foundation
import Testing

/// Programs of the host that tests drive (nginx, promtool, systemd-analyze, hadolint, python3):
/// found on the PATH or where Debian and pip put them, run to completion with their output kept.
enum HostTool {
    /// The program's path, or nil when this machine lacks it.
    static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/" }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        // pip installs into the user's bin folders, which a test runner's PATH may leave out.
        let pip = ["\(home)/.pyenv/shims/", "\(home)/.local/bin/"]
        return (path + ["/usr/bin/", "/bin/", "/usr/local/bin/", "/usr/sbin/", "/sbin/"] + pip).map { $0 + name }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// The program's path; when missing, a failure in CI (where .ci/run installs it) and a printed
    /// skip elsewhere, so a test never passes silently without its tool.
    static func required(_ name: String, by suite: String = #fileID) -> String? {
        if let path = find(name) { return path }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("\(name) is missing: .ci/run installs it")
        } else {
            print("\(suite): skipped, no \(name)")
        }
        return nil
    }

    /// Runs the program to its end: its exit status and its standard output and error, together.
    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
