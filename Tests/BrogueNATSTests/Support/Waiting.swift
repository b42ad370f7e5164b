import BrogueNATS
import BrogueTestServers
import Foundation

/// Bounded waits for the server tests: each gives up after a generous time, as a failure guard only.
enum Waiting {
    /// The next `count` messages of `subscription`, or a failure after `timeout`.
    static func messages(_ count: Int, from subscription: NATSSubscription, timeout: Duration = .seconds(20)) async throws -> [NATSMessage] {
        try await within(timeout, "\(count) messages on '\(subscription.subject)'") {
            var got: [NATSMessage] = []
            for await message in subscription {
                got.append(message)
                if got.count == count { break }
            }
            return got
        }
    }

    /// The first event that `matches`, or a failure after `timeout`.
    static func event(
        on client: NATSClient,
        timeout: Duration = .seconds(30),
        _ what: String,
        matching matches: @escaping @Sendable (NATSEvent) -> Bool
    ) async throws -> NATSEvent {
        try await within(timeout, what) {
            for await event in client.events where matches(event) { return event }
            throw TestFailure("the client's events ended before \(what)")
        }
    }

    /// `body`'s result, or a `TestFailure` naming `what` once `timeout` has passed.
    static func within<T: Sendable>(_ timeout: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw TestFailure("timed out after \(timeout) waiting for \(what)") }
            return value
        }
    }
}
