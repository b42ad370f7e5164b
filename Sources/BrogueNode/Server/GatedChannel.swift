import BrogueContent
import HummingbirdCore
import Logging
import NIOCore
import Prometheus

#if canImport(Glibc)
import Glibc
#endif

/// The node's HTTP and WebSocket child channel (`base`) behind two checks made before any of
/// its work: a connection from an address that already has its share is closed as soon as it is
/// accepted, unread, and every other one must send each request head or handshake within the
/// request timeout (`RequestDeadline`).
struct GatedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    struct Refused: Error {}

    let base: Base
    let addresses: AddressLimiter
    /// Proxies (`AccessConfig.trustedProxies`) carry many players on one address: their
    /// connections are not counted here, and the players behind them are counted by the address
    /// their WebSocket's `X-Forwarded-For` names.
    let trustedProxies: [AddressRange]
    /// nil: no bound.
    let requestTimeout: TimeAmount?
    let metrics: NodeMetrics

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        let counted = !trustedProxies.contains { $0.contains(address) }
        // Refused here, a flood costs an accept and a close per connection: no parser, no task.
        guard !counted || addresses.accept(address) else {
            metrics.refusedConnections.increment()
            // Reset rather than closed: no TIME_WAIT left on the node per refused connection.
            let reset = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            (reset ?? channel.eventLoop.makeSucceededVoidFuture()).whenComplete { _ in channel.close(promise: nil) }
            return channel.eventLoop.makeFailedFuture(Refused())
        }
        if counted {
            let addresses = addresses
            channel.closeFuture.whenComplete { _ in addresses.close(address) }
        }
        if let requestTimeout {
            let counter = metrics.requestTimeouts
            do {
                try channel.pipeline.syncOperations.addHandler(
                    RequestDeadline(bound: requestTimeout) { counter.increment() },
                    position: .first
                )
            } catch {
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
