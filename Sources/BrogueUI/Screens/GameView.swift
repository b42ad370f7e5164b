public import BrogueCore
public import BrogueFrame

/// Composes the game screen: messages, sidebar, map, status line, and whatever the session's
/// mode lays over them.
public enum GameView {
    /// A frame of the whole screen for `session`.
    public static func render(_ session: PlaySession, ascii: Bool = false) -> Frame {
        var frame = Frame(width: Layout.width, height: Layout.height)
        let game = session.game
        let looks = session.looks.flatMap { $0.fit(game, ascii: ascii) ? $0 : nil } ?? MapPainter.Looks(game.catalog, ascii: ascii)
        session.looks = looks
        MapPainter.paint(game, into: &frame, looks: looks)
        messages(session.log, turn: game.turn, into: &frame)
        Sidebar.paint(game, into: &frame, ascii: ascii)
        status(game, into: &frame)
        Overlays.paint(session, into: &frame)
        return frame
    }

    /// The newest message on top, older ones dimmer, as Brogue shows them.
    /// Long messages wrap onto the next line.
    static func messages(_ log: MessageLog, turn: Int, into frame: inout Frame) {
        let width = Layout.width - Layout.mapX
        var rows: [(String, TermColor)] = []
        for (age, entry) in log.entries.suffix(Layout.messageLines).reversed().enumerated() {
            let fresh = entry.turn >= turn - 1
            let color = Theme.color(for: entry.kind).scaled(percent: fresh ? 100 - age * 15 : 55 - age * 10)
            let text = entry.count > 1 ? "\(entry.text) (x\(entry.count))" : entry.text
            rows += wrapped(text, width: width).map { ($0, color) }
            if rows.count >= Layout.messageLines { break }
        }
        for (row, line) in rows.prefix(Layout.messageLines).enumerated() {
            frame.put(line.0, x: Layout.mapX, y: row, fg: line.1)
        }
    }

    /// Splits `text` at spaces into lines of at most `width` characters.
    public static func wrapped(_ text: String, width: Int) -> [String] {
        wrappedASCII(text, width: width) ?? wrappedByCharacter(text, width: width)
    }

    /// `wrapped` for any text, counting characters (graphemes).
    static func wrappedByCharacter(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word.prefix(width)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `wrapped` for text that is all ASCII with no carriage return, as almost every message
    /// is: a character is a byte, so the lines are cut from the bytes, with no grapheme
    /// counting (counting each line again for every word made wrapping a tenth of a node's
    /// work per action).
    /// - Returns: nil for any other text.
    static func wrappedASCII(_ text: String, width: Int) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            var lines: [String] = []
            var line: [UInt8] = []
            var start = 0
            while start < bytes.count {
                // The next word: the bytes up to a space, as `split(separator: " ")` gives them.
                guard bytes[start] != 0x20 else {
                    start += 1
                    continue
                }
                var end = start
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                let length = end - start
                if !line.isEmpty && line.count + 1 + length > width {
                    lines.append(String(decoding: line, as: UTF8.self))
                    line.removeAll(keepingCapacity: true)
                }
                if !line.isEmpty { line.append(0x20) }
                line.append(contentsOf: bytes[start..<(start + min(length, max(width, 0)))])
                start = end
            }
            if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
            return lines
        }
    }

    static func status(_ game: Game, into frame: inout Frame) {
        let left = "Depth \(game.depth)   Turn \(game.turn)"
        frame.put(left, x: Layout.mapX, y: Layout.statusY, fg: Theme.text)
        let hint = "? help  i inventory  x explore  > stairs  S save"
        frame.put(hint, x: Layout.width - hint.count, y: Layout.statusY, fg: Theme.dimText)
        if case .died(let cause, _) = game.outcome {
            frame.put("You died: \(cause).", x: Layout.mapX, y: Layout.statusY + 1, fg: Theme.color(for: .bad))
        } else if game.outcome == .won {
            frame.put("You escaped with the Amulet!", x: Layout.mapX, y: Layout.statusY + 1, fg: Theme.color(for: .good))
        }
    }

    /// The message shown instead of the game when the terminal is too small.
    public static func tooSmall(width: Int, height: Int) -> Frame {
        var frame = Frame(width: max(1, width), height: max(1, height))
        let lines = [
            "Brogue needs a \(Layout.width) x \(Layout.height) terminal;",
            "this one is \(width) x \(height).",
            "Enlarge the window or use a smaller font.",
            "(Q quits)",
        ]
        for (i, line) in lines.enumerated() {
            frame.put(line, x: max(0, (width - line.count) / 2), y: max(0, height / 2 - 2 + i), fg: Theme.text)
        }
        return frame
    }
}
