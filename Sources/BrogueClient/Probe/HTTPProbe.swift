import Foundation

/// A plain HTTP/1.0 GET with a deadline, for `brogue healthcheck` and for reading a node's
/// `/metrics`: small enough to need nothing but the C library, so the runtime image needs no
/// HTTP client library either. Only `http://`: probes run next to the node, inside its network.
public enum HTTPProbe {
    public struct Answer: Sendable, Equatable {
        public var status: Int
        public var body: String
        public init(status: Int, body: String) {
            self.status = status
            self.body = body
        }
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The largest answer read; a probe needs a status line and a short body.
    static let maxBytes = 4 << 20

    /// Fetches `url` within `timeout` seconds.
    /// - Throws: `Failure` saying what went wrong, in words an operator can act on.
    public static func get(_ url: String, timeout: Double = 3) throws(Failure) -> Answer {
        let target = try Target(url)
        let fd = try connect(target, timeout: timeout)
        defer { close(fd) }
        // One deadline for the whole answer, so a server that trickles bytes cannot hold a probe.
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        let request = Array("GET \(target.path) HTTP/1.0\r\nHost: \(target.hostHeader)\r\nUser-Agent: brogue-probe\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { throw Failure(description: "\(url): the connection closed while sending the request") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < maxBytes {
            let left = deadline - ContinuousClock.now
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard left > .zero, poll(&p, 1, ms) == 1 else { throw Failure(description: "\(url): no complete answer within \(timeout) s") }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw Failure(description: "\(url): \(String(cString: strerror(errno)))") }
            bytes += chunk[0..<n]
        }
        return try parse(bytes, url: url)
    }

    static func parse(_ bytes: [UInt8], url: String) throws(Failure) -> Answer {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failure(description: "\(url): the answer is not HTTP (no end of headers)") }
        let statusLine = text[..<end.lowerBound].prefix { $0 != "\r" }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]), (100...599).contains(status) else {
            throw Failure(description: "\(url): the answer is not HTTP ('\(statusLine.prefix(60))')")
        }
        return Answer(status: status, body: String(text[end.upperBound...]))
    }

    /// Where to connect and what to ask for.
    struct Target {
        var host: String
        var port: String
        var path: String
        var hostHeader: String

        init(_ url: String) throws(Failure) {
            guard let c = URLComponents(string: url), c.scheme?.lowercased() == "http", let host = c.host, !host.isEmpty else {
                throw Failure(description: "'\(url)' is not an http:// URL (for example http://127.0.0.1:8080/ready)")
            }
            let port = c.port ?? 80
            self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
            self.port = "\(port)"
            path = c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath + (c.percentEncodedQuery.map { "?" + $0 } ?? "")
            hostHeader = (self.host.contains(":") ? "[\(self.host)]" : self.host) + ":\(port)"
        }
    }

    /// A connected socket to the first address of `target` that answers within `timeout`.
    static func connect(_ target: Target, timeout: Double) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let found = getaddrinfo(target.host, target.port, &hints, &list)
        guard found == 0, let first = list else {
            throw Failure(description: "cannot resolve '\(target.host)': \(String(cString: gai_strerror(found)))")
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let a = entry {
            entry = a.pointee.ai_next
            let fd = socket(a.pointee.ai_family, a.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue), a.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            if Glibc.connect(fd, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 || (errno == EINPROGRESS && waitConnected(fd, timeout)) {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
                return fd
            }
            reason = errno == 0 ? "no answer within \(timeout) s" : String(cString: strerror(errno))
            close(fd)
        }
        throw Failure(description: "cannot connect to \(target.hostHeader): \(reason)")
    }

    /// Whether a non-blocking connect finished within `timeout`; errno says why not.
    private static func waitConnected(_ fd: Int32, _ timeout: Double) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&p, 1, Int32(timeout * 1000))
        guard ready == 1 else {
            errno = ready == 0 ? 0 : errno
            return false
        }
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size)
        errno = error
        return error == 0
    }
}
