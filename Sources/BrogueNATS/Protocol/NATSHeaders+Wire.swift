import NIOCore

extension NATSHeaders {
    static let versionLine = "NATS/1.0"

    /// The header block as sent in HPUB: version (and status) line, fields, blank line.
    /// - Throws: `NATSError.invalidHeader` for a name or value that would break the block.
    func encoded() throws -> ByteBuffer {
        var out = ByteBuffer()
        out.writeString(Self.versionLine)
        if let status {
            out.writeString(" \(status)")
            if let statusDescription { out.writeString(" \(statusDescription)") }
        }
        out.writeString("\r\n")
        for field in fields {
            let badName = field.name.isEmpty || field.name.utf8.contains { $0 == UInt8(ascii: ":") || $0 <= 0x20 || $0 == 0x7F }
            let badValue = field.value.utf8.contains { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
            if badName || badValue { throw NATSError.invalidHeader("\(field.name): \(field.value)") }
            out.writeString("\(field.name): \(field.value)\r\n")
        }
        out.writeString("\r\n")
        return out
    }

    /// Reads a header block as it arrives in HMSG.
    /// - Throws: `NATSError.protocolViolation` when it does not start with `NATS/1.0` or a line has no colon.
    static func parse(_ block: ByteBuffer) throws -> NATSHeaders {
        // Split on bytes: in a Swift String "\r\n" is one Character, and splitting on "\n" would miss it.
        var lines = block.readableBytesView.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            Substring(String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self))
        }
        guard let first = lines.first, first.hasPrefix(versionLine) else {
            throw NATSError.protocolViolation("a header block that does not start with \(versionLine)")
        }
        lines.removeFirst()
        var headers = NATSHeaders()
        let statusPart = first.dropFirst(versionLine.count).trimmingSpaces()
        if !statusPart.isEmpty {
            let code = statusPart.prefix { $0 != " " }
            guard let status = Int(code), (100...999).contains(status) else {
                throw NATSError.protocolViolation("a header status '\(statusPart)' that is not a 3-digit code")
            }
            headers.status = status
            let description = statusPart.dropFirst(code.count).trimmingSpaces()
            if !description.isEmpty { headers.statusDescription = String(description) }
        }
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw NATSError.protocolViolation("a header line without a colon") }
            let name = line[..<colon].trimmingSpaces()
            guard !name.isEmpty else { throw NATSError.protocolViolation("a header line with an empty name") }
            headers.append(name: String(name), value: String(line[line.index(after: colon)...].trimmingSpaces()))
        }
        return headers
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
