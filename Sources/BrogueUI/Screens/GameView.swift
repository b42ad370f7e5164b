public import BrogueCore
public import BrogueFrame

/// Composes the game screen: messages, sidebar, map, status line, and whatever the session's
/// mode lays over them.
public enum GameView {
    /// A frame of the whole screen for `session`.
    public static func render(_ session: PlaySession, ascii: Bool = false) -> Frame {
        var frame = Frame(width: Layout.width, height: Layout.height)
        let game = session.game
        MapPainter.paint(game, into: &frame, ascii: ascii)
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
