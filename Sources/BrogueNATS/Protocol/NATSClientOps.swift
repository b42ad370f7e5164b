import NIOCore

/// The operations the client sends, written straight into a buffer. Subjects are checked by the caller.
extension ByteBuffer {
    /// `PUB` or, with headers, `HPUB`, with its payload.
    mutating func writeNATSPublish(subject: String, replyTo: String?, headers: ByteBuffer?, payload: ByteBuffer) {
        let reply = replyTo.map { " \($0)" } ?? ""
        if var headers {
            let headerBytes = headers.readableBytes
            writeString("HPUB \(subject)\(reply) \(headerBytes) \(headerBytes + payload.readableBytes)\r\n")
            writeBuffer(&headers)
        } else {
            writeString("PUB \(subject)\(reply) \(payload.readableBytes)\r\n")
        }
        var payload = payload
        writeBuffer(&payload)
        writeString("\r\n")
    }

    mutating func writeNATSSubscribe(subject: String, queue: String?, sid: UInt64) {
        writeString("SUB \(subject)\(queue.map { " \($0)" } ?? "") \(sid)\r\n")
    }

    /// `UNSUB <sid> [max]`: with a maximum the server delivers that many more messages in all, then unsubscribes.
    mutating func writeNATSUnsubscribe(sid: UInt64, max: Int?) {
        writeString("UNSUB \(sid)\(max.map { " \($0)" } ?? "")\r\n")
    }
}

enum NATSSubject {
    /// Refuses what would break the control line: nothing, or whitespace (spaces, tabs, line breaks).
    static func check(_ subject: String) throws {
        if subject.isEmpty || subject.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) { throw NATSError.invalidSubject(subject) }
    }
}
