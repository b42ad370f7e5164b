import BrogueContent
import NIOConcurrencyHelpers
import NIOCore
import Prometheus

#if canImport(Glibc)
import Glibc
#endif

/// The per-address count at accept, on the listening socket's own pipeline: a connection from an
/// address that already has its share is reset there, as it comes out of `accept`, before NIO
/// registers it on an event loop, applies its options or runs the HTTP server's set-up, and
/// before the server's bookkeeping of open connections sees it.
///
/// Refused further in (in `GatedChannel`), each connection of a flood cost the node four hops
/// between event loops and 74 to 86 us of CPU, and the node refused about 10,000 a second; a
/// flood kept the kernel's accept queue thousands deep, and everyone else's new connections (a
/// `/health` probe, a player arriving) waited behind it for a fifth of a second. Here a refusal is
/// the accept, one option and the close: 44 to 52 us, most of it the kernel's close with a reset,
/// and about 20,000 a second (`scripts/storm.sh`, docs/node.md).
///
/// The gate is put first in the server channel's pipeline once the server runs
/// (`Node.makeApplication`). A connection accepted before that is counted at its set-up
/// (`GatedChannel`, through `admit`); `claim` tells `GatedChannel` which connections the gate has
/// counted already, so each is counted once.
final class AcceptGate: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    let addresses: AddressLimiter
    let trustedProxies: [AddressRange]
    let metrics: NodeMetrics
    /// Connections counted here whose set-up has not yet asked (`claim`), and not yet closed.
    private let counted = NIOLockedValueBox<Set<ObjectIdentifier>>([])

    init(addresses: AddressLimiter, trustedProxies: [AddressRange], metrics: NodeMetrics) {
        self.addresses = addresses
        self.trustedProxies = trustedProxies
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if admit(unwrapInboundIn(data), claimable: true) { context.fireChannelRead(data) }
    }

    /// Counts `child` against its address's share, and gives its place back when it closes.
    /// - Parameter claimable: remember it for `claim` (the gate's own count, before the set-up).
    /// - Returns: false, with the connection reset, when the address already has its share.
    func admit(_ child: any Channel, claimable: Bool) -> Bool {
        let address = child.remoteAddress?.ipAddress ?? "unknown"
        // A proxy's players are counted once their WebSocket names them (`Session.open`).
        guard !trustedProxies.contains(where: { $0.contains(address) }) else { return true }
        guard addresses.accept(address) else {
            metrics.refusedConnections.increment()
            Self.reset(child)
            return false
        }
        let id = ObjectIdentifier(child)
        if claimable { counted.withLockedValue { _ = $0.insert(id) } }
        let addresses = addresses
        let counted = counted
        child.closeFuture.whenComplete { _ in
            addresses.close(address)
            if claimable { counted.withLockedValue { _ = $0.remove(id) } }
        }
        return true
    }

    /// Whether the gate counted `channel` (then its close is counted too); asked once, by its set-up.
    func claim(_ channel: any Channel) -> Bool {
        let id = ObjectIdentifier(channel)
        return counted.withLockedValue { $0.remove(id) != nil }
    }

    /// Closes a connection just accepted, unread and unregistered, with a reset rather than a
    /// FIN, so the node keeps no TIME_WAIT per refused connection. Its own event loop must do it
    /// (one hop when that is not this one).
    static func reset(_ child: any Channel) {
        @Sendable func now() {
            _ = (child as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            child.close(promise: nil)
        }
        if child.eventLoop.inEventLoop { now() } else { child.eventLoop.execute(now) }
    }
}
