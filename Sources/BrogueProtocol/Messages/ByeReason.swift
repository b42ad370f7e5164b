/// Why a connection is ending, sent in `bye` just before the close frame.
public enum ByeReason: String, Codable, Sendable, CaseIterable {
    /// The client asked to leave (it sent `bye`).
    case clientQuit = "client_quit"
    /// The node is shutting down; reconnect and resume (close code 1001, or 1012 from a
    /// cluster gateway that is restarting).
    case shutdown = "shutdown"
    /// Another connection resumed this game (close code 1001).
    case takenOver = "taken_over"
    /// The client did not read its messages fast enough (close code 1008).
    case tooSlow = "too_slow"
    /// The client sent actions too fast for too long (close code 1008).
    case flooding = "flooding"
    /// No message from the client for the node's idle timeout (close code 1000).
    case idle = "idle"
}
