import ArgumentParser
import BrogueContent
import BrogueCore
import BrogueFrame
import BrogueRecording
import BrogueStore
import BrogueTerminal
import BrogueUI
import Foundation

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Watch a stored game, or with --verify re-simulate it and check its final stateHash.",
        discussion: """
            --verify runs headless: it exits 0 when replaying the action log from the seed gives \
            the stored stateHash, 1 (with the reason) when it does not or the game cannot be read. \
            --verify --all checks every stored game in one run, one line each, and exits 1 when any \
            fails (after a cluster's failover, for example).
            """
    )

    @Argument(help: "The game's id (see brogue games).") var gameID: Int64?
    @Flag(help: "Re-simulate without drawing and check the final stateHash.") var verify = false
    @Flag(help: "With --verify: check every stored game instead of one.") var all = false
    @Flag(help: "Draw with plain ASCII characters.") var ascii = false
    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var postgres: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if all {
            guard verify else { throw ValidationError("--all only goes with --verify: brogue replay --verify --all") }
            guard gameID == nil else { throw ValidationError("give a game id or --all, not both") }
        } else if gameID == nil {
            throw ValidationError("give the game's id (see brogue games), or --verify --all to check every game")
        }
    }

    func run() throws {
        let settings = try config.load()
        let plugins = try content.loadSet(config: config.path).plugins
        let loaded = try ContentOptions.withRules(plugins)
        let (store, place) = try postgres.open(data, readOnly: true)
        let variants = try GameVariants.find(
            in: GameVariants.folders(dataFolder: data.resolvedFolder),
            content: content,
            config: config.path,
            plugins: plugins
        )
        // Each game is rebuilt with the variant its record names.
        let games = VariantGames(base: RecordedGames(store: store, content: loaded), plugins: plugins, variants: variants)
        guard let gameID else { return try verifyAll(store: store, games: games) }
        let stored: StoredGame
        do {
            guard let found = try store.loadGame(id: gameID) else {
                Console.error("brogue: there is no game \(gameID) in \(place); see brogue games.")
                throw ExitCode(1)
            }
            stored = found
        } catch let error as StoreError {
            Console.error("brogue: \(error)")
            throw ExitCode(1)
        }
        if verify {
            let start = ContinuousClock.now
            do {
                let game = try games.games(for: stored.record).rebuild(stored)
                let d = ContinuousClock.now - start
                let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                print(
                    "game \(gameID): \(stored.actions.count) actions, \(game.turn) turns replayed in \(String(format: "%.3f", seconds)) s "
                        + "(\(seconds > 0 ? Int(Double(game.turn) / seconds) : 0) turns/s)"
                )
                print("stateHash: \(game.stateHash.hex16) matches the saved game")
            } catch {
                Console.error("brogue: verification failed: \(error)")
                throw ExitCode(1)
            }
            return
        }
        let viewed: RecordedGames
        do {
            viewed = try games.games(for: stored.record)
        } catch {
            Console.error("brogue: \(error)")
            throw ExitCode(1)
        }
        do {
            try Terminal.run { terminal in
                try ReplayViewer(games: viewed, ui: TerminalPlay(terminal: terminal, ascii: ascii || settings.ascii, keymap: settings.keymap)).run(
                    stored
                )
            }
        } catch let error as RebuildError {
            Console.error("brogue: \(error)")
            throw ExitCode(1)
        } catch let error as TerminalError {
            Console.error("brogue: watching a replay needs a terminal (\(error)); to check a game headless use --verify.")
            throw ExitCode(1)
        }
    }
}
