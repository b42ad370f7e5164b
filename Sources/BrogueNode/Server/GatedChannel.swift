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
/// accepted, unread (by `AcceptGate` on the listening socket; here only for one accepted before
/// the gate was in place), and every other one must send each request head or handshake within
/// the request timeout (`RequestDeadline`).
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
    /// The count at accept: what it counted is not counted again here.
    let gate: AcceptGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Counted as it was accepted (`AcceptGate`), unless it came before the gate was in place.
        if !gate.claim(channel), let refused = count(channel) { return refused }
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

    /// The count `AcceptGate` makes, for a connection accepted before the gate was in place.
    /// - Returns: a failed set-up when the connection is refused (it is reset unread).
    private func count(_ channel: any Channel) -> EventLoopFuture<Value>? {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        guard !trustedProxies.contains(where: { $0.contains(address) }) else { return nil }
        guard addresses.accept(address) else {
            metrics.refusedConnections.increment()
            AcceptGate.reset(channel)
            return channel.eventLoop.makeFailedFuture(Refused())
        }
        let addresses = addresses
        channel.closeFuture.whenComplete { _ in addresses.close(address) }
        return nil
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
