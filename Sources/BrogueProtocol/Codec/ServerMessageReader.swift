import BrogueFrame

/// Reads the messages a node sends with every action, `frame` and `ack`, straight from their
/// bytes, when they have the exact shape `WireWriter` writes: no spaces, the keys in its order,
/// integers plain, colours `#rrggbb`. Anything else (another type, a space, a key out of order,
/// a missing or extra key, an escaped surrogate, a frame whose size or cell count is wrong) is
/// left to `JSONDecoder` and `ServerEnvelope.init(from:)`, which decide and explain; so this
/// reader only ever answers what they would answer (`ServerMessageReaderTests` holds the two
/// together).
///
/// A client decodes every frame it is sent; through `JSONDecoder` that cost a load-test bot
/// about a third of its CPU, more than the node spent composing the frame.
enum ServerMessageReader {
    static func read(_ text: String) -> ServerEnvelope? {
        JSONBytes.reading(text) { $0.serverEnvelope() }
    }
}

extension JSONBytes {
    mutating func serverEnvelope() -> ServerEnvelope? {
        guard literal("{\"type\":\"") else { return nil }
        let isAck = literal("ack\"")
        guard isAck || literal("frame\"") else { return nil }
        var ref: Int?
        if literal(",\"ref\":") {
            guard let value = integer() else { return nil }
            ref = value
        }
        let message: ServerMessage
        if isAck {
            guard let ack = ack() else { return nil }
            message = .ack(ack)
        } else {
            guard let frame = frame() else { return nil }
            message = .frame(frame)
        }
        guard literal("}"), at == bytes.count else { return nil }
        return ServerEnvelope(message, ref: ref)
    }

    mutating func ack() -> Ack? {
        guard literal(",\"applied\":"), let applied = integer(),
            literal(",\"actions\":"), let actions = integer(),
            literal(",\"turn\":"), let turn = integer(),
            literal(",\"stateHash\":"), let hash = string(),
            literal(",\"over\":"), let over = boolean()
        else { return nil }
        return Ack(applied: applied, actions: actions, turn: turn, stateHash: hash, over: over)
    }

    mutating func frame() -> FrameUpdate? {
        guard literal(",\"seq\":"), let seq = integer(),
            literal(",\"width\":"), let width = integer(),
            literal(",\"height\":"), let height = integer(),
            literal(",\"full\":"), let full = boolean()
        else { return nil }
        // The size `FrameUpdate.init(from:)` allows; it explains any other.
        guard (1...Frame.maximumSide).contains(width), (1...Frame.maximumSide).contains(height) else { return nil }
        let area = width * height
        var cells: [Cell]?
        var changes: [FrameUpdate.Change] = []
        if full {
            guard literal(",\"cells\":[") else { return nil }
            var list: [Cell] = []
            list.reserveCapacity(area)
            if !literal("]") {
                repeat {
                    guard list.count < area, literal("["), let cell = cell(), literal("]") else { return nil }
                    list.append(cell)
                } while literal(",")
                guard literal("]") else { return nil }
            }
            guard list.count == area else { return nil }
            cells = list
        } else {
            guard literal(",\"changes\":[") else { return nil }
            if !literal("]") {
                repeat {
                    guard changes.count < area, literal("["), let x = integer(), literal(","), let y = integer(), literal(","),
                        let cell = cell(), literal("]")
                    else { return nil }
                    changes.append(FrameUpdate.Change(x: x, y: y, cell: cell))
                } while literal(",")
                guard literal("]") else { return nil }
            }
        }
        guard literal(",\"messages\":["), let messages = strings() else { return nil }
        var status: FrameUpdate.Status?
        if literal(",\"status\":{") {
            guard literal("\"depth\":"), let depth = integer(),
                literal(",\"turn\":"), let turn = integer(),
                literal(",\"hp\":"), let hp = integer(),
                literal(",\"maxHP\":"), let maxHP = integer(),
                literal("}")
            else { return nil }
            status = FrameUpdate.Status(depth: depth, turn: turn, hp: hp, maxHP: maxHP)
        }
        return FrameUpdate(seq: seq, width: width, height: height, cells: cells, changes: changes, messages: messages, status: status)
    }

    /// The strings of a list whose `[` was read, and its `]`.
    mutating func strings() -> [String]? {
        var list: [String] = []
        if literal("]") { return list }
        repeat {
            guard let text = string() else { return nil }
            list.append(text)
        } while literal(",")
        return literal("]") ? list : nil
    }

    /// `glyph,fg,bg,bold` of a cell.
    mutating func cell() -> Cell? {
        // Most glyphs are one printable ASCII character, or the quote (grass) escaped.
        var ascii: UInt8?
        var character: Character?
        if at + 3 <= bytes.count, bytes[at] == UInt8(ascii: "\""), bytes[at + 2] == UInt8(ascii: "\""),
            (0x20...0x7E).contains(bytes[at + 1]), bytes[at + 1] != UInt8(ascii: "\""), bytes[at + 1] != UInt8(ascii: "\\")
        {
            ascii = bytes[at + 1]
            at += 3
        } else {
            guard let text = string(), text.count == 1 else { return nil }
            character = text.first
        }
        guard literal(","), let fg = color(), literal(","), let bg = color(), literal(","), let bold = integer() else { return nil }
        if let ascii { return Cell(ascii: ascii, fg: fg, bg: bg, bold: bold != 0) }
        return character.map { Cell($0, fg: fg, bg: bg, bold: bold != 0) }
    }

    /// `"#rrggbb"`, either case, read by `TermColor(hexUTF8:)` as `TermColor(hex:)` reads it.
    mutating func color() -> TermColor? {
        guard at + 9 <= bytes.count, bytes[at] == UInt8(ascii: "\""), bytes[at + 8] == UInt8(ascii: "\""),
            let color = TermColor(hexUTF8: bytes[(at + 1)..<(at + 8)])
        else { return nil }
        at += 9
        return color
    }

    /// A string, its escapes undone: the short ones, and `\\u` for any scalar that is not
    /// half of a surrogate pair (those go to `JSONDecoder`). Control characters must be
    /// escaped, as JSON says. The text is a Swift `String`, so its other bytes are valid UTF-8.
    mutating func string() -> String? {
        guard literal("\"") else { return nil }
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") {
            guard bytes[at] >= 0x20 else { return nil }
            at += 1
        }
        guard at < bytes.count else { return nil }
        if bytes[at] == UInt8(ascii: "\"") {
            defer { at += 1 }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }
        var text = Array(bytes[start..<at])
        while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
            let byte = bytes[at]
            at += 1
            guard byte >= 0x20 else { return nil }
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                continue
            }
            guard at < bytes.count else { return nil }
            let escaped = bytes[at]
            at += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                guard at + 4 <= bytes.count else { return nil }
                var value: UInt32 = 0
                for i in at..<(at + 4) {
                    guard let digit = Self.hexDigit(bytes[i]) else { return nil }
                    value = value << 4 | UInt32(digit)
                }
                at += 4
                guard let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) else { return nil }
                text.append(contentsOf: encoded)
            default: return nil
            }
        }
        guard at < bytes.count else { return nil }
        at += 1
        return String(decoding: text, as: UTF8.self)
    }

    /// An optional minus and 1 to 18 digits, no leading zero and no `-0`: what `WireWriter`
    /// writes, always within `Int`.
    mutating func integer() -> Int? {
        let negative = literal("-")
        guard let value = digits(most: 18), !(negative && value == 0) else { return nil }
        // A fraction or an exponent is a number `JSONDecoder` may still take as an Int.
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") || bytes[at] | 0x20 == UInt8(ascii: "e") { return nil }
        return negative ? -value : value
    }

    mutating func boolean() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }
}
