/// Turns the bytes a terminal sends into keys.
///
/// Feed it whatever `read` returned; it returns the keys that are complete and keeps a
/// partial escape sequence or UTF-8 character for the next call. A lone ESC cannot be told
/// from the start of a sequence until no more bytes come, so when the caller's wait for more
/// input times out it calls ``flush()``, which turns a pending ESC into ``Key/escape``.
/// Sequences it does not know are dropped whole; no input makes it trap.
///
/// ```swift
/// var decoder = KeyDecoder()
/// decoder.feed([0x1B, 0x5B])      // [] - could be an arrow
/// decoder.feed([0x41])            // [.up]
/// decoder.feed([0x1B])            // []
/// decoder.flush()                 // [.escape]
/// ```
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    /// The longest escape sequence kept while waiting for its end; a longer one is dropped.
    static let longestSequence = 32

    /// Creates a decoder with nothing pending.
    public init() {}

    /// Whether bytes of an unfinished sequence or character are waiting for more input.
    public var hasPending: Bool { !pending.isEmpty }

    /// Decodes new input.
    /// - Parameter bytes: The bytes just read, in order.
    /// - Returns: The keys they complete, in order; possibly none.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        return decode(final: false)
    }

    /// Decodes what is pending as if no more input will come: an unfinished escape sequence
    /// becomes ``Key/escape`` followed by its other bytes as keys; an unfinished UTF-8
    /// character is dropped.
    /// - Returns: The keys, in order; possibly none.
    public mutating func flush() -> [Key] {
        decode(final: true)
    }

    private mutating func decode(final: Bool) -> [Key] {
        var keys: [Key] = []
        var index = 0
        loop: while index < pending.count {
            switch Self.parse(pending, at: index, final: final) {
            case .key(let key, let length):
                keys.append(key)
                index += length
            case .skip(let length):
                index += length
            case .incomplete:
                break loop
            }
        }
        pending.removeFirst(index)
        return keys
    }
}

extension KeyDecoder {
    enum Parse: Equatable {
        case key(Key, length: Int)
        /// Bytes that are no key: an unknown sequence or invalid UTF-8.
        case skip(Int)
        case incomplete
    }

    static func parse(_ bytes: [UInt8], at start: Int, final: Bool) -> Parse {
        let byte = bytes[start]
        switch byte {
        case 0x1B:
            let parsed = parseEscape(bytes, at: start)
            return parsed == .incomplete && final ? .key(.escape, length: 1) : parsed
        case 0x0D, 0x0A: return .key(.enter, length: 1)
        case 0x09: return .key(.tab, length: 1)
        case 0x08, 0x7F: return .key(.backspace, length: 1)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(byte + 0x60))), length: 1)
        case 0x00, 0x1C...0x1F: return .skip(1)
        case 0x20...0x7E: return .key(.character(Character(Unicode.Scalar(byte))), length: 1)
        default:
            let parsed = parseUTF8(bytes, at: start)
            return parsed == .incomplete && final ? .skip(1) : parsed
        }
    }

    /// ESC, then CSI (`ESC [`), SS3 (`ESC O`), or anything else, which makes the ESC a key
    /// of its own and leaves the next byte to be read as a key.
    private static func parseEscape(_ bytes: [UInt8], at start: Int) -> Parse {
        guard start + 1 < bytes.count else { return .incomplete }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            return parseCSI(bytes, at: start)
        case UInt8(ascii: "O"):
            guard start + 2 < bytes.count else { return .incomplete }
            let final = bytes[start + 2]
            guard (0x20...0x7E).contains(final) else { return .skip(2) }
            if let key = ss3Key(final) { return .key(key, length: 3) }
            return .skip(3)
        default:
            return .key(.escape, length: 1)
        }
    }

    /// `ESC [`, parameter bytes 0x30...0x3F, intermediate bytes 0x20...0x2F, one final byte
    /// 0x40...0x7E; and the Linux console's function keys `ESC [ [ A` ... `ESC [ [ E`.
    private static func parseCSI(_ bytes: [UInt8], at start: Int) -> Parse {
        var index = start + 2
        if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
            guard index + 1 < bytes.count else { return .incomplete }
            let final = bytes[index + 1]
            if (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(final) {
                return .key(.function(Int(final - UInt8(ascii: "A")) + 1), length: 4)
            }
            return .skip(4)
        }
        var parameters: [UInt8] = []
        var hasIntermediates = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x3F:
                parameters.append(byte)
            case 0x20...0x2F:
                hasIntermediates = true
            case 0x40...0x7E:
                let length = index - start + 1
                guard !hasIntermediates, let key = csiKey(parameters: parameters, final: byte) else { return .skip(length) }
                return .key(key, length: length)
            default:
                // Not a CSI byte: the sequence was cut short. Drop what there is and read on.
                return .skip(index - start)
            }
            index += 1
            if index - start > longestSequence { return .skip(index - start) }
        }
        return .incomplete
    }

    private static func csiKey(parameters: [UInt8], final: UInt8) -> Key? {
        // Private sequences (`<`, `=`, `>`, `?` first) are mouse and report replies we never ask for.
        if let first = parameters.first, first >= 0x3C { return nil }
        let numbers = parameters.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field -> Int? in
            guard !field.isEmpty, field.count <= 4, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return field.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        // A second parameter, as in `CSI 1;5A`, is a modifier (Shift, Ctrl, Alt): the key is still the key.
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "E"): return .center
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return .function(Int(final - UInt8(ascii: "P")) + 1)
        case UInt8(ascii: "~"):
            guard let code = numbers.first ?? nil else { return nil }
            return tildeKey(code)
        default: return nil
        }
    }

    private static func tildeKey(_ code: Int) -> Key? {
        switch code {
        case 1, 7: .home
        case 2: .insert
        case 3: .delete
        case 4, 8: .end
        case 5: .pageUp
        case 6: .pageDown
        case 11...15: .function(code - 10)
        case 17...21: .function(code - 11)
        case 23, 24: .function(code - 12)
        default: nil
        }
    }

    /// SS3 finals: arrows and F1-F4 in cursor-key application mode, and the numeric keypad
    /// in keypad application mode (`p`...`y` are 0...9).
    private static func ss3Key(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): .up
        case UInt8(ascii: "B"): .down
        case UInt8(ascii: "C"): .right
        case UInt8(ascii: "D"): .left
        case UInt8(ascii: "H"): .home
        case UInt8(ascii: "F"): .end
        case UInt8(ascii: "E"): .center
        case UInt8(ascii: "M"): .enter
        case UInt8(ascii: "I"): .tab
        case UInt8(ascii: "P")...UInt8(ascii: "S"): .function(Int(final - UInt8(ascii: "P")) + 1)
        case UInt8(ascii: "p")...UInt8(ascii: "y"): .character(Character(Unicode.Scalar(final - UInt8(ascii: "p") + UInt8(ascii: "0"))))
        case UInt8(ascii: "j"): .character("*")
        case UInt8(ascii: "k"): .character("+")
        case UInt8(ascii: "l"): .character(",")
        case UInt8(ascii: "m"): .character("-")
        case UInt8(ascii: "n"): .character(".")
        case UInt8(ascii: "o"): .character("/")
        case UInt8(ascii: "X"): .character("=")
        default: nil
        }
    }

    /// One UTF-8 encoded scalar. Overlong forms, surrogates, values past U+10FFFF and C1
    /// controls are dropped a byte at a time, so decoding resynchronises on the next lead byte.
    private static func parseUTF8(_ bytes: [UInt8], at start: Int) -> Parse {
        let lead = bytes[start]
        let length: Int
        let initial: UInt32
        switch lead {
        case 0xC2...0xDF: (length, initial) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, initial) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, initial) = (4, UInt32(lead & 0x07))
        default: return .skip(1)
        }
        var value = initial
        for offset in 1..<length {
            guard start + offset < bytes.count else { return .incomplete }
            let byte = bytes[start + offset]
            guard byte & 0xC0 == 0x80 else { return .skip(1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let smallest: UInt32 = [0, 0, 0x80, 0x800, 0x10000][length]
        guard value >= smallest, value >= 0xA0, let scalar = Unicode.Scalar(value) else { return .skip(1) }
        return .key(.character(Character(scalar)), length: length)
    }
}
