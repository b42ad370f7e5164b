import BrogueClient
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP client at the byte level, for clients no library would write: one that sends its
/// request a line at a time, one that never sends, one of a flood.
struct RawSocket: Sendable {
    let fd: Int32

    /// Connects to the node on loopback, from `source` (another loopback address, so the
    /// node sees another client) when given.
    static func connect(port: Int, from source: String? = nil) throws -> RawSocket {
        RawSocket(fd: try PlainHTTP.connect(host: "127.0.0.1", port: port, source: source, timeout: 30))
    }

    func close() { _ = Glibc.close(fd) }

    /// Sends `text`; false when the node has closed the connection.
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Waits up to `milliseconds` for the node to send or close, reading what came into
    /// `received`.
    /// - Returns: true once the node has closed the connection (end of stream or reset).
    func closedByNode(within milliseconds: Int32, received: inout [UInt8]) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, milliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if n > 0 {
            received += chunk[..<n]
            return false
        }
        return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Waits up to `milliseconds` for any of `sockets` to be sent to or closed.
    /// - Returns: the indexes of those the node has closed.
    static func closedByNode(_ sockets: [RawSocket], within milliseconds: Int32) -> [Int] {
        var polls = sockets.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard poll(&polls, nfds_t(polls.count), milliseconds) > 0 else { return [] }
        var received: [UInt8] = []
        return polls.indices.filter { polls[$0].revents != 0 && sockets[$0].closedByNode(within: 0, received: &received) }
    }

    /// Sends `head` (the request line and headers, without the blank line that ends them) one
    /// line at a time, then made-up headers forever, a line every 20 ms, until the node closes
    /// the connection; bounded by `maxLines` only against a node that never does.
    /// - Returns: whether the node closed it, and any bytes it sent first.
    func sendHeadersSlowly(_ head: [String], maxLines: Int = 100_000) -> (closed: Bool, received: [UInt8]) {
        var received: [UInt8] = []
        for i in 0..<maxLines {
            let line = i < head.count ? head[i] : "X-Slow-\(i): \(i)"
            guard send(line + "\r\n") else { return (true, received) }
            if closedByNode(within: 20, received: &received) { return (true, received) }
        }
        return (false, received)
    }
}
