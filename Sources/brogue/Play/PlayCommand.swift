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
            """
    )

    @Option(help: "Start a new game with this seed at once, skipping the title screen.")
    var seed: UInt64?

    @Flag(help: "Draw with plain ASCII characters instead of Unicode symbols.")
    var ascii = false

    @Flag(help: "Development: reload edited YAML content for the next game (native libraries need a restart).")
    var dev = false

    @OptionGroup var content: ContentOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let settings = try config.load()
        let (plugins, candidates) = try content.loadSet(config: config.path)
        let store = try data.open()
        let content = try ContentOptions.withRules(plugins)
        let games = RecordedGames(store: store, content: content)
        let reload = dev ? DevReload(candidates: candidates, plugins: plugins, content: content) : nil
        do {
            try Terminal.run { terminal in
                let ui = TerminalPlay(terminal: terminal, ascii: ascii || settings.ascii, keymap: settings.keymap)
                if let seed {
                    try playNew(seed: seed, games: games, ui: ui)
                } else {
                    var flow = TitleFlow(games: games, ui: ui, reload: reload)
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
