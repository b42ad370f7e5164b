/// One character cell of a frame: a glyph, its colours, and whether it is bold.
///
/// The glyph is assumed to be one column wide; the encoder does not measure widths, so a
/// double-width glyph would push the rest of its row one column to the right.
public struct Cell: Hashable, Sendable {
    /// The character shown, one grapheme.
    public var glyph: Character
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
        self.glyph = glyph
        self.fg = fg
        self.bg = bg
        self.bold = bold
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
