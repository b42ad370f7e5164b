import BrogueCore
import BrogueFrame

/// Boxes laid over the map for the session's modes: menus, prompts, help, the end screen.
enum Overlays {
    static func paint(_ session: PlaySession, into frame: inout Frame) {
        let game = session.game
        switch session.mode {
        case .normal:
            break
        case .chooseItem(let purpose):
            let letters = session.candidates(for: purpose)
            box(
                title: "\(purpose.rawValue.prefix(1).uppercased() + purpose.rawValue.dropFirst()) which item? (a-z, Esc cancels)",
                lines: letters.map { ("\($0)) \(game.displayName(game.inventory[$0]!))", Theme.text) },
                into: &frame
            )
        case .inventory:
            let lines = game.inventory.letters.map { l -> (String, TermColor) in
                let item = game.inventory[l]!
                let worn =
                    game.inventory.weapon == l
                    ? " (in hand)" : game.inventory.armor == l ? " (worn)" : game.inventory.rings.contains(l) ? " (on finger)" : ""
                return ("\(l)) \(game.displayName(item))\(worn)", Theme.text)
            }
            box(
                title: "Inventory (\(lines.count)/\(Inventory.capacity)); any key closes",
                lines: lines.isEmpty ? [("Empty.", Theme.dimText)] : lines,
                into: &frame
            )
        case .discoveries:
            var lines: [(String, TermColor)] = []
            for category in [ItemCategory.potion, .scroll, .staff, .wand, .ring, .charm] {
                for (i, kind) in game.catalog.items.enumerated() where kind.category == category {
                    let known = game.knownKinds[i]
                    lines.append((known ? kind.name : "? \(game.displayName(Item(kind: i)))", known ? Theme.text : Theme.dimText))
                }
            }
            box(title: "Discoveries; any key closes", lines: lines, into: &frame)
        case .help:
            // Eight directions each for moving and running would fill the box: one line apiece.
            let moves = Direction.allCases.flatMap { session.keymap.keys(for: .move($0)) }.sorted()
            let runs = Direction.allCases.flatMap { session.keymap.keys(for: .run($0)) }.sorted()
            var lines: [(String, TermColor)] = [
                ("\(moves.filter { $0.count == 1 }.joined()) arrows keypad".padded(to: 24) + " move, or attack what is there", Theme.text),
                ("\(runs.joined())".padded(to: 24) + " run until something happens", Theme.text),
            ]
            for c in Command.all {
                if case .move = c { continue }
                if case .run = c { continue }
                let keys = session.keymap.keys(for: c)
                guard !keys.isEmpty else { continue }
                lines.append(("\(keys.joined(separator: " ").padded(to: 24)) \(c.summary)", Theme.text))
            }
            box(title: "Keys (change them under keys: in brogue.yaml); any key closes", lines: lines, into: &frame, tall: true)
        case .allies:
            box(title: "Allies (\(game.allAllies.count)); any key closes", lines: AllyScreen.lines(game), into: &frame)
        case .messages(let offset):
            let all = session.log.entries
            let end = max(0, all.count - offset)
            let shown = all[max(0, end - 24)..<end].map { e in
                (e.count > 1 ? "\(e.text) (x\(e.count))" : e.text, Theme.color(for: e.kind))
            }
            box(title: "Messages (up/down scroll, any other key closes)", lines: Array(shown), into: &frame)
        case .confirmAbandon:
            box(
                title: "Abandon this game?",
                lines: [
                    ("It will end here and cannot be continued.", Theme.text), ("Press y to abandon, any other key to keep playing.", Theme.title),
                ],
                into: &frame
            )
        case .aim(let t): aim(t, session, into: &frame)
        case .confirmStep(_, let question):
            box(title: question, lines: [("Press y to step in, any other key to stay.", Theme.title)], into: &frame)
        case .gameOver:
            let lines: [(String, TermColor)]
            switch game.outcome {
            case .won:
                lines =
                    [("You escaped the dungeon with the Amulet of Yendor!", Theme.color(for: .good))]
                    + (game.escapeNote.map { [("A \($0)!", Theme.color(for: .good))] } ?? [])
            case .died(let cause, let depth): lines = [("You died on depth \(depth): \(cause).", Theme.color(for: .bad))]
            case .playing: lines = [("You abandoned the game.", Theme.text)]
            }
            box(
                title: "The end",
                lines: lines + [
                    ("Turns: \(game.turn)  Gold: \(game.gold)  Level: \(game.experienceLevel)", Theme.text), ("Press any key.", Theme.dimText),
                ],
                into: &frame
            )
        }
    }

    /// The path lit up, the cursor's cell brighter, and the prompt over the newest message.
    static func aim(_ t: Targeting, _ session: PlaySession, into frame: inout Frame) {
        for p in t.path + [t.cursor] {
            var cell = frame[x: Layout.mapX + p.x, y: Layout.mapY + p.y]
            cell.bg = p == t.cursor ? Theme.cursor : Theme.highlight
            frame[x: Layout.mapX + p.x, y: Layout.mapY + p.y] = cell
        }
        frame.fill(Cell(" ", fg: Theme.text, bg: .black), x: Layout.mapX, y: 0, width: Layout.width - Layout.mapX, height: 1)
        frame.put(String(session.aimPrompt(t).prefix(Layout.width - Layout.mapX)), x: Layout.mapX, y: 0, fg: Theme.title, bold: true)
    }

    /// A bordered panel centred over the map; a `tall` one (the help, one line a command) may also
    /// cover the messages and the status line.
    static func box(title: String, lines: [(String, TermColor)], into frame: inout Frame, tall: Bool = false) {
        let inner = min(Dungeon.width - 4, max(title.count, lines.map(\.0.count).max() ?? 0) + 2)
        let height = min(tall ? Layout.height - 2 : Dungeon.height - 2, lines.count + 4)
        let x = Layout.mapX + (Dungeon.width - inner - 2) / 2
        let y = tall ? (Layout.height - height) / 2 : Layout.mapY + (Dungeon.height - height) / 2
        frame.fill(Cell(" ", fg: Theme.text, bg: Theme.panel), x: x, y: y, width: inner + 2, height: height)
        for i in 0..<(inner + 2) {
            frame[x: x + i, y: y] = Cell("─", fg: Theme.border, bg: Theme.panel)
            frame[x: x + i, y: y + height - 1] = Cell("─", fg: Theme.border, bg: Theme.panel)
        }
        frame.put(String(title.prefix(inner)), x: x + 2, y: y + 1, fg: Theme.title, bold: true)
        for (i, line) in lines.prefix(height - 4).enumerated() {
            frame.put(String(line.0.prefix(inner)), x: x + 2, y: y + 3 + i, fg: line.1)
        }
    }
}

extension String {
    func padded(to n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
