/// Reads the messages a client sends most, `action` and `key`, straight from their bytes,
/// when they have the plain shape clients send: one flat object with `type`, an optional `id`
/// and the action or key, as printable ASCII without escapes. Anything else (another type, an
/// escape, a number with a sign or a fraction, a repeated or unknown key, a stray byte) is
/// left to `JSONDecoder` and `ClientEnvelope.init(from:)`, which decide and explain; so this
/// reader only ever answers what they would answer (`ActionMessageReaderTests` holds the two
/// together).
enum ActionMessageReader {
    static func read(_ text: String) -> ClientEnvelope? {
        JSONBytes.reading(text) { $0.clientEnvelope() }
    }
}

extension JSONBytes {
    mutating func clientEnvelope() -> ClientEnvelope? {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        var type: String?
        var id: Int?
        var action: String?
        var key: String?
        var first = true
        while true {
            skipSpace()
            if take(UInt8(ascii: "}")) { break }
            if !first {
                guard take(UInt8(ascii: ",")) else { return nil }
                skipSpace()
            }
            first = false
            guard let name = plainString() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            switch String(decoding: name, as: UTF8.self) {
            case "type" where type == nil:
                guard let value = plainString() else { return nil }
                type = String(decoding: value, as: UTF8.self)
            case "id" where id == nil:
                guard let value = digits(most: 10) else { return nil }
                id = value
            case "action" where action == nil:
                guard let value = plainString() else { return nil }
                action = String(decoding: value, as: UTF8.self)
            case "key" where key == nil:
                guard let value = plainString() else { return nil }
                key = String(decoding: value, as: UTF8.self)
            default:
                return nil
            }
        }
        skipSpace()
        guard at == bytes.count, let type else { return nil }
        // The checks `ClientEnvelope` makes of these fields: 1...maxFieldLength characters
        // (printable ASCII here, so bytes are characters) and an id within 0...Int32.max.
        func valid(_ text: String) -> Bool { (1...ProtocolInfo.maxFieldLength).contains(text.utf8.count) }
        if let id, id > Int(Int32.max) { return nil }
        switch type {
        case "action":
            guard key == nil, let action, valid(action) else { return nil }
            return ClientEnvelope(.action(action), id: id)
        case "key":
            guard action == nil, let key, valid(key) else { return nil }
            return ClientEnvelope(.key(key), id: id)
        default:
            return nil
        }
    }

    /// A string of printable ASCII with no escapes, without its quotes.
    mutating func plainString() -> UnsafeBufferPointer<UInt8>.SubSequence? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            guard (0x20...0x7E).contains(bytes[at]), bytes[at] != UInt8(ascii: "\\") else { return nil }
            at += 1
        }
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[start..<at]
    }
}
