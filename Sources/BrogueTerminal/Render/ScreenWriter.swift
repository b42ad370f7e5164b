import BrogueFrame

/// The bytes of one update, with what the terminal's cursor and pen will be after them,
/// so the encoder moves the cursor and changes colour only when it must.
struct ScreenWriter {
    let mode: ColorMode
    /// The frame's width: writing its last column leaves the cursor in a terminal-dependent
    /// place (pending wrap), so after that the position counts as unknown.
    let width: Int
    var bytes: [UInt8] = []
    /// Where the next glyph would land; `nil` when unknown.
    var cursor: (x: Int, y: Int)?
    /// What SGR last set; `nil` when unknown.
    var pen: Pen?

    init(mode: ColorMode, width: Int) {
        self.mode = mode
        self.width = width
    }

    /// Writes a cell at the cursor, which must already be at its column.
    mutating func write(_ cell: Cell, at x: Int) {
        let target = pen(for: cell)
        target.appendTransition(from: pen, to: &bytes)
        pen = target
        Self.appendGlyph(of: cell, to: &bytes)
        if let position = cursor {
            cursor = x + 1 < width ? (x + 1, position.y) : nil
        }
    }

    /// Moves the cursor to (x, y) with CUP, unless it is there already.
    mutating func moveCursor(x: Int, y: Int) {
        if let cursor, cursor.x == x, cursor.y == y { return }
        ControlSequence.appendCursorPosition(x: x, y: y, to: &bytes)
        cursor = (x, y)
    }

    /// The pen that draws a cell. A blank glyph shows no foreground and no boldness, so it
    /// keeps the current ones rather than paying to change them.
    func pen(for cell: Cell) -> Pen {
        let bg = Paint(cell.bg, mode: mode)
        if let pen, cell.glyphIsSpace {
            return Pen(fg: pen.fg, bg: bg, bold: pen.bold)
        }
        return Pen(fg: Paint(cell.fg, mode: mode), bg: bg, bold: cell.bold)
    }

    /// Whether two cells look the same in this colour mode, so that changing one into the
    /// other needs no bytes.
    func looksSame(_ a: Cell, _ b: Cell) -> Bool {
        if a == b { return true }
        // By the glyphs' bytes: building a `Character` for each cell compared was most of this.
        guard a.hasSameGlyph(as: b), Paint(a.bg, mode: mode) == Paint(b.bg, mode: mode) else { return false }
        return a.glyphIsSpace || (a.bold == b.bold && Paint(a.fg, mode: mode) == Paint(b.fg, mode: mode))
    }

    /// Appends a cell's glyph as UTF-8, or `?` for a glyph holding a control character: a frame
    /// is data from elsewhere and must never smuggle an escape sequence onto the terminal.
    static func appendGlyph(of cell: Cell, to bytes: inout [UInt8]) {
        if let ascii = cell.asciiGlyph {
            bytes.append(ascii < 0x20 || ascii == 0x7F ? UInt8(ascii: "?") : ascii)
            return
        }
        let start = bytes.count
        cell.appendGlyphUTF8(to: &bytes)
        // In UTF-8, C0 controls and DEL are those bytes themselves, and C1 controls
        // (U+0080...U+009F) are 0xC2 followed by 0x80...0x9F.
        let glyph = bytes[start...]
        let control = zip(glyph, glyph.dropFirst()).contains { $0 == 0xC2 && (0x80...0x9F).contains($1) }
        if control || glyph.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            bytes.removeSubrange(start...)
            bytes.append(UInt8(ascii: "?"))
        }
    }
}
