/// Whether a client should reconnect by itself after the node ended its connection, and resume
/// its game: the one rule `RemoteGame`'s sessions, the load tool and the browser client follow
/// (docs/protocol.md, "Reconnecting").
///
/// A node that goes away (drain, rolling restart, a dropped TCP connection) is worth another
/// try; a node that ended the connection because of this client (flooding, a protocol error,
/// another connection taking the game over, bad credentials) is not: trying again would get
/// the same answer, or fight the other connection for the game.
///
/// ```swift
/// if Reconnect.shouldReconnect(bye: .shutdown, fatal: nil, closeCode: CloseCode.serviceRestart) { ... }
/// ```
public enum Reconnect {
    /// - Parameters:
    ///   - bye: the reason of the node's `bye`, when one came before the close.
    ///   - fatal: the code of a fatal `error` that came before the close.
    ///   - closeCode: the close frame's code; nil when the connection broke without one (1006).
    /// - Returns: true for `bye` `shutdown`, and, without a `bye` or an error, for close codes
    ///   1001 (going away), 1006 (abnormal: no close frame) and 1012 (service restart).
    public static func shouldReconnect(bye: ByeReason?, fatal: ErrorCode?, closeCode: UInt16?) -> Bool {
        if fatal != nil { return false }
        if let bye { return bye == .shutdown }
        guard let closeCode else { return true }
        return [CloseCode.goingAway, CloseCode.abnormal, CloseCode.serviceRestart].contains(closeCode)
    }
}
