import ArgumentParser
import BrogueContent
import BrogueCore
import BroguePluginHost
import BrogueRecording
import BrogueStore
import BrogueUI
import Foundation

struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Play a headless game with a bot and print a summary and the final stateHash.",
        discussion: """
            The same content, seed and turn count always print the same stateHash, on any \
            machine: this is how determinism is checked. The last line is \
            `stateHash: <16 hex digits>`.
            """
    )

    enum Bot: String, ExpressibleByArgument, CaseIterable {
        case explore
    }

    @Option(help: "The game's seed (0 to 2^64-1).")
    var seed: UInt64 = 1

    @Option(help: "Stop after this many turns (100 ticks each) if the game has not ended.")
    var turns: Int = 3000

    @Option(help: "The bot that plays: explore (explores, fights, uses items, descends).")
    var bot: Bot = .explore

    @Flag(help: "Store the game (seed and every action) like a played game, so it can be replayed and verified.")
    var save = false

    @Flag(help: ArgumentHelp("With --save, print a line as each action is stored (for crash tests).", visibility: .hidden))
    var reportSaves = false

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions

    @Option(
        name: .customLong("plugin-library"),
        help: ArgumentHelp(
            "A native library to load on its own, as ID=PATH or PATH (repeatable); for testing a build. "
                + "A plugin folder's library (plugin.yaml `library:`) loads with its plugin, without this option.",
            valueName: "id=path"
        )
    )
    var pluginLibraries: [String] = []

    func validate() throws {
        guard turns > 0 else { throw ValidationError("--turns must be at least 1 (got \(turns)).") }
        guard turns <= 10_000_000 else { throw ValidationError("--turns is capped at 10,000,000 (got \(turns)).") }
    }

    func run() throws {
        let loaded = try content.load()
        let r: Simulation.Result
        if save {
            let recorded = try RecordedGames(store: try data.open(), content: loaded).start(seed: seed)
            if reportSaves { FileHandle.standardOutput.write(Data("game \(recorded.id)\n".utf8)) }
            var last = recorded.game
            r = try Simulation.run(seed: seed, catalog: loaded.catalog, turns: turns) { action, game in
                let stored = try recorded.record(action, after: game)
                last = game
                if reportSaves { FileHandle.standardOutput.write(Data("stored \(stored.seq + 1)\n".utf8)) }
            }
            try recorded.finish(last)
            print("game: \(recorded.id) (saved)")
        } else {
            let catalog = pluginLibraries.isEmpty ? loaded.catalog : try PluginLoader().extend(loaded.catalog, libraries: pluginLibraries)
            r = Simulation.run(seed: seed, catalog: catalog, turns: turns)
        }
        print("seed: \(r.seed)")
        print("bot: \(bot.rawValue)")
        print("turns: \(r.turns) (\(r.actions) actions)")
        print("depth: \(r.depth) (deepest \(r.deepest))")
        print("experience level: \(r.experienceLevel), kills: \(r.kills), gold: \(r.gold)")
        print("end: \(r.stopReason)")
        print("stateHash: \(r.stateHash.hex16)")
    }
}
