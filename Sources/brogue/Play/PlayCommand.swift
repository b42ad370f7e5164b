import ArgumentParser
import BrogueContent
import BrogueCore
import BrogueFrame
import BroguePluginHost
import BrogueRecording
import BrogueStore
import BrogueTerminal
import BrogueUI
import Foundation

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play in this terminal (the default command).",
        discussion: """
            Without --seed, opens the title screen: new game, new seeded game, continue, high \
            scores, replays. Every action is saved as it is made, so a game can always be \
            continued; S saves and quits, Q abandons. The screen needs 100 x 34 characters. \
            With --dev, the title screen notices edited YAML content and reloads it for the next \
            game, showing what changed or the errors.

            Variants (plugins that make another game of the content, such as Rapid Brogue) are \
            found in Plugins/Variants/ beside the content and in variants/ in the data folder; \
            when there are any, a new game asks which game to play: Brogue or a variant, each with \
            its one-line description. A game remembers its variant (its content set names the \
            plugin), so continuing it or watching its replay loads the same variant without \
            asking, and refuses with the reason when the variant is gone. --variant ID plays a \
            variant from the start (with --seed too), as --plugin FOLDER does.
            """
    )

    @Option(help: "Start a new game with this seed at once, skipping the title screen.")
    var seed: UInt64?

    @Flag(help: "Draw with plain ASCII characters instead of Unicode symbols.")
    var ascii = false

    @Option(help: ArgumentHelp("Play this variant (its id or name; see the title screen) instead of the content's own game.", valueName: "id"))
    var variant: String?

    @Flag(help: "Development: reload edited YAML content for the next game (native libraries need a restart).")
    var dev = false

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let settings = try config.load()
        var (plugins, candidates) = try content.loadSet(config: config.path)
        let store = try data.open()
        var loaded = try ContentOptions.withRules(plugins)
        var variants = try GameVariants.find(
            in: GameVariants.folders(dataFolder: data.resolvedFolder),
            content: content,
            config: config.path,
            plugins: plugins
        )
        if let variant {
            guard let chosen = variants.named(variant) else {
                let found = variants.variants.map { "\($0.id) (\($0.name))" }.joined(separator: ", ")
                throw ValidationError(
                    "no variant '\(variant)' in \(variants.searched.joined(separator: " or ")); "
                        + (found.isEmpty ? "none was found there." : "the variants found are \(found).")
                )
            }
            // As if named with --plugin: the variant is the content, and the title screen offers no other.
            candidates = chosen.candidates
            plugins = plugins.reloadingContent(candidates)
            loaded = try ContentOptions.withRules(plugins)
            variants.variants = []
        }
        let games = RecordedGames(store: store, content: loaded)
        let reload = dev ? DevReload(candidates: candidates, plugins: plugins, content: loaded) : nil
        do {
            try Terminal.run { terminal in
                let ui = TerminalPlay(terminal: terminal, ascii: ascii || settings.ascii, keymap: settings.keymap)
                if let seed {
                    try playNew(seed: seed, games: games, ui: ui)
                } else {
                    var flow = TitleFlow(games: games, plugins: plugins, variants: variants, ui: ui, reload: reload)
                    try flow.run()
                }
            }
        } catch let error as TerminalError {
            if case .notATerminal = error {
                Console.error(
                    "brogue: playing needs a terminal (standard input and output must be a TTY). For a headless game try: brogue sim --seed 1"
                )
            } else {
                Console.error("brogue: terminal error: \(error)")
            }
            throw ExitCode(1)
        } catch let error as StoreError {
            Console.error("brogue: the game could not be saved: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Plays a new game from `seed` to the end or until the player leaves.
func playNew(seed: UInt64, games: RecordedGames, ui: TerminalPlay) throws {
    try playRecorded(try games.start(seed: seed), ui: ui)
}

/// Plays a recorded game on, each action stored as it is made, and records how it ends.
func playRecorded(_ recorded: RecordedGame, ui: TerminalPlay, log: MessageLog = MessageLog()) throws {
    let session = PlaySession(game: recorded.game, recorder: recorded, log: log)
    let outcome = try ui.play(session)
    try recorded.finish(session.game, abandoned: outcome == .abandoned)
}
