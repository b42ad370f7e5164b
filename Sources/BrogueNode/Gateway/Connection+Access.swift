import BrogueProtocol
import HummingbirdWebSocket
import Logging
import NIOWebSocket
import Prometheus

extension Connection {
    /// Counts the connection against its address's cap; over the cap it is told
    /// `too_many_connections` and closed (1008) in answer to its first message (or after 5
    /// seconds of silence): a close sent with the upgrade itself can be lost by clients.
    /// - Returns: whether it may go on (then `addresses.leave` must follow).
    func admit(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async -> Bool {
        guard addresses.enter(address) else {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    var messages = inbound.messages(maxSize: Connection.maxFrameBytes).makeAsyncIterator()
                    _ = try? await messages.next()
                }
                group.addTask {
                    let clock = config.steadyClock
                    try? await clock.sleep(until: clock.now + .seconds(5))
                }
                await group.next()
                group.cancelAll()
            }
            logger.info("too many connections", metadata: ["address": "\(address)"])
            metrics.droppedConnections.increment()
            let error = ProtocolError(
                .tooManyConnections,
                "this address already has \(config.access.maxConnectionsPerAddress) connections open; close one and try again"
            )
            try? await outbound.writeTextMessage(WireCodec.encode(ServerEnvelope(.error(error))))
            try? await outbound.close(.policyViolation, reason: ErrorCode.tooManyConnections.rawValue)
            return false
        }
        return true
    }

    /// Says `bye` `idle` (close 1000) once the client has sent nothing for the idle timeout.
    /// - Returns: the task to cancel when the connection ends; nil when there is no timeout.
    func idleWatchdog(_ activity: ActivityMark, handle: ConnectionHandle) -> Task<Void, Never>? {
        let seconds = config.access.idleTimeoutSeconds
        guard seconds > 0 else { return nil }
        let timeout = Duration.milliseconds(Int64(seconds * 1000))
        let logger = logger
        let clock = config.steadyClock
        return Task {
            while !Task.isCancelled {
                guard let at = activity.idleAt(after: timeout) else {
                    // A message is being handled; look again once it could have timed out.
                    try? await clock.sleep(until: clock.now + timeout)
                    continue
                }
                if clock.now >= at {
                    logger.info("idle connection closed")
                    handle.endAfterPending(
                        ServerEnvelope(.bye(.idle, "no message for \(Int(seconds)) seconds; connect again to go on")),
                        code: CloseCode.normal
                    )
                    return
                }
                try? await clock.sleep(until: at)
            }
        }
    }
}
