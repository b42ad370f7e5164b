import ArgumentParser
import BrogueContent
import BrogueCore
import BrogueStore
import Foundation

struct ScoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "List the high scores for the loaded content."
    )

    @Option(help: "How many scores to show.") var limit = 20
    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions

    func run() throws {
        let catalog = try content.load().catalog
        let store = try data.open(readOnly: true)
        let scores = try store.highScores(contentHash: catalog.contentHash, limit: max(1, limit))
        let rows = scores.enumerated().map { i, s in
            ["\(i + 1)", "\(s.points)", "\(s.gameID)", "\(s.depth)", "\(s.turns)", s.outcome.rawValue, s.cause ?? "", Self.date(s.recordedAt)]
        }
        print(Table.render(header: ["#", "score", "game", "depth", "turns", "end", "cause", "when"], rows: rows))
        if scores.isEmpty { print("(no scores yet for content \(catalog.contentHash.hex16))") }
    }

    static func date(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime]
        return f.string(from: d)
    }
}

struct GamesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "games",
        abstract: "List stored games: id, seed, depth, turns, actions, state, started, updated, stateHash."
    )

    @Option(help: "How many games to show, newest first.") var limit = 30
    @OptionGroup var data: DataOptions
    @OptionGroup var postgres: StoreOptions

    func run() throws {
        let store = try postgres.open(data, readOnly: true).store
        let rows = try store.listGames(limit: max(1, limit)).map { g in
            [
                "\(g.id)", "\(g.seed)", "\(g.summary.depth)", "\(g.summary.turns)", "\(g.actionCount)", g.status.rawValue,
                ScoresCommand.date(g.startedAt), ScoresCommand.date(g.updatedAt), g.summary.stateHash.hex16,
            ]
        }
        print(Table.render(header: ["id", "seed", "depth", "turns", "actions", "state", "started", "updated", "stateHash"], rows: rows))
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one game (seed, content set, action log) to a file another machine can import."
    )

    @Argument(help: "The game's id (see brogue games).") var gameID: Int64
    @Argument(help: "The file to write.") var file: String
    @OptionGroup var data: DataOptions
    @OptionGroup var postgres: StoreOptions

    func run() throws {
        let store = try postgres.open(data, readOnly: true).store
        do {
            let bytes = try store.exportGame(id: gameID)
            try bytes.write(to: URL(fileURLWithPath: file), options: .atomic)
            print("exported game \(gameID) to \(file) (\(bytes.count) bytes)")
        } catch let error as StoreError {
            Console.error("brogue: \(error)")
            throw ExitCode(1)
        } catch {
            Console.error("brogue: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add a game exported with brogue export; it gets a new id here."
    )

    @Argument(help: "The file to read.") var file: String
    @OptionGroup var data: DataOptions
    @OptionGroup var postgres: StoreOptions

    func run() throws {
        let store = try postgres.open(data).store
        let limit = 16 << 20
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            if let size = attributes[.size] as? Int, size > limit {
                Console.error("brogue: \(file) is \(size) bytes; an exported game is at most \(limit) bytes. Is this the right file?")
                throw ExitCode(1)
            }
            let record = try store.importGame(try Data(contentsOf: URL(fileURLWithPath: file)))
            print("imported \(file) as game \(record.id) (seed \(record.seed), \(record.actionCount) actions)")
        } catch let error as StoreError {
            Console.error("brogue: \(file): \(error)")
            throw ExitCode(1)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Console.error("brogue: cannot read \(file): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
