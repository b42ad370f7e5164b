import BrogueContent
import BrogueCore
import BroguePluginHost
import BrogueRecording
import BrogueStore
import BrogueUI
import Foundation

/// The title screen and the screens it leads to.
struct TitleFlow {
    /// Games of the content brogue was started with.
    var games: RecordedGames
    /// The plugins of that content, over which a variant is loaded.
    var plugins: PluginSet
    /// The variants a new game may be instead; a stored game is rebuilt with the one it names.
    var variants = GameVariants(variants: [], searched: [])
    let ui: TerminalPlay
    /// With `brogue play --dev`: reloads edited content before the title menu shows.
    var reload: DevReload? = nil

    mutating func run() throws {
        while true {
            if let reload, let notice = reload.poll() {
                games = RecordedGames(store: games.store, content: reload.content)
                plugins = reload.plugins
                let lines = notice.lines.flatMap { $0.isEmpty ? [""] : GameView.wrapped($0, width: 90) }
                try ui.notice(notice.title, lines.count > 26 ? Array(lines.prefix(25)) + ["..."] : lines)
            }
            let unfinished = try games.store.unfinishedGames()
            let items = ["New game", "New seeded game", "Continue (\(unfinished.count) saved)", "High scores", "Replays", "Quit"]
            guard
                let choice = try ui.menu(
                    title: "A Brogue-style roguelike",
                    subtitle: "Find the Amulet of Yendor on depth \(games.catalog.spawns.dungeon.amuletDepth)."
                        + (variants.variants.isEmpty ? "" : " New games offer \(variants.variants.map(\.name).joined(separator: ", ")) too."),
                    items: items
                )
            else {
                return
            }
            switch choice {
            case 0: if let chosen = try chooseGame() { try playNew(seed: UInt64.random(in: 1...999_999_999), games: chosen, ui: ui) }
            case 1:
                if let chosen = try chooseGame(), let seed = try ui.askNumber(prompt: "Seed for the new game") {
                    try playNew(seed: seed, games: chosen, ui: ui)
                }
            case 2: try continueGame(unfinished)
            case 3: try scores()
            case 4: try replays()
            default: return
            }
        }
    }

    /// Which game a new game is (or whose scores to show): the content's own, or a variant; nil
    /// when the player goes back.
    private func chooseGame(title: String = "Which game?") throws -> RecordedGames? {
        guard !variants.variants.isEmpty else { return games }
        let dungeon = games.catalog.spawns.dungeon
        guard
            let i = try ui.menu(
                title: title,
                items: ["Brogue"] + variants.variants.map(\.name),
                descriptions: ["The whole game: \(dungeon.depths) depths, the Amulet of Yendor on depth \(dungeon.amuletDepth)."]
                    + variants.variants.map(\.description)
            )
        else { return nil }
        guard i > 0 else { return games }
        let variant = variants.variants[i - 1]
        do {
            return RecordedGames(store: games.store, content: try variants.content(of: variant, over: plugins))
        } catch {
            try ui.notice("\(variant.name) cannot be played", GameView.wrapped("\(error)", width: 70))
            return nil
        }
    }

    /// Games of the content stored game `record` was played with: the variant it names, if any.
    /// - Throws: `VariantError` when that variant is not found or no longer loads.
    private func games(for record: GameRecord) throws -> RecordedGames {
        try VariantGames(base: games, plugins: plugins, variants: variants).games(for: record)
    }

    private func label(_ r: GameRecord) -> String {
        let variant = variants.variants.first { v in r.contentSet.contains { $0.id == v.id } }.map { "  \($0.name)" } ?? ""
        return "#\(r.id)\(variant)  seed \(r.seed)  depth \(r.summary.depth)  turn \(r.summary.turns)  \(r.status.rawValue)"
    }

    private func continueGame(_ unfinished: [GameRecord]) throws {
        guard !unfinished.isEmpty else { return try ui.notice("No saved games", ["Start a new game from the title screen."]) }
        guard let i = try ui.menu(title: "Continue which game?", items: unfinished.prefix(15).map(label)) else { return }
        let record = unfinished[i]
        do {
            var log = MessageLog()
            let games = try games(for: record)
            guard let recorded = try games.resume(id: record.id, onEvents: { events, turn in log.record(events, turn: turn) }) else { return }
            log.add("Welcome back.", .info, turn: recorded.game.turn)
            try playRecorded(recorded, ui: ui, log: log)
        } catch let error as RebuildError {
            try ui.notice("This game cannot be continued", GameView.wrapped(error.description, width: 70))
        } catch let error as VariantError {
            try ui.notice("This game cannot be continued", GameView.wrapped(error.description, width: 70))
        }
    }

    private func scores() throws {
        guard let chosen = try chooseGame(title: "High scores of which game?") else { return }
        let rows = try games.store.highScores(contentHash: chosen.catalog.contentHash, limit: 25).enumerated().map { i, s in
            ["\(i + 1)", "\(s.points)", "\(s.depth)", "\(s.turns)", s.outcome.rawValue, s.cause ?? ""]
        }
        try ui.table(title: "High scores", header: ["#", "score", "depth", "turns", "end", "cause"], rows: rows)
    }

    private func replays() throws {
        let list = try games.store.listGames(limit: 15)
        guard !list.isEmpty else { return try ui.notice("No games yet", ["Play one first."]) }
        guard let i = try ui.menu(title: "Replay which game?", items: list.map(label)) else { return }
        guard let stored = try games.store.loadGame(id: list[i].id) else { return }
        do {
            try ReplayViewer(games: try games(for: stored.record), ui: ui).run(stored)
        } catch let error as RebuildError {
            try ui.notice("This game cannot be replayed", GameView.wrapped(error.description, width: 70))
        } catch let error as VariantError {
            try ui.notice("This game cannot be replayed", GameView.wrapped(error.description, width: 70))
        }
    }
}
