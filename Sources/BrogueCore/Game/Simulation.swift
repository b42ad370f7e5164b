/// Plays a game headless with a bot, for `brogue sim`, tests and benchmarks.
public struct Simulation: Sendable {
    public struct Result: Sendable {
        public var seed: UInt64
        public var turns: Int
        public var actions: Int
        public var depth: Int
        public var deepest: Int
        public var experienceLevel: Int
        public var kills: Int
        public var gold: Int
        public var outcome: Outcome
        public var stateHash: UInt64
        /// Why the run stopped: the game ended, the turn budget ran out, or the bot got stuck.
        public var stopReason: String
        /// Every action applied, in order, when the run was asked to record them.
        public var log: [Action]
    }

    /// Runs the explore bot on a new game until it ends or `turns` turns have passed.
    public static func run(seed: UInt64, catalog: ContentCatalog, turns: Int, record: Bool = false) -> Result {
        run(seed: seed, catalog: catalog, turns: turns, record: record) { _, _ in }
    }

    /// Runs the explore bot on a new game until it ends or `turns` turns have passed.
    /// - Parameters:
    ///   - record: keep every action applied in `Result.log` (the game's action log).
    ///   - onAction: sees each action that took effect (refused ones change nothing and are
    ///     skipped) with the game after it; a host stores it here. What it throws ends the run.
    public static func run<Failure: Error>(
        seed: UInt64,
        catalog: ContentCatalog,
        turns: Int,
        record: Bool = false,
        onAction: (Action, Game) throws(Failure) -> Void
    ) throws(Failure) -> Result {
        var game = Game(seed: seed, catalog: catalog)
        var bot = ExploreBot()
        var actions = 0
        var kills = 0
        var deepest = 1
        var log: [Action] = []
        // Refused actions take no time; bound them so a confused bot cannot spin forever.
        let actionBudget = turns * 4 + 100
        while !game.isOver && game.turn < turns && actions < actionBudget {
            let action = bot.nextAction(for: game)
            let events = game.apply(action)
            if record { log.append(action) }
            if !events.contains(where: { if case .refused = $0 { true } else { false } }) { try onAction(action, game) }
            actions += 1
            for e in events { if case .died(let id, _) = e, id != 0 { kills += 1 } }
            deepest = max(deepest, game.depth)
            bot.observe(events, game: game)
        }
        let reason: String
        switch game.outcome {
        case .won: reason = game.escapeNote ?? "escaped with the Amulet"
        case .died(let cause, let depth): reason = "\(cause) on depth \(depth)"
        case .playing: reason = game.turn >= turns ? "turn limit reached" : "action budget spent"
        }
        return Result(
            seed: seed,
            turns: game.turn,
            actions: actions,
            depth: game.depth,
            deepest: deepest,
            experienceLevel: game.experienceLevel,
            kills: kills,
            gold: game.gold,
            outcome: game.outcome,
            stateHash: game.stateHash,
            stopReason: reason,
            log: log
        )
    }
}
