public import NIOCore

/// A message delivered to a subscription or returned by a request.
public struct NATSMessage: Sendable, Equatable {
    public var subject: String
    /// Where the publisher wants an answer; `nil` when it expects none.
    public var replyTo: String?
    /// Present when the message came as `HMSG`.
    public var headers: NATSHeaders?
    public var payload: ByteBuffer
    /// The subscription id the server delivered this message for.
    public var sid: UInt64

    public init(subject: String, replyTo: String? = nil, headers: NATSHeaders? = nil, payload: ByteBuffer, sid: UInt64 = 0) {
        self.subject = subject
        self.replyTo = replyTo
        self.headers = headers
        self.payload = payload
        self.sid = sid
    }

    /// The payload as UTF-8 text (invalid bytes replaced).
    public var string: String { String(buffer: payload) }

    /// The status of a status message (503 no responders, 408 timeout, ...), `nil` for ordinary messages.
    public var status: Int? { headers?.status }

    /// Bytes counted against a subscription's pending limit: payload and header values.
    var pendingSize: Int { payload.readableBytes + (headers?.approximateSize ?? 0) }
}
