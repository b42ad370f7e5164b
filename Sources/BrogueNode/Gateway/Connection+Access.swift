import BrogueProtocol
import Logging
import Prometheus

extension Connection {
    /// How long a connection over its address's cap may stay silent before it is told why it
    /// is closed.
    static let refusalWait = Duration.seconds(5)

    /// A connection over its address's cap is told `too_many_connections` and closed (1008) in
    /// answer to its first message, or after `refusalWait` of silence: a close sent with the
    /// upgrade itself can be lost by clients.
    /// - Returns: the deadline to forget when the connection closes first.
    func watchRefusal(_ handle: ConnectionHandle) -> DeadlineWatch.Token {
        deadlines.watch(first: config.steadyClock.now + Self.refusalWait) { _ in
            refuse(handle)
            return nil
        }
    }

    /// Says `too_many_connections` and closes (1008), once.
    func refuse(_ handle: ConnectionHandle) {
        guard !handle.hasEnded else { return }
        logger.info("too many connections", metadata: ["address": "\(address)"])
        let error = ProtocolError(
            .tooManyConnections,
            "this address already has \(config.access.maxConnectionsPerAddress) connections open; close one and try again"
        )
        // A close code other than normal counts the connection as dropped.
        handle.end(ServerEnvelope(.error(error)), code: CloseCode.policyViolation)
    }

    /// Says `bye` `idle` (close 1000) once the client has sent nothing for the idle timeout,
    /// watched by the node's one `DeadlineWatch` rather than a task of the connection's own.
    /// - Returns: the deadline to forget when the connection closes; nil when there is no timeout.
    func watchIdle(_ activity: ActivityMark, handle: ConnectionHandle) -> DeadlineWatch.Token? {
        let seconds = config.access.idleTimeoutSeconds
        guard seconds > 0 else { return nil }
        let timeout = Duration.milliseconds(Int64(seconds * 1000))
        let logger = logger
        return deadlines.watch(first: config.steadyClock.now + timeout) { now in
            // A message is being handled; look again once it could have timed out.
            guard let at = activity.idleAt(after: timeout) else { return now + timeout }
            guard now >= at else { return at }
            logger.info("idle connection closed")
            handle.endAfterPending(
                ServerEnvelope(.bye(.idle, "no message for \(Int(seconds)) seconds; connect again to go on")),
                code: CloseCode.normal
            )
            return nil
        }
    }
}
