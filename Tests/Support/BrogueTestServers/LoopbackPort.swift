import Foundation
import Glibc

/// A TCP port on 127.0.0.1 that nothing listened on a moment ago: bind port 0, read what the
/// kernel gave, close. For a server a test starts later on a port it must name in advance (a
/// node told to wait for a NATS server that is not there yet). Tests run one at a time, so the
/// port stays free until the test binds it.
public enum LoopbackPort {
    public static func free() throws -> Int {
        let (fd, port) = try bound(listening: nil)
        close(fd)
        return port
    }

    /// A socket bound to a free port of 127.0.0.1 (and listening, with `backlog`), and the port.
    static func bound(listening backlog: Int32?) throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, size) == 0 && backlog.map { listen(fd, $0) == 0 } ?? true && getsockname(fd, $0, &size) == 0
            }
        }
        guard ok else {
            close(fd)
            throw TestFailure("could not bind a loopback port: errno \(errno)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
