import BrogueCore
import BrogueFrame

/// The left panel: the player's state, then each visible creature and item with a bar.
enum Sidebar {
    static func paint(_ game: Game, into frame: inout Frame, ascii: Bool) {
        let w = Layout.sidebarWidth
        var y = 0
        func line(_ text: String, _ color: TermColor = Theme.text) {
            guard y < Layout.height - 1 else { return }
            frame.put(String(text.prefix(w)), x: 0, y: y, fg: color)
            y += 1
        }
        line("@: \(game.catalog.player.name)", Theme.player)
        bar("Health", game.player.hp, game.player.maxHP, y: y, into: &frame)
        y += 1
        line("Str: \(game.strength)  Armor: \(game.playerDefense / 10)")
        switch game.nutrition {
        case ...50: line("Faint with hunger", Theme.color(for: .bad))
        case ...150: line("Weak with hunger", Theme.color(for: .warning))
        case ...300: line("Hungry", Theme.color(for: .warning))
        default: break
        }
        line("Level \(game.experienceLevel)  Gold: \(game.gold)")
        var statuses: [String] = []
        let s = game.player.status
        if s.hasted > 0 { statuses.append("Hasted") }
        if s.confused > 0 { statuses.append("Confused") }
        if s.paralyzed > 0 { statuses.append("Paralyzed") }
        if s.telepathic > 0 { statuses.append("Telepathic") }
        if s.darkened > 0 { statuses.append("Darkened") }
        if s.poisoned > 0 { statuses.append("Poisoned") }
        if !statuses.isEmpty { line(statuses.joined(separator: " "), Theme.color(for: .warning)) }
        y += 1
        // Allies out of sight too: the telepathic bond.
        let bonded = Set(game.bondedAllies.map(\.id))
        for m in game.visibleMonsters + game.bondedAllies {
            guard y < Layout.height - 3 else { break }
            let kind = game.catalog.monsters[game.apparentKind(of: m)]
            frame.put(String(kind.glyph), x: 0, y: y, fg: kind.color.term)
            frame.put(": \(kind.name)".prefix(w - 1).description, x: 1, y: y, fg: Theme.text)
            y += 1
            bar(label(game, m, bonded: bonded.contains(m.id)), m.hp, m.maxHP, y: y, into: &frame)
            y += 1
        }
        for fi in game.level.items where game.visible[fi.position] && fi.position != game.player.position {
            guard y < Layout.height - 1 else { break }
            let kind = game.catalog.items[fi.item.kind]
            frame.put(String(kind.glyph), x: 0, y: y, fg: MapPainter.itemColor(game, fi.item))
            frame.put(": \(game.displayName(fi.item))".prefix(w - 1).description, x: 1, y: y, fg: Theme.dimText)
            y += 1
        }
    }

    /// What the bar under a creature says: whether it has noticed the player, or whose side it is on.
    static func label(_ game: Game, _ m: Creature, bonded: Bool) -> String {
        switch m.state {
        case .ally: m.absorbing > 0 ? "Ally absorbing" : bonded ? "Ally (bond)" : "Ally"
        case .captive: "Captive \(game.freeingTurnsLeft(m))"
        default: stateName(m.state)
        }
    }

    static func stateName(_ s: MonsterState) -> String {
        switch s {
        case .sleeping: "Sleeping"
        case .wandering: "Wandering"
        case .hunting: "Hunting"
        case .fleeing: "Fleeing"
        case .captive: "Captive"
        case .dormant: "Dormant"
        case .ally: "Ally"
        }
    }

    /// A bar as wide as the sidebar, filled in proportion, with its label over it.
    static func bar(_ label: String, _ value: Int, _ maximum: Int, y: Int, into frame: inout Frame) {
        let w = Layout.sidebarWidth
        let filled = maximum > 0 ? max(0, min(w, w * value / maximum)) : 0
        let text = "\(label) \(max(0, value))/\(maximum)"
        let padded = text.count >= w ? String(text.prefix(w)) : text + String(repeating: " ", count: w - text.count)
        for (i, ch) in padded.enumerated() {
            frame[x: i, y: y] = Cell(ch, fg: Theme.text, bg: i < filled ? Theme.health : Theme.healthBack)
        }
    }
}
