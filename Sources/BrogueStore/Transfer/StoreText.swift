package import Foundation

/// The text forms the store writes for values SQLite and JSON cannot hold as they are: a
/// `UInt64` seed as decimal text (SQLite integers are signed), hashes as 16 lowercase hex
/// digits, timestamps as ISO-8601 UTC with milliseconds. Parsers accept exactly what the
/// writers produce, so a stored or exported value has one spelling.
package enum StoreText {
    package static func seed(_ value: UInt64) -> String { String(value) }

    /// Decimal digits without a sign, spaces or leading zeros.
    package static func parseSeed(_ text: String) -> UInt64? {
        guard (1...20).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let value = UInt64(text), String(value) == text
        else { return nil }
        return value
    }

    package static func hash(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<16).map { digits[Int((value >> UInt64(60 - 4 * $0)) & 15)] }, as: UTF8.self)
    }

    /// Exactly 16 lowercase hex digits.
    package static func parseHash(_ text: String) -> UInt64? {
        guard text.utf8.count == 16,
            text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return UInt64(text, radix: 16)
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()

    /// Whole milliseconds, rounded: formatting truncates, and a parsed `.123` may be held as
    /// `.12299…`, so rounding first makes `timestamp(parseTimestamp(t)!) == t`.
    package static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = ms.quotientAndRemainder(dividingBy: 1000)
        let (s, f) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = withoutFraction.format(Date(timeIntervalSince1970: Double(s)))
        let digits = String(f)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// ISO-8601 UTC, with or without fractional seconds.
    package static func parseTimestamp(_ text: String) -> Date? {
        guard text.utf8.count <= 40 else { return nil }
        return (try? withFraction.parse(text)) ?? (try? withoutFraction.parse(text))
    }

    package static func contentSet(_ refs: [ContentRef]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding an array of two-string structs cannot fail.
        return (try? String(decoding: encoder.encode(refs), as: UTF8.self)) ?? "[]"
    }

    package static func parseContentSet(_ text: String) -> [ContentRef]? {
        try? JSONDecoder().decode([ContentRef].self, from: Data(text.utf8))
    }

    /// Why `text` is not acceptable as a short piece of text (a name, an id, a cause), or nil.
    package static func problem(with text: String, maxLength: Int) -> String? {
        if text.utf8.count > maxLength { return "longer than \(maxLength) bytes" }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains control characters"
        }
        return nil
    }
}
