import BrogueFrame

/// Cells go on the wire as arrays, `[glyph, fg, bg, bold]`, and changes as
/// `[x, y, glyph, fg, bg, bold]`, with colours `#rrggbb` and bold 0 or 1: a full 100 x 34
/// frame is then about 100 KiB of JSON instead of 250.
extension FrameUpdate: Codable {
    private enum Keys: String, CodingKey { case seq, width, height, full, cells, changes, messages, status }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        guard (1...Frame.maximumSide).contains(width), (1...Frame.maximumSide).contains(height) else {
            throw ProtocolError(.badField, "frame size \(width)x\(height) is outside 1...\(Frame.maximumSide)")
        }
        messages = try c.decodeIfPresent([String].self, forKey: .messages) ?? []
        status = try c.decodeIfPresent(Status.self, forKey: .status)
        if try c.decode(Bool.self, forKey: .full) {
            var list = try c.nestedUnkeyedContainer(forKey: .cells)
            var cells: [Cell] = []
            cells.reserveCapacity(width * height)
            while !list.isAtEnd {
                guard cells.count < width * height else { break }
                var item = try list.nestedUnkeyedContainer()
                cells.append(try Self.cell(&item))
            }
            guard cells.count == width * height, list.isAtEnd else {
                throw ProtocolError(.badField, "a full \(width)x\(height) frame needs \(width * height) cells")
            }
            self.cells = cells
            changes = []
        } else {
            var list = try c.nestedUnkeyedContainer(forKey: .changes)
            var changes: [Change] = []
            while !list.isAtEnd {
                guard changes.count < width * height else { throw ProtocolError(.badField, "a diff changes more cells than the frame has") }
                var item = try list.nestedUnkeyedContainer()
                let x = try item.decode(Int.self)
                let y = try item.decode(Int.self)
                changes.append(Change(x: x, y: y, cell: try Self.cell(&item)))
            }
            cells = nil
            self.changes = changes
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(isFull, forKey: .full)
        if let cells {
            var list = c.nestedUnkeyedContainer(forKey: .cells)
            for cell in cells {
                var item = list.nestedUnkeyedContainer()
                try Self.encode(cell, into: &item)
            }
        } else {
            var list = c.nestedUnkeyedContainer(forKey: .changes)
            for change in changes {
                var item = list.nestedUnkeyedContainer()
                try item.encode(change.x)
                try item.encode(change.y)
                try Self.encode(change.cell, into: &item)
            }
        }
        try c.encode(messages, forKey: .messages)
        try c.encodeIfPresent(status, forKey: .status)
    }

    private static func cell(_ item: inout any UnkeyedDecodingContainer) throws -> Cell {
        let glyph = try item.decode(String.self)
        guard glyph.count == 1, let g = glyph.first else { throw ProtocolError(.badField, "a cell's glyph must be one character") }
        let fg = try item.decode(TermColor.self)
        let bg = try item.decode(TermColor.self)
        let bold = try item.decode(Int.self) != 0
        return Cell(g, fg: fg, bg: bg, bold: bold)
    }

    private static func encode(_ cell: Cell, into item: inout any UnkeyedEncodingContainer) throws {
        try item.encode(String(cell.glyph))
        try item.encode(cell.fg)
        try item.encode(cell.bg)
        try item.encode(cell.bold ? 1 : 0)
    }
}
