import Foundation
import NIOCore

/// Turns the server's byte stream into operations, however it is split across reads.
///
/// Hostile input is bounded: a control line longer than `maxLine` or a message larger than
/// `maxPayload` is a protocol violation (the caller closes the connection), never a larger buffer.
/// The parser keeps at most one read plus one incomplete operation.
struct NATSParser {
    /// The longest control line accepted; INFO with many `connect_urls` is the longest the server sends.
    var maxLine: Int
    /// The largest MSG/HMSG (headers and payload) accepted; set from INFO's `max_payload`.
    var maxPayload: Int

    private var buffer = ByteBuffer()
    /// How far the current line has been searched for its newline, so byte-at-a-time input is not rescanned.
    private var scanned = 0
    /// A MSG/HMSG control line already read, waiting for its payload.
    private var pending: PendingMessage?

    private struct PendingMessage {
        var subject: String
        var sid: UInt64
        var replyTo: String?
        var headerBytes: Int
        var totalBytes: Int
    }

    init(maxLine: Int = 64 * 1024, maxPayload: Int = 1024 * 1024) {
        self.maxLine = maxLine
        self.maxPayload = maxPayload
    }

    /// Adds bytes read from the connection.
    mutating func append(_ bytes: ByteBuffer) {
        if buffer.readableBytes == 0 {
            buffer.clear()
        } else if buffer.readerIndex > 64 * 1024 {
            buffer.discardReadBytes()
        }
        var bytes = bytes
        buffer.writeBuffer(&bytes)
    }

    /// The next complete operation, or `nil` until more bytes arrive.
    /// - Throws: `NATSError.protocolViolation` for anything that is not the protocol or exceeds a limit.
    mutating func next() throws -> NATSServerOp? {
        if let pending { return try payload(for: pending) }
        guard let line = try readLine() else { return nil }
        return try operation(line)
    }

    private mutating func readLine() throws -> String? {
        let view = buffer.readableBytesView
        let limit = min(view.count, maxLine + 2)
        let start = view.startIndex + min(scanned, limit)
        guard let newline = view[start..<(view.startIndex + limit)].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = limit
            if view.count > maxLine + 1 { throw NATSError.protocolViolation("a control line longer than \(maxLine) bytes") }
            return nil
        }
        scanned = 0
        let length = newline - view.startIndex
        let end = length > 0 && view[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
        let line = String(decoding: view[view.startIndex..<end], as: UTF8.self)
        buffer.moveReaderIndex(forwardBy: length + 1)
        return line
    }

    /// The operation on `line`; `nil` when it is a MSG/HMSG whose payload has not all arrived.
    private mutating func operation(_ line: String) throws -> NATSServerOp? {
        let name = line.prefix { $0 != " " && $0 != "\t" }
        let rest = line.dropFirst(name.count).trimmingSpaces()
        switch name.uppercased() {
        case "MSG", "HMSG":
            let message = try Self.messageLine(rest, headers: name.uppercased() == "HMSG", maxPayload: maxPayload)
            pending = message
            return try payload(for: message)
        case "PING" where rest.isEmpty: return .ping
        case "PONG" where rest.isEmpty: return .pong
        case "+OK" where rest.isEmpty: return .ok
        case "-ERR": return .error(String(rest.trimmingCharacters(in: CharacterSet(charactersIn: "'"))))
        case "INFO":
            do {
                return .info(try JSONDecoder().decode(NATSServerInfo.self, from: Data(rest.utf8)))
            } catch {
                throw NATSError.protocolViolation("an INFO whose JSON does not decode (\(error))")
            }
        default:
            throw NATSError.protocolViolation("an unknown operation '\(name.prefix(32))'")
        }
    }

    /// `<subject> <sid> [reply-to] <#bytes>` or, for HMSG, `<subject> <sid> [reply-to] <#header bytes> <#total bytes>`.
    private static func messageLine(_ arguments: Substring, headers: Bool, maxPayload: Int) throws -> PendingMessage {
        let fields = arguments.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let sizes = headers ? 2 : 1
        guard fields.count == 2 + sizes || fields.count == 3 + sizes else {
            throw NATSError.protocolViolation("a \(headers ? "HMSG" : "MSG") line with \(fields.count) fields")
        }
        guard let sid = UInt64(fields[1]) else { throw NATSError.protocolViolation("a subscription id '\(fields[1].prefix(32))'") }
        let numbers = try fields.suffix(sizes).map { field -> Int in
            guard let value = Int(field), value >= 0 else { throw NATSError.protocolViolation("a size '\(field.prefix(32))'") }
            return value
        }
        let total = numbers[sizes - 1]
        let headerBytes = headers ? numbers[0] : 0
        guard headerBytes <= total else { throw NATSError.protocolViolation("header bytes \(headerBytes) exceed total bytes \(total)") }
        guard total <= maxPayload else { throw NATSError.protocolViolation("a message of \(total) bytes, over the \(maxPayload)-byte limit") }
        return PendingMessage(
            subject: String(fields[0]),
            sid: sid,
            replyTo: fields.count == 3 + sizes ? String(fields[2]) : nil,
            headerBytes: headerBytes,
            totalBytes: total
        )
    }

    /// The message once its payload and trailing CRLF have arrived.
    private mutating func payload(for message: PendingMessage) throws -> NATSServerOp? {
        guard buffer.readableBytes >= message.totalBytes + 2 else { return nil }
        let start = buffer.readerIndex
        guard buffer.getInteger(at: start + message.totalBytes, as: UInt16.self) == 0x0D0A else {
            throw NATSError.protocolViolation("a message payload not followed by CRLF")
        }
        var headers: NATSHeaders?
        if message.headerBytes > 0, let block = buffer.getSlice(at: start, length: message.headerBytes) {
            headers = try NATSHeaders.parse(block)
        }
        // A copy, so a message held by a slow consumer does not keep the whole read buffer alive.
        let body = ByteBuffer(bytes: buffer.readableBytesView.dropFirst(message.headerBytes).prefix(message.totalBytes - message.headerBytes))
        buffer.moveReaderIndex(forwardBy: message.totalBytes + 2)
        pending = nil
        return .message(NATSMessage(subject: message.subject, replyTo: message.replyTo, headers: headers, payload: body, sid: message.sid))
    }
}
