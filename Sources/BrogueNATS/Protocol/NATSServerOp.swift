/// One operation the server sends, as the parser reads it.
enum NATSServerOp: Sendable, Equatable {
    case info(NATSServerInfo)
    /// `MSG` or `HMSG`, with the subscription id it was delivered for.
    case message(NATSMessage)
    case ping
    case pong
    case ok
    /// `-ERR` with the server's text, quotes removed.
    case error(String)
}
