import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 GET over a blocking socket, for the load tools: reading a node's
/// `/metrics`, timing `/health`. No TLS, no redirects, no keep-alive.
public enum PlainHTTP {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The host and port of `ws://HOST:PORT/...` or `http://HOST:PORT/...`.
    /// - Returns: nil for another scheme (`wss` and `https` are not spoken here) or no host.
    public static func endpoint(of url: String) -> (host: String, port: Int)? {
        guard let u = URL(string: url), let scheme = u.scheme, scheme == "ws" || scheme == "http", let host = u.host, !host.isEmpty else {
            return nil
        }
        return (host, u.port ?? 80)
    }

    /// GETs `path`, blocking the calling thread.
    /// - Parameter source: the local IPv4 address to connect from (`127.0.0.2`), or nil.
    /// - Returns: the status code and body.
    /// - Throws: `Failure` saying what failed, when no answer came within `timeout` seconds.
    public static func get(host: String, port: Int, path: String, source: String? = nil, timeout: Double = 5) throws -> (status: Int, body: String) {
        let fd = try connect(host: host, port: port, source: source, timeout: timeout)
        defer { close(fd) }
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n"
        let sent = request.utf8CString.withUnsafeBytes { send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        guard sent == request.utf8.count else { throw Failure(description: "GET \(path) on \(host):\(port): the request could not be sent") }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data += chunk[..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let head = text.range(of: "\r\n\r\n"), let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap({ Int($0) })
        else {
            throw Failure(description: "GET \(path) on \(host):\(port): no HTTP answer within \(timeout) s")
        }
        return (status, String(text[head.upperBound...]))
    }

    /// A connected TCP socket with send and receive timeouts; the caller closes it.
    /// - Parameter receiveBuffer: the socket's receive buffer in bytes (`SO_RCVBUF`), set before
    ///   connecting so the window offered stays that small: a client that reads slowly.
    public static func connect(host: String, port: Int, source: String? = nil, timeout: Double, receiveBuffer: Int32? = nil) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = source == nil ? AF_UNSPEC : AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else {
            throw Failure(description: "\(host):\(port): the address could not be resolved")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { throw Failure(description: "no socket: \(String(cString: strerror(errno))) (ulimit -n?)") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        if var size = receiveBuffer { setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size)) }
        if let source {
            // The port is picked at connect, per destination, so a flood is not limited to one
            // range of ports for every destination (IP_BIND_ADDRESS_NO_PORT, Linux 4.2).
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_IP), 24, &one, socklen_t(MemoryLayout<Int32>.size))
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            guard inet_pton(AF_INET, source, &local.sin_addr) == 1 else {
                close(fd)
                throw Failure(description: "'\(source)' is not an IPv4 address to connect from")
            }
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                close(fd)
                throw Failure(description: "cannot connect from \(source): \(String(cString: strerror(errno)))")
            }
        }
        guard Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "could not connect to \(host):\(port): \(reason)")
        }
        return fd
    }
}
