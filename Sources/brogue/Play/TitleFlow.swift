import BrogueContent
import BrogueCore
import BrogueRecording
import BrogueStore
import BrogueUI
import Foundation

/// The title screen and the screens it leads to.
struct TitleFlow {
    var games: RecordedGames
    let ui: TerminalPlay
    /// With `brogue play --dev`: reloads edited content before the title menu shows.
    var reload: DevReload? = nil

    mutating func run() throws {
        while true {
            if let reload, let notice = reload.poll() {
                games = RecordedGames(store: games.store, content: reload.content)
                let lines = notice.lines.flatMap { $0.isEmpty ? [""] : GameView.wrapped($0, width: 90) }
                try ui.notice(notice.title, lines.count > 26 ? Array(lines.prefix(25)) + ["..."] : lines)
            }
            let unfinished = try games.store.unfinishedGames()
            let items = ["New game", "New seeded game", "Continue (\(unfinished.count) saved)", "High scores", "Replays", "Quit"]
            guard
                let choice = try ui.menu(
                    title: "A Brogue-style roguelike",
                    subtitle: "Find the Amulet of Yendor on depth \(games.catalog.spawns.dungeon.amuletDepth).",
                    items: items
                )
            else {
                return
            }
            switch choice {
            case 0: try playNew(seed: UInt64.random(in: 1...999_999_999), games: games, ui: ui)
            case 1: if let seed = try ui.askNumber(prompt: "Seed for the new game") { try playNew(seed: seed, games: games, ui: ui) }
            case 2: try continueGame(unfinished)
            case 3: try scores()
            case 4: try replays()
            default: return
            }
        }
    }

    private func label(_ r: GameRecord) -> String {
        "#\(r.id)  seed \(r.seed)  depth \(r.summary.depth)  turn \(r.summary.turns)  \(r.status.rawValue)"
    }

    private func continueGame(_ unfinished: [GameRecord]) throws {
        guard !unfinished.isEmpty else { return try ui.notice("No saved games", ["Start a new game from the title screen."]) }
        guard let i = try ui.menu(title: "Continue which game?", items: unfinished.prefix(15).map(label)) else { return }
        let record = unfinished[i]
        do {
            var log = MessageLog()
            guard let recorded = try games.resume(id: record.id, onEvents: { events, turn in log.record(events, turn: turn) }) else { return }
            log.add("Welcome back.", .info, turn: recorded.game.turn)
            try playRecorded(recorded, ui: ui, log: log)
        } catch let error as RebuildError {
            try ui.notice("This game cannot be continued", GameView.wrapped(error.description, width: 70))
        }
    }

    private func scores() throws {
        let rows = try games.store.highScores(contentHash: games.catalog.contentHash, limit: 25).enumerated().map { i, s in
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
            try ReplayViewer(games: games, ui: ui).run(stored)
        } catch let error as RebuildError {
            try ui.notice("This game cannot be replayed", GameView.wrapped(error.description, width: 70))
        }
    }
}
