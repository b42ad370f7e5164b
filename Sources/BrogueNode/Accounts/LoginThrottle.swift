import Foundation

/// Failed logins per key (an account name, a remote address) in a sliding window. An attempt
/// counts as a failure from the moment it starts, so many attempts at once cannot all slip
/// under the limit while bcrypt runs; a success takes its own attempt back.
struct LoginThrottle {
    let limit: Int
    let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = max(limit, 1)
        self.window = max(window, 1)
    }

    /// Whole seconds to wait before `keys` may try again, or nil when they may try now.
    mutating func wait(for keys: [String], now: Date) -> Int? {
        var longest: TimeInterval?
        for key in keys {
            let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit {
                let until = recent[recent.count - limit].addingTimeInterval(window).timeIntervalSince(now)
                longest = max(longest ?? 0, until)
            }
        }
        return longest.map { max(1, Int($0.rounded(.up))) }
    }

    /// Counts an attempt against every key.
    mutating func begin(_ keys: [String], now: Date) {
        for key in keys { failures[key, default: []].append(now) }
    }

    /// Takes back an attempt that succeeded: `cleared` keys start again from zero (the
    /// account), the others lose just this attempt (the address).
    mutating func succeeded(_ keys: [String], at started: Date, cleared: [String]) {
        for key in keys {
            if cleared.contains(key) {
                failures[key] = nil
            } else if var list = failures[key], let i = list.lastIndex(of: started) {
                list.remove(at: i)
                failures[key] = list.isEmpty ? nil : list
            }
        }
    }
}
