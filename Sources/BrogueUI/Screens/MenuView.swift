public import BrogueFrame

/// Full-screen menus and tables: the title screen, high scores, the list of games.
public enum MenuView {
    /// A title, a list of choices with one highlighted, and a footer of hints.
    public static func render(title: String, subtitle: String = "", items: [String], selected: Int, footer: String) -> Frame {
        var frame = Frame(width: Layout.width, height: Layout.height)
        let banner = [
            "######  ######   ####    ####   #    #  ######",
            "#    #  #    #  #    #  #       #    #  #     ",
            "######  ######  #    #  #  ###  #    #  ####  ",
            "#    #  #   #   #    #  #    #  #    #  #     ",
            "######  #    #   ####    ####    ####   ######",
        ]
        for (i, line) in banner.enumerated() {
            frame.put(line, x: (Layout.width - line.count) / 2, y: 3 + i, fg: Theme.title.scaled(percent: 100 - i * 8))
        }
        frame.put(title, x: (Layout.width - title.count) / 2, y: 10, fg: Theme.text, bold: true)
        frame.put(subtitle, x: (Layout.width - subtitle.count) / 2, y: 11, fg: Theme.dimText)
        let top = 14
        let width = max(30, (items.map(\.count).max() ?? 0) + 6)
        let left = (Layout.width - width) / 2
        for (i, item) in items.enumerated() where top + i < Layout.height - 2 {
            let chosen = i == selected
            frame.fill(Cell(" ", fg: Theme.text, bg: chosen ? Theme.highlight : .black), x: left, y: top + i, width: width, height: 1)
            frame.put((chosen ? "> " : "  ") + item, x: left + 1, y: top + i, fg: chosen ? .white : Theme.text, bg: chosen ? Theme.highlight : .black)
        }
        frame.put(footer, x: (Layout.width - footer.count) / 2, y: Layout.height - 2, fg: Theme.dimText)
        return frame
    }

    /// A titled table with aligned columns; rows past the screen are cut.
    public static func table(title: String, header: [String], rows: [[String]], footer: String) -> Frame {
        var frame = Frame(width: Layout.width, height: Layout.height)
        frame.put(title, x: 2, y: 1, fg: Theme.title, bold: true)
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
        for (r, row) in all.enumerated() where 3 + r < Layout.height - 2 {
            var x = 2
            for (c, value) in row.enumerated() where c < widths.count {
                frame.put(value, x: x, y: 3 + r, fg: r == 0 ? Theme.title : Theme.text)
                x += widths[c] + 2
            }
        }
        if rows.isEmpty { frame.put("Nothing yet.", x: 2, y: 5, fg: Theme.dimText) }
        frame.put(footer, x: 2, y: Layout.height - 2, fg: Theme.dimText)
        return frame
    }
}
