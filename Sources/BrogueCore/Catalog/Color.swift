/// A 24-bit colour. Content writes it as `"#rrggbb"`.
public struct RGB: Hashable, Sendable, Codable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb` (case-insensitive); nil for anything else.
    public init?(hex: String) {
        let u = Array(hex.utf8)
        guard u.count == 7, u[0] == UInt8(ascii: "#") else { return nil }
        var v: [UInt8] = []
        for i in stride(from: 1, to: 7, by: 2) {
            guard let hi = RGB.nibble(u[i]), let lo = RGB.nibble(u[i + 1]) else { return nil }
            v.append(hi << 4 | lo)
        }
        self.init(v[0], v[1], v[2])
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    public var description: String {
        let digits = Array("0123456789abcdef")
        return "#" + [r, g, b].map { "\(digits[Int($0 >> 4)])\(digits[Int($0 & 15)])" }.joined()
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
}

/// A damage roll as Brogue writes it: `{min, max, clump}`.
public struct DamageRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var min: Int
    public var max: Int
    public var clump: Int

    public init(min: Int, max: Int, clump: Int = 1) {
        self.min = min
        self.max = max
        self.clump = clump
    }

    public var description: String { "\(min)-\(max)" + (clump > 1 ? "/\(clump)" : "") }
}
