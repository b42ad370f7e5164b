import Foundation
import NIOConcurrencyHelpers

/// A TCP proxy on a loopback port in front of a node, which can cut a connection the moment the
/// node answers: the node has stored the action, the client never gets the `ack` (what a crash
/// or a dropped link between the two looks like, without a close frame). It can also send new
/// connections to another node: one address for a browser across a node's restart.
final class CuttingProxy: Sendable {
    let port: Int
    private let listener: Int32
    private let target: NIOLockedValueBox<Int>
    private let cutNext = NIOLockedValueBox(false)

    init(target: Int) throws {
        self.target = NIOLockedValueBox(target)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var addr = Self.loopback(port: 0)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        listener = fd
        port = Int(UInt16(bigEndian: addr.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// The next bytes the node sends on any connection are not forwarded: both sides are cut.
    func cutAtNextAnswer() { cutNext.withLockedValue { $0 = true } }

    /// New connections go to the node on `port` from now on.
    func retarget(_ port: Int) { target.withLockedValue { $0 = port } }

    /// Stops taking connections.
    func stop() { shutdown(listener, Int32(SHUT_RDWR)) }

    private static func loopback(port: Int) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return addr
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { break }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = Self.loopback(port: target.withLockedValue { $0 })
            let connected = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            let open = NIOLockedValueBox(2)
            let finish: @Sendable () -> Void = {
                shutdown(client, Int32(SHUT_RDWR))
                shutdown(upstream, Int32(SHUT_RDWR))
                if open.withLockedValue({ n -> Int in
                    n -= 1
                    return n
                }) == 0 {
                    close(client)
                    close(upstream)
                }
            }
            Thread.detachNewThread { [self] in
                pump(from: client, to: upstream, answers: false)
                finish()
            }
            Thread.detachNewThread { [self] in
                pump(from: upstream, to: client, answers: true)
                finish()
            }
        }
        close(listener)
    }

    private func pump(from: Int32, to: Int32, answers: Bool) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            let cut =
                answers
                && cutNext.withLockedValue { pending in
                    defer { pending = false }
                    return pending
                }
            if cut { return }
            var sent = 0
            while sent < n {
                let w = buffer.withUnsafeBytes { write(to, $0.baseAddress! + sent, n - sent) }
                guard w > 0 else { return }
                sent += w
            }
        }
    }
}
