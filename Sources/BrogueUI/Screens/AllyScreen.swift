import BrogueCore
import BrogueFrame

/// The ally screen (`A`): each ally with its health, where it is, and what it learned.
enum AllyScreen {
    static func lines(_ game: Game) -> [(String, TermColor)] {
        let allies = game.allAllies
        guard !allies.isEmpty else { return [("You have no allies. Free a captive in shackles to gain one.", Theme.dimText)] }
        var out: [(String, TermColor)] = []
        for (depth, ally) in allies {
            let kind = game.catalog.monsters[ally.kind]
            var place = depth == game.depth ? (game.canSee(ally) ? "in view" : "out of sight") : "left on depth \(depth)"
            if ally.lifespan > 0 { place += ", fades in \(ally.lifespan) turns" }
            out.append(("\(kind.glyph) \(kind.name)".padded(to: 22) + " Health \(max(0, ally.hp))/\(ally.maxHP)  \(place)", kind.color.term))
            let learned = learnedNames(game, ally)
            out.append(("    learned: " + (learned.isEmpty ? "nothing yet" : learned.joined(separator: ", ")), Theme.dimText))
        }
        return out
    }

    /// What an ally learned by absorbing fallen monsters, in words.
    static func learnedNames(_ game: Game, _ ally: Creature) -> [String] {
        let traits = MonsterFlags.names.filter { ally.learnedFlags.contains($0.1) }.map(\.0)
        return traits + ally.learnedAbilities.map { game.describe($0) }
    }
}
