public import Foundation
import NIOConcurrencyHelpers

/// A child process's log, line by line, with waits for a line to appear (bounded in time, never a sleep).
public final class LogLines: Sendable {
    private struct Waiter {
        /// A line containing any of these wakes the wait.
        var needles: [String]
        var continuation: CheckedContinuation<String, any Error>

        func matches(_ line: String) -> Bool { needles.contains { line.contains($0) } }
        var described: String { Self.describe(needles) }
        static func describe(_ needles: [String]) -> String { needles.map { "'\($0)'" }.joined(separator: " or ") }
    }

    private struct State {
        var lines: [String] = []
        var partial = Data()
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
        var ended = false
    }

    private let state = NIOLockedValueBox(State())
    public let name: String

    public init(name: String) { self.name = name }

    public var all: [String] { state.withLockedValue { $0.lines } }

    /// Adds output; complete lines wake the waits they match.
    public func append(_ data: Data) {
        let woken = state.withLockedValue { state -> [(CheckedContinuation<String, any Error>, String)] in
            state.partial.append(data)
            var woken: [(CheckedContinuation<String, any Error>, String)] = []
            while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: state.partial[state.partial.startIndex..<newline], as: UTF8.self)
                state.partial = Data(state.partial[(newline + 1)...])
                state.lines.append(line)
                for (id, waiter) in state.waiters where waiter.matches(line) {
                    state.waiters[id] = nil
                    woken.append((waiter.continuation, line))
                }
            }
            return woken
        }
        for (continuation, line) in woken { continuation.resume(returning: line) }
    }

    /// The output ended (the process exited): every wait fails.
    public func end() {
        let waiters = state.withLockedValue { state in
            state.ended = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: TestFailure("\(name) exited before logging \(waiter.described)")) }
    }

    /// The first line containing `needle`, waiting for it up to `timeout` (a failure guard, not a pace).
    public func line(containing needle: String, timeout: Duration = .seconds(20)) async throws -> String {
        try await line(containingAnyOf: [needle], timeout: timeout)
    }

    /// The first line containing any of `needles`, waiting for it up to `timeout`.
    public func line(containingAnyOf needles: [String], timeout: Duration = .seconds(20)) async throws -> String {
        let described = Waiter.describe(needles)
        let id = state.withLockedValue { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        let guardTask = Task {
            try await Task.sleep(for: timeout)
            self.fail(id, TestFailure("\(name) did not log \(described) within \(timeout); its log:\n\(self.all.joined(separator: "\n"))"))
        }
        defer { guardTask.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let waiter = Waiter(needles: needles, continuation: continuation)
            let outcome = state.withLockedValue { state -> Result<String, any Error>? in
                if let line = state.lines.first(where: waiter.matches) { return .success(line) }
                if state.ended { return .failure(TestFailure("\(name) exited before logging \(described)")) }
                state.waiters[id] = waiter
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func fail(_ id: Int, _ error: any Error) {
        let waiter = state.withLockedValue { $0.waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(throwing: error)
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
