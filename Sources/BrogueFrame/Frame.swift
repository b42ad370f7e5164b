/// A screenful of cells, row by row: what the game composes and the terminal draws.
///
/// Coordinates are zero-based, `x` the column and `y` the row. A frame is a plain value,
/// so the terminal can keep the last one it drew and send only what changed.
///
/// ```swift
/// var frame = Frame(width: 100, height: 34)
/// frame.put("Depth 3", x: 80, y: 0, fg: .yellow)
/// frame[x: 10, y: 5] = Cell("@", fg: .white, bold: true)
/// ```
public struct Frame: Hashable, Sendable {
    /// Columns; never negative.
    public let width: Int
    /// Rows; never negative.
    public let height: Int
    /// All cells, row by row: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    /// The largest side a decoded frame may have, so hostile input cannot make us allocate
    /// without bound.
    public static let maximumSide = 1024

    /// Creates a frame filled with one cell.
    /// - Parameters:
    ///   - width: Columns; negative counts as 0.
    ///   - height: Rows; negative counts as 0.
    ///   - cell: What every cell starts as; `Cell.blank` by default.
    public init(width: Int, height: Int, filledWith cell: Cell = .blank) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        self.cells = Array(repeating: cell, count: self.width * self.height)
    }

    /// Whether (x, y) lies inside the frame.
    /// - Parameters:
    ///   - x: The column.
    ///   - y: The row.
    /// - Returns: `true` when `0 <= x < width` and `0 <= y < height`.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// The cell at (x, y). Reading or writing outside the frame is a programming error and traps;
    /// use ``put(_:x:y:fg:bg:bold:)`` or ``contains(x:y:)`` where the position may be outside.
    public subscript(x x: Int, y y: Int) -> Cell {
        get {
            precondition(contains(x: x, y: y), "cell (\(x), \(y)) is outside the \(width)x\(height) frame")
            return cells[y * width + x]
        }
        set {
            precondition(contains(x: x, y: y), "cell (\(x), \(y)) is outside the \(width)x\(height) frame")
            cells[y * width + x] = newValue
        }
    }

    /// Writes text left to right from (x, y), one character per cell, dropping whatever falls
    /// outside the frame (including a row outside it). Text does not wrap.
    /// - Parameters:
    ///   - text: The characters to write; each becomes one cell.
    ///   - x: The column of the first character; may be negative.
    ///   - y: The row.
    ///   - fg: The text colour.
    ///   - bg: The background; `nil` keeps each cell's background, for text over a lit map.
    ///   - bold: Whether the text is bold.
    /// - Returns: The column after the last character, whether or not it was clipped.
    @discardableResult
    public mutating func put(
        _ text: String,
        x: Int,
        y: Int,
        fg: TermColor,
        bg: TermColor? = nil,
        bold: Bool = false
    ) -> Int {
        if let end = putASCII(text, x: x, y: y, fg: fg, bg: bg, bold: bold) { return end }
        var column = x
        for glyph in text {
            defer { column += 1 }
            guard contains(x: column, y: y) else { continue }
            let index = y * width + column
            cells[index] = Cell(glyph, fg: fg, bg: bg ?? cells[index].bg, bold: bold)
        }
        return column
    }

    /// `put` for text that is all ASCII with no carriage return (almost all a screen shows):
    /// then each byte is one character, so the text is read as bytes, with no grapheme breaking.
    /// A carriage return is left to `put`, since "\r\n" is one character.
    /// - Returns: the column after the text, or nil (and nothing written) for any other text.
    private mutating func putASCII(_ text: String, x: Int, y: Int, fg: TermColor, bg: TermColor?, bold: Bool) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            guard y >= 0 && y < height else { return x + bytes.count }
            let first = max(x, 0)
            let end = min(x + bytes.count, width)
            guard first < end else { return x + bytes.count }
            let row = y * width
            for column in first..<end {
                let index = row + column
                cells[index] = Cell(ascii: bytes[column - x], fg: fg, bg: bg ?? cells[index].bg, bold: bold)
            }
            return x + bytes.count
        }
    }

    /// Sets every cell of a rectangle, clipped to the frame.
    /// - Parameters:
    ///   - cell: The cell to write.
    ///   - x: The rectangle's left column; may be negative.
    ///   - y: The rectangle's top row; may be negative.
    ///   - width: Columns in the rectangle.
    ///   - height: Rows in the rectangle.
    public mutating func fill(_ cell: Cell, x: Int, y: Int, width: Int, height: Int) {
        let left = max(x, 0)
        let right = min(x + max(width, 0), self.width)
        let top = max(y, 0)
        let bottom = min(y + max(height, 0), self.height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            let start = row * self.width
            for column in left..<right {
                cells[start + column] = cell
            }
        }
    }

    /// Sets each cell of a rectangle inside the frame to what `cell` gives for its offset in
    /// the rectangle, row by row: a whole map painted without a bounds check and a uniqueness
    /// check for every cell, as the subscript makes.
    /// - Parameters:
    ///   - x: The rectangle's left column.
    ///   - y: The rectangle's top row.
    ///   - width: Columns in the rectangle.
    ///   - height: Rows in the rectangle; the rectangle must lie inside the frame.
    ///   - cell: The cell at column `dx`, row `dy` of the rectangle.
    public mutating func paint(x: Int, y: Int, width: Int, height: Int, _ cell: (_ dx: Int, _ dy: Int) -> Cell) {
        precondition(
            x >= 0 && y >= 0 && width >= 0 && height >= 0 && x + width <= self.width && y + height <= self.height,
            "rectangle (\(x), \(y)) \(width)x\(height) is not inside the \(self.width)x\(self.height) frame"
        )
        let stride = self.width
        cells.withUnsafeMutableBufferPointer { cells in
            for dy in 0..<height {
                let row = (y + dy) * stride + x
                for dx in 0..<width { cells[row + dx] = cell(dx, dy) }
            }
        }
    }

    /// Sets every cell of the frame.
    /// - Parameter cell: The cell to write.
    public mutating func fill(_ cell: Cell) {
        for index in cells.indices {
            cells[index] = cell
        }
    }

    /// The positions in ``cells`` whose cell differs from the one in `old`, in order: what a
    /// diff sends. Comparing here, beside `Cell`, lets the comparison be inlined, where one
    /// made from another module is a call per cell.
    /// - Parameter old: A frame of the same size.
    public func changedIndices(since old: Frame) -> [Int] {
        precondition(old.width == width && old.height == height, "frames of different sizes: \(old.width)x\(old.height), \(width)x\(height)")
        var changed: [Int] = []
        cells.withUnsafeBufferPointer { new in
            old.cells.withUnsafeBufferPointer { old in
                for i in new.indices where new[i] != old[i] { changed.append(i) }
            }
        }
        return changed
    }

    /// Blanks the whole frame.
    /// - Parameter background: The background of the blank cells; black by default.
    public mutating func clear(background: TermColor = .black) {
        fill(Cell(" ", fg: Cell.blank.fg, bg: background))
    }
}

extension Frame: Codable {
    private enum CodingKeys: String, CodingKey {
        case width, height, cells
    }

    /// Decodes `{"width": w, "height": h, "cells": [...]}` and checks that the sizes are within
    /// ``maximumSide`` and that there are exactly `w * h` cells.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let width = try container.decode(Int.self, forKey: .width)
        let height = try container.decode(Int.self, forKey: .height)
        guard (0...Self.maximumSide).contains(width), (0...Self.maximumSide).contains(height) else {
            throw DecodingError.dataCorruptedError(
                forKey: .width,
                in: container,
                debugDescription: "frame size \(width)x\(height) is outside 0...\(Self.maximumSide) on a side"
            )
        }
        let cells = try container.decode([Cell].self, forKey: .cells)
        guard cells.count == width * height else {
            throw DecodingError.dataCorruptedError(
                forKey: .cells,
                in: container,
                debugDescription: "a \(width)x\(height) frame needs \(width * height) cells, got \(cells.count)"
            )
        }
        self.width = width
        self.height = height
        self.cells = cells
    }

    /// Encodes the size and the cells row by row.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(cells, forKey: .cells)
    }
}
