import BrogueCore
import BrogueFrame
import BrogueTerminal
import BrogueUI

/// Runs play sessions and menus on an entered terminal.
final class TerminalPlay {
    let terminal: Terminal
    let ascii: Bool
    let keymap: Keymap

    init(terminal: Terminal, ascii: Bool, keymap: Keymap) {
        self.terminal = terminal
        self.ascii = ascii
        self.keymap = keymap
    }

    /// Draws `frame`, or the too-small notice when the terminal cannot hold the layout.
    /// - Returns: false when the terminal is too small.
    @discardableResult
    func show(_ frame: Frame) throws -> Bool {
        let size = try terminal.size()
        if size.width < Layout.width || size.height < Layout.height {
            try terminal.draw(GameView.tooSmall(width: size.width, height: size.height))
            return false
        }
        try terminal.draw(frame)
        return true
    }

    /// The next key, redrawing with `frame()` on resize and resume.
    func nextKey(timeoutMilliseconds: Int = -1, redraw frame: () -> Frame) throws -> Key? {
        while true {
            switch try terminal.readKey(timeoutMilliseconds: timeoutMilliseconds) {
            case nil: return nil
            case .key(let key): return key
            case .resize, .redraw:
                terminal.invalidate()
                try show(frame())
            }
        }
    }

    /// Plays `session` until the player leaves the game screen.
    func play(_ session: PlaySession) throws -> PlaySession.Outcome {
        session.keymap = keymap
        let render = { GameView.render(session, ascii: self.ascii) }
        try show(render())
        while true {
            if session.isRunning {
                // A running command goes on until a key is pressed or it stops by itself.
                if try nextKey(timeoutMilliseconds: 0, redraw: render) != nil {
                    session.interrupt()
                } else {
                    try session.step()
                }
                try show(render())
                continue
            }
            guard let key = try nextKey(redraw: render) else { continue }
            let fits = try terminal.size()
            if fits.width < Layout.width || fits.height < Layout.height {
                // Only quitting makes sense while the screen cannot show the game.
                if key.name == "Q" || key.name == "S" || key.name == "ctrl-c" { return .saveAndQuit }
                try show(render())
                continue
            }
            let outcome = try session.handle(key: key.name)
            try show(render())
            if outcome != .continue { return outcome }
        }
    }

    /// A menu; returns the chosen index, or nil for Escape/q.
    /// - Parameter descriptions: one line per item, shown under the title for the item selected.
    func menu(
        title: String,
        subtitle: String = "",
        items: [String],
        descriptions: [String]? = nil,
        footer: String = "up/down or j/k to choose, Enter to select, Esc to go back"
    ) throws -> Int? {
        var selected = 0
        while true {
            let line = descriptions.map { $0.indices.contains(selected) ? $0[selected] : "" } ?? subtitle
            let frame = MenuView.render(title: title, subtitle: line, items: items, selected: selected, footer: footer)
            try show(frame)
            guard let key = try nextKey(redraw: { frame }) else { continue }
            switch key.name {
            case "up", "k", "8": selected = (selected + items.count - 1) % items.count
            case "down", "j", "2": selected = (selected + 1) % items.count
            case "enter", "l", "right": return selected
            case "escape", "q", "ctrl-c": return nil
            default:
                if let i = items.firstIndex(where: { $0.lowercased().first.map(String.init) == key.name.lowercased() }) { return i }
            }
        }
    }

    /// A table shown until any key.
    func table(title: String, header: [String], rows: [[String]]) throws {
        let frame = MenuView.table(title: title, header: header, rows: rows, footer: "Press any key.")
        try show(frame)
        _ = try nextKey(redraw: { frame })
    }

    /// Asks for a number (a seed); nil when cancelled.
    func askNumber(prompt: String) throws -> UInt64? {
        var text = ""
        while true {
            let frame = MenuView.render(
                title: prompt,
                subtitle: text.isEmpty ? "type digits" : text,
                items: [],
                selected: 0,
                footer: "Enter to start, Esc to cancel"
            )
            try show(frame)
            guard let key = try nextKey(redraw: { frame }) else { continue }
            switch key {
            case .character(let c) where c.isASCII && c.isNumber && text.count < 20: text.append(c)
            case .backspace: if !text.isEmpty { text.removeLast() }
            case .enter: if let n = UInt64(text) { return n }
            case .escape, .control("c"): return nil
            default: break
            }
        }
    }

    /// Shows a message until any key.
    func notice(_ title: String, _ lines: [String]) throws {
        let frame = MenuView.render(title: title, subtitle: "", items: lines, selected: -1, footer: "Press any key.")
        try show(frame)
        _ = try nextKey(redraw: { frame })
    }
}
