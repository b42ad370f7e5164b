/// A 24-bit colour as a terminal shows it: red, green and blue, 0...255 each.
///
/// Encodes as a `"#rrggbb"` string, which a browser client can use as CSS as it stands.
public struct TermColor: Hashable, Sendable {
    /// Red, 0...255.
    public var r: UInt8
    /// Green, 0...255.
    public var g: UInt8
    /// Blue, 0...255.
    public var b: UInt8

    /// Creates a colour from its three channels.
    /// - Parameters:
    ///   - r: Red, 0...255.
    ///   - g: Green, 0...255.
    ///   - b: Blue, 0...255.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Creates a colour from `0xRRGGBB`; bits above the low 24 are ignored.
    /// - Parameter rgb: The colour packed as `0xRRGGBB`, for example `0xFF8000` for orange.
    public init(rgb: UInt32) {
        self.init(r: UInt8((rgb >> 16) & 0xFF), g: UInt8((rgb >> 8) & 0xFF), b: UInt8(rgb & 0xFF))
    }

    /// The colour packed as `0xRRGGBB`.
    public var rgb: UInt32 { UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b) }

    /// Black, `#000000`.
    public static let black = TermColor(rgb: 0x000000)
    /// White, `#ffffff`.
    public static let white = TermColor(rgb: 0xFFFFFF)
    /// The default foreground of a blank cell: a light grey, so bright white stays for emphasis.
    public static let lightGray = TermColor(rgb: 0xC0C0C0)
    /// Middle grey, `#808080`.
    public static let gray = TermColor(rgb: 0x808080)
    /// Pure red, `#ff0000`.
    public static let red = TermColor(rgb: 0xFF0000)
    /// Pure green, `#00ff00`.
    public static let green = TermColor(rgb: 0x00FF00)
    /// Pure blue, `#0000ff`.
    public static let blue = TermColor(rgb: 0x0000FF)
    /// Yellow, `#ffff00`.
    public static let yellow = TermColor(rgb: 0xFFFF00)
}

extension TermColor: CustomStringConvertible {
    /// The colour as `#rrggbb`, lower-case.
    public var description: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for channel in [r, g, b] {
            text.append(digits[Int(channel >> 4)])
            text.append(digits[Int(channel & 0xF)])
        }
        return text
    }

    /// Parses `#rrggbb` (either case); anything else is `nil`.
    /// - Parameter hex: The text to parse, for example `"#ff8000"`.
    public init?(hex: String) {
        self.init(hexUTF8: hex.utf8)
    }

    /// Parses `#rrggbb` (either case) from its UTF-8 bytes: for readers of wire messages, which
    /// hold bytes rather than strings.
    @inlinable public init?<Bytes: Collection<UInt8>>(hexUTF8 utf8: Bytes) {
        guard utf8.count == 7, utf8.first == UInt8(ascii: "#") else { return nil }
        var value: UInt32 = 0
        for byte in utf8.dropFirst() {
            guard let digit = Self.hexDigit(byte) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        self.init(rgb: value)
    }

    @usableFromInline static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension TermColor: Codable {
    /// Decodes `"#rrggbb"`; any other value is a `DecodingError.dataCorrupted` naming the bad text.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let color = TermColor(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "colour '\(text.prefix(16))' is not of the form #rrggbb"
            )
        }
        self = color
    }

    /// Encodes as `"#rrggbb"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
