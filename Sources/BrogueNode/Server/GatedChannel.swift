import HummingbirdCore
import Logging
import NIOCore
import Prometheus

/// The node's HTTP and WebSocket child channel (`base`) behind two checks made before any of
/// its work: a connection from an address that already has its share is closed as soon as it is
/// accepted, unread (by `AcceptGate` on the listening socket; here only for one accepted before
/// the gate was in place), and every other one must send each request head or handshake within
/// the request timeout (`RequestDeadline`).
struct GatedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    struct Refused: Error {}

    let base: Base
    /// The count per address (trusted proxies' connections are not counted): made as the
    /// listening socket accepts, and here for a connection accepted before the gate was in place.
    let gate: AcceptGate
    /// nil: no bound.
    let requestTimeout: TimeAmount?
    let metrics: NodeMetrics

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Counted as it was accepted (`AcceptGate`), unless it came before the gate was in place.
        guard gate.claim(channel) || gate.admit(channel, claimable: false) else { return channel.eventLoop.makeFailedFuture(Refused()) }
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
