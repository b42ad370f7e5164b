/// A cursor over a message's UTF-8 bytes, for the readers that take the commonest messages
/// straight from their bytes (`ActionMessageReader` on the node, `ServerMessageReader` in
/// clients): the pieces of JSON both read alike. Each answers nil or false, and never traps,
/// for what it does not take, so a reader can leave the message to `JSONDecoder`.
struct JSONBytes {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    /// `body` over the bytes of `text`, from the first.
    static func reading<T>(_ text: String, _ body: (inout JSONBytes) -> T?) -> T? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = JSONBytes(bytes: bytes)
            return body(&reader)
        }
    }

    mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    /// Takes `text` if the bytes go on with it.
    mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let start = text.utf8Start
        for i in 0..<count where bytes[at + i] != start[i] { return false }
        at += count
        return true
    }

    /// 1 to `most` digits with no leading zero (0 itself is one digit), as a number. More digits
    /// than `most` are refused before they are added up: twenty overflowed `Int`, and the trap
    /// ended a node.
    mutating func digits(most: Int) -> Int? {
        let start = at
        var value = 0
        while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) {
            guard at - start < most else { return nil }
            value = value * 10 + Int(bytes[at] - UInt8(ascii: "0"))
            at += 1
        }
        let count = at - start
        guard count > 0, count == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        return value
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
