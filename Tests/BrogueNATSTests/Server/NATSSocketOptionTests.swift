import BrogueTestServers
import Glibc
import NIOCore
import NIOPosix
import Testing

@testable import BrogueNATS

/// The connection's socket options: Nagle off at the TCP level, and nothing that needs a
/// privilege, so the client connects as any user (the container image runs as uid 1000).
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct NATSSocketOptionTests {
    @Test func nagleIsOffAndNoPrivilegedSocketOptionIsSet() async throws {
        let server = try await NATSServerProcess.start()
        defer { server.stop() }
        let connection = try await NATSConnection.open(
            to: NATSServerAddress(host: "127.0.0.1", port: server.port),
            options: NATSOptions(),
            group: MultiThreadedEventLoopGroup.singleton,
            sink: { _ in }
        )
        let noDelay = try await connection.channel.getOption(.tcpOption(.tcp_nodelay)).get()
        // SO_DEBUG has TCP_NODELAY's number at the socket level; setting it needs CAP_NET_ADMIN.
        let debug = try await connection.channel.getOption(.socket(SocketOptionLevel(SOL_SOCKET), SO_DEBUG)).get()
        #expect(noDelay != 0)
        #expect(debug == 0)
        await connection.close()
    }
}
