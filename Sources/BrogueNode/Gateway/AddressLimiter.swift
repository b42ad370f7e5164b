import Synchronization

/// Open WebSockets per remote address, so one address cannot take every socket of the node.
final class AddressLimiter: Sendable {
    private let cap: Int
    private let open = Mutex<[String: Int]>([:])

    /// - Parameter cap: connections allowed per address; 0 is no cap.
    init(cap: Int) { self.cap = cap }

    /// Counts a new connection from `address`.
    /// - Returns: false (and counts nothing) when the address already has `cap` open.
    func enter(_ address: String) -> Bool {
        open.withLock { counts in
            let now = counts[address, default: 0]
            guard cap <= 0 || now < cap else { return false }
            counts[address] = now + 1
            return true
        }
    }

    /// A connection that `enter` counted has closed.
    func leave(_ address: String) {
        open.withLock { counts in
            let left = counts[address, default: 1] - 1
            counts[address] = left > 0 ? left : nil
        }
    }
}
