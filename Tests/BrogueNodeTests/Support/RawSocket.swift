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
    static func connect(port: Int, from source: String? = nil, receiveBuffer: Int32? = nil) throws -> RawSocket {
        RawSocket(fd: try PlainHTTP.connect(host: "127.0.0.1", port: port, source: source, timeout: 30, receiveBuffer: receiveBuffer))
    }

    /// Upgrades to a WebSocket on `/ws`.
    /// - Returns: whether the node answered `101`.
    func webSocketHandshake() -> Bool {
        let request =
            "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        guard send(request) else { return false }
        var head: [UInt8] = []
        var byte: UInt8 = 0
        // Byte by byte, so nothing after the head is taken from the stream.
        while !head.suffix(4).elementsEqual("\r\n\r\n".utf8) {
            guard recv(fd, &byte, 1, 0) == 1 else { return false }
            head.append(byte)
        }
        return head.starts(with: Array("HTTP/1.1 101".utf8))
    }

    /// Sends one masked WebSocket text frame, as a client must.
    func sendText(_ text: String) -> Bool { sendFrame(first: 0x81, payload: Array(text.utf8)) }

    /// Sends one masked frame whose first byte (FIN, the reserved bits and the opcode) is `first`,
    /// so a test can send what no library would: reserved bits set, an unknown opcode.
    func sendFrame(first: UInt8, payload: [UInt8]) -> Bool {
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        var frame: [UInt8] = [first]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return frame.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == frame.count
    }

    /// Reads one WebSocket frame from the node (unmasked, as a server sends).
    /// - Returns: its payload as text, or nil when the connection ended.
    func readFrame() -> String? { readRawFrame().map { String(decoding: $0.payload, as: UTF8.self) } }

    /// Reads one WebSocket frame from the node, with its opcode (the low 4 bits of its first byte).
    /// - Returns: nil when the connection ended.
    func readRawFrame() -> (opcode: UInt8, payload: [UInt8])? {
        func read(_ count: Int) -> [UInt8]? {
            var bytes = [UInt8](repeating: 0, count: count)
            var got = 0
            while got < count {
                let n = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + got, count - got, 0) }
                guard n > 0 else { return nil }
                got += n
            }
            return bytes
        }
        guard let head = read(2) else { return nil }
        var length = Int(head[1] & 0x7F)
        if length == 126 {
            guard let l = read(2) else { return nil }
            length = Int(l[0]) << 8 | Int(l[1])
        } else if length == 127 {
            guard let l = read(8) else { return nil }
            length = l.reduce(0) { $0 << 8 | Int($1) }
        }
        return read(length).map { (head[0] & 0x0F, $0) }
    }

    /// Reads frames until a close frame, skipping the node's answers and pings.
    /// - Returns: the close frame's code (nil when it had none), and whether the node then ended
    ///   the stream; nil when the connection ended with no close frame.
    func readClose() -> (code: UInt16?, thenEnded: Bool)? {
        while let frame = readRawFrame() {
            guard frame.opcode == 0x8 else { continue }
            let code = frame.payload.count >= 2 ? UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1]) : nil
            return (code, drainToEnd() != nil)
        }
        return nil
    }

    /// Reads and discards until the node closes the connection.
    /// - Returns: the bytes read, or nil when the stream did not end (a receive timed out).
    func drainToEnd() -> Int? {
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return total }
            if n < 0 { return errno == ECONNRESET ? total : nil }
            total += n
        }
    }

    func close() { _ = Glibc.close(fd) }

    /// Closes with a reset, as a client whose machine went away: the node sees the socket end at once.
    func reset() {
        var abort = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &abort, socklen_t(MemoryLayout<linger>.size))
        close()
    }

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

/// Runs blocking socket work on a thread of its own, so no thread of the tasks' pool (which
/// the node in this process needs) waits on a socket.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: body()) }
    }
}

/// The same for work that throws.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await onThread { Result { try body() } }.get()
}
