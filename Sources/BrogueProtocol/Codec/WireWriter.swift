import BrogueFrame

/// Writes the messages a node sends with every action (frames and acknowledgements) straight
/// into UTF-8 bytes, with no intermediate strings or containers.
///
/// `JSONEncoder` builds a tree of boxed values for a frame's thousands of cells and then
/// serialises it; on a busy node that was a fifth of the CPU an action cost. The JSON written
/// here is what `JSONEncoder` writes for these messages, key for key, value for value and
/// escape for escape (`WireWriterTests` compares the two), so clients see no difference. The
/// keys come in a fixed order, the type first.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Writes ASCII text as it stands: punctuation and keys, never user text.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Writes bytes already written by a writer.
    mutating func append(_ written: [UInt8]) {
        bytes.append(contentsOf: written)
    }

    /// Writes `,"key":`, or `"key":` for the first key of an object.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The magnitude as UInt, so Int.min has one too; digits come least significant first.
        var rest = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Writes a JSON string: quotes, backslashes and control characters escaped as
    /// `JSONEncoder` escapes them; slashes and everything else as UTF-8 (the codec asks
    /// `JSONEncoder` not to escape slashes either).
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): raw("\\\"")
                case UInt8(ascii: "\\"): raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                case 0x08: raw("\\b")
                case 0x0C: raw("\\f")
                case 0..<0x20:
                    raw("\\u00")
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes a cell's glyph as a one-character string. Only ASCII can need escaping: the
    /// bytes of any other character are 0x80 or above, and go as they are.
    mutating func glyph(of cell: Cell) {
        if let ascii = cell.asciiGlyph, ascii < 0x20 || ascii == UInt8(ascii: "\"") || ascii == UInt8(ascii: "\\") {
            string(String(cell.glyph))
            return
        }
        bytes.append(UInt8(ascii: "\""))
        cell.appendGlyphUTF8(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes `"#rrggbb"`, as `TermColor` encodes itself.
    mutating func color(_ color: TermColor) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: "#"))
        for channel in [color.r, color.g, color.b] {
            bytes.append(Self.hex[Int(channel >> 4)])
            bytes.append(Self.hex[Int(channel & 0xF)])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `[glyph, fg, bg, bold]`, with bold 0 or 1.
    mutating func cellFields(_ cell: Cell) {
        glyph(of: cell)
        bytes.append(UInt8(ascii: ","))
        color(cell.fg)
        bytes.append(UInt8(ascii: ","))
        color(cell.bg)
        bytes.append(UInt8(ascii: ","))
        bytes.append(cell.bold ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}

extension WireWriter {
    /// The fields of a frame, after the envelope's `type` and `ref`, in the order
    /// `FrameUpdate.encode(to:)` writes them.
    mutating func frameFields(_ frame: FrameUpdate) {
        key("seq")
        int(frame.seq)
        key("width")
        int(frame.width)
        key("height")
        int(frame.height)
        key("full")
        bool(frame.isFull)
        if let cells = frame.cells {
            key("cells")
            bytes.append(UInt8(ascii: "["))
            for (i, cell) in cells.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                cellFields(cell)
                bytes.append(UInt8(ascii: "]"))
            }
            bytes.append(UInt8(ascii: "]"))
        } else {
            key("changes")
            bytes.append(UInt8(ascii: "["))
            for (i, change) in frame.changes.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(UInt8(ascii: "["))
                int(change.x)
                bytes.append(UInt8(ascii: ","))
                int(change.y)
                bytes.append(UInt8(ascii: ","))
                cellFields(change.cell)
                bytes.append(UInt8(ascii: "]"))
            }
            bytes.append(UInt8(ascii: "]"))
        }
        key("messages")
        bytes.append(UInt8(ascii: "["))
        for (i, message) in frame.messages.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            string(message)
        }
        bytes.append(UInt8(ascii: "]"))
        if let status = frame.status {
            key("status")
            bytes.append(UInt8(ascii: "{"))
            key("depth", first: true)
            int(status.depth)
            key("turn")
            int(status.turn)
            key("hp")
            int(status.hp)
            key("maxHP")
            int(status.maxHP)
            bytes.append(UInt8(ascii: "}"))
        }
    }
}
