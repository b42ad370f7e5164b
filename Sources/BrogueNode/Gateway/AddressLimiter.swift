import NIOConcurrencyHelpers

/// Connections per remote address, so one address cannot take every socket of the node: its
/// open WebSockets (at most `cap`), and all its connections, counted from accept until they
/// close in whatever state (request or handshake under way, plain HTTP, WebSocket: at most
/// `cap + refusalGrace`), so half-open handshakes count too.
final class AddressLimiter: Sendable {
    /// Connections past the cap still let in, to be told `too_many_connections` as WebSockets
    /// (a client that counts wrong learns why); past these, a connection is closed unread.
    static let refusalGrace = 4

    private let cap: Int
    // Locks ThreadSanitizer models, like the rest of the connection layer's shared state.
    private let accepted = NIOLockedValueBox<[String: Int]>([:])
    private let webSockets = NIOLockedValueBox<[String: Int]>([:])

    /// - Parameter cap: WebSockets allowed per address; 0 is no cap (of either count).
    init(cap: Int) { self.cap = cap }

    /// Counts a connection just accepted from `address`.
    /// - Returns: false (and counts nothing) when the address already has `cap + refusalGrace`
    ///   connections: the caller closes it before reading anything.
    func accept(_ address: String) -> Bool { Self.enter(address, below: cap + Self.refusalGrace, in: accepted, capped: cap > 0) }

    /// A connection that `accept` counted has closed.
    func close(_ address: String) { Self.leave(address, in: accepted) }

    /// Counts a new WebSocket from `address`.
    /// - Returns: false (and counts nothing) when the address already has `cap` open.
    func enter(_ address: String) -> Bool { Self.enter(address, below: cap, in: webSockets, capped: cap > 0) }

    /// A WebSocket that `enter` counted has closed.
    func leave(_ address: String) { Self.leave(address, in: webSockets) }

    private static func enter(_ address: String, below limit: Int, in counts: NIOLockedValueBox<[String: Int]>, capped: Bool) -> Bool {
        counts.withLockedValue { counts in
            let now = counts[address, default: 0]
            guard !capped || now < limit else { return false }
            counts[address] = now + 1
            return true
        }
    }

    private static func leave(_ address: String, in counts: NIOLockedValueBox<[String: Int]>) {
        counts.withLockedValue { counts in
            let left = counts[address, default: 1] - 1
            counts[address] = left > 0 ? left : nil
        }
    }
}
