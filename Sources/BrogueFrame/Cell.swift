/// One character cell of a frame: a glyph, its colours, and whether it is bold.
///
/// The glyph is assumed to be one column wide; the encoder does not measure widths, so a
/// double-width glyph would push the rest of its row one column to the right.
///
/// A cell holds no reference: the glyph is kept as its UTF-8 bytes packed into a word, so
/// frames of thousands of cells are filled, copied, compared and diffed as plain memory (a
/// `Character` field made every copy of a cell retain and release it). A glyph of more than
/// 8 bytes of UTF-8 (a long emoji sequence, which no terminal shows in one column anyway) is
/// kept as U+FFFD, the replacement character.
public struct Cell: Hashable, Sendable {
    /// The glyph's UTF-8 bytes, the first in the lowest byte; `glyphLength` of them count.
    private var glyphBytes: UInt64
    private var glyphLength: UInt8
    /// The glyph's colour.
    public var fg: TermColor
    /// The cell's background colour.
    public var bg: TermColor
    /// Whether the glyph is drawn bold (SGR 1).
    public var bold: Bool

    /// Creates a cell.
    /// - Parameters:
    ///   - glyph: The character shown; a space by default.
    ///   - fg: The glyph's colour; light grey by default.
    ///   - bg: The background colour; black by default.
    ///   - bold: Whether the glyph is bold; `false` by default.
    public init(_ glyph: Character = " ", fg: TermColor = .lightGray, bg: TermColor = .black, bold: Bool = false) {
        (glyphBytes, glyphLength) = Self.pack(glyph)
        self.fg = fg
        self.bg = bg
        self.bold = bold
    }

    /// The character shown, one grapheme.
    public var glyph: Character {
        get {
            if glyphLength == 1 { return Character(Unicode.Scalar(UInt8(truncatingIfNeeded: glyphBytes))) }
            return String(decoding: glyphUTF8, as: UTF8.self).first ?? " "
        }
        set { (glyphBytes, glyphLength) = Self.pack(newValue) }
    }

    /// The glyph's UTF-8 bytes.
    public var glyphUTF8: [UInt8] {
        var bytes: [UInt8] = []
        appendGlyphUTF8(to: &bytes)
        return bytes
    }

    /// Appends the glyph's UTF-8 bytes, as they are held: for writers of frames.
    public func appendGlyphUTF8(to bytes: inout [UInt8]) {
        for i in 0..<Int(glyphLength) { bytes.append(UInt8(truncatingIfNeeded: glyphBytes >> (8 * i))) }
    }

    /// The glyph when it is one ASCII character, else nil: the common case, without building
    /// a `Character`.
    public var asciiGlyph: UInt8? {
        glyphLength == 1 && glyphBytes < 0x80 ? UInt8(truncatingIfNeeded: glyphBytes) : nil
    }

    /// Whether `other` shows the same glyph, by its UTF-8 bytes (as `==` compares cells),
    /// without building two `Character`s.
    public func hasSameGlyph(as other: Cell) -> Bool { glyphBytes == other.glyphBytes && glyphLength == other.glyphLength }

    /// Whether the glyph is a space.
    public var glyphIsSpace: Bool { glyphLength == 1 && glyphBytes == 0x20 }

    /// A cell showing one ASCII character, from its byte: what `init(Character(...))` makes,
    /// without building and measuring a `Character`. The caller has checked `byte < 0x80`.
    public init(ascii byte: UInt8, fg: TermColor, bg: TermColor, bold: Bool) {
        glyphBytes = UInt64(byte)
        glyphLength = 1
        self.fg = fg
        self.bg = bg
        self.bold = bold
    }

    private static func pack(_ glyph: Character) -> (UInt64, UInt8) {
        // Not `asciiValue`, which is also 10 for "\r\n".
        let utf8 = glyph.utf8
        guard utf8.count <= 8 else { return pack("\u{FFFD}") }
        var word: UInt64 = 0
        for (i, byte) in utf8.enumerated() { word |= UInt64(byte) << (8 * i) }
        return (word, UInt8(utf8.count))
    }

    /// A space in light grey on black: what a cleared frame holds.
    public static let blank = Cell()
}

extension Cell: Codable {
    private enum CodingKeys: String, CodingKey {
        case glyph, fg, bg, bold
    }

    /// Decodes `{"glyph": "@", "fg": "#rrggbb", "bg": "#rrggbb", "bold": true}`; `bold` may be
    /// left out. A glyph that is not exactly one character is a `DecodingError.dataCorrupted`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .glyph)
        guard text.count == 1, let glyph = text.first else {
            throw DecodingError.dataCorruptedError(
                forKey: .glyph,
                in: container,
                debugDescription: "glyph must be exactly one character, got \(text.count)"
            )
        }
        self.init(
            glyph,
            fg: try container.decode(TermColor.self, forKey: .fg),
            bg: try container.decode(TermColor.self, forKey: .bg),
            bold: try container.decodeIfPresent(Bool.self, forKey: .bold) ?? false
        )
    }

    /// Encodes the glyph as a one-character string; `bold` only when it is set, to keep frames small.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(String(glyph), forKey: .glyph)
        try container.encode(fg, forKey: .fg)
        try container.encode(bg, forKey: .bg)
        if bold { try container.encode(true, forKey: .bold) }
    }
}
