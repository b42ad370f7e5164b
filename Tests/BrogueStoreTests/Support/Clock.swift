import Foundation

/// A clock that ticks one second per reading, so timestamps differ and order is known.
final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 1_780_000_000.0

    func next() -> Date {
        lock.lock()
        defer { lock.unlock() }
        seconds += 1
        return Date(timeIntervalSince1970: seconds)
    }
}
