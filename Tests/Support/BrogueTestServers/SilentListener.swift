import Glibc

/// A loopback port that takes connections and never answers: the kernel completes each TCP
/// handshake into the backlog, nothing ever accepts or reads. What a client meets behind a
/// proxy whose upstream hangs, or at a server that stopped serving but not listening.
public final class SilentListener: Sendable {
    public let port: Int
    private let fd: Int32

    public init() throws { (fd, port) = try LoopbackPort.bound(listening: 64) }

    deinit { close(fd) }
}
