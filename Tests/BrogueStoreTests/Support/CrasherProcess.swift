import Foundation
import Testing

/// The helper in a child process, its stdout read line by line.
final class CrasherProcess {
    private let process = Process()
    private let output = Pipe()
    private var buffer = Data()

    init(executable: URL, arguments: [String]) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
    }

    /// Blocks until the helper has printed `count` commit lines (or exits), and returns the
    /// last game id and seq it acknowledged.
    func waitForCommits(_ count: Int) throws -> (Int64, Int)? {
        var last: (Int64, Int)?
        var seen = 0
        while seen < count {
            guard let line = nextLine() else {
                Issue.record("the helper stopped before \(count) commits (exit \(process.isRunning ? -1 : process.terminationStatus))")
                return last
            }
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "committed", let game = Int64(parts[1]), let seq = Int(parts[2]) else {
                Issue.record("unexpected helper output: \(line)")
                return last
            }
            last = (game, seq)
            seen += 1
        }
        return last
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus == 0)
    }

    private func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }
}
