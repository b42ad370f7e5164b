import BrogueCore

/// One explore-bot game as the balance report sees it: how deep it went, how it ended, and what
/// the player carried and who followed it on first reaching each depth.
struct BalanceRun: Sendable, Equatable {
    /// What the player had on first reaching a depth.
    struct Arrival: Sendable, Equatable {
        var depth: Int
        /// Item kind id -> how many of it were carried (a stack of 12 darts counts 12).
        var items: [String: Int]
        /// How many inventory letters were in use.
        var stacks: Int
        /// The monster kind id of each ally on the level with the player, in creation order.
        var allies: [String]
    }

    enum End: Sendable, Equatable {
        case died(cause: String, depth: Int)
        case won(depth: Int)
        /// Alive when the turn limit (or the bot's action budget) was reached.
        case stopped(depth: Int)

        var depth: Int {
            switch self {
            case .died(_, let d), .won(let d), .stopped(let d): d
            }
        }
    }

    var seed: UInt64
    var deepest: Int
    var end: End
    /// One per depth reached by walking or falling, shallowest first.
    var arrivals: [Arrival]

    /// Plays `seed` with the explore bot for at most `turns` turns.
    static func play(seed: UInt64, catalog: ContentCatalog, turns: Int) -> BalanceRun {
        var arrivals = [arrival(Game(seed: seed, catalog: catalog))]
        let result = Simulation.run(seed: seed, catalog: catalog, turns: turns) { _, game in
            if game.depth > arrivals[arrivals.count - 1].depth { arrivals.append(arrival(game)) }
        }
        let end: End =
            switch result.outcome {
            case .died(let cause, let depth): .died(cause: cause, depth: depth)
            case .won: .won(depth: result.depth)
            case .playing: .stopped(depth: result.depth)
            }
        return BalanceRun(seed: seed, deepest: result.deepest, end: end, arrivals: arrivals)
    }

    static func arrival(_ game: Game) -> Arrival {
        var items: [String: Int] = [:]
        let letters = game.inventory.letters
        for letter in letters {
            guard let item = game.inventory[letter] else { continue }
            items[game.catalog.items[item.kind].id, default: 0] += item.quantity
        }
        let allies = game.allAllies.filter { $0.depth == game.depth }.map { game.catalog.monsters[$0.ally.kind].id }
        return Arrival(depth: game.depth, items: items, stacks: letters.count, allies: allies)
    }
}
