import ArgumentParser
import BrogueNode
import Foundation

/// The process's entry: a node takes over Swift's task pool for NIO's event loops before any
/// task starts (`NodeExecutor`), then the command line runs.
@main
enum Main {
    static func main() async {
        if NodeExecutor.wanted(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment) {
            NodeExecutor.install()
        }
        await Brogue.main()
    }
}

struct Brogue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brogue",
        abstract: "A Brogue-style roguelike: a deterministic game whose content comes from YAML plugins.",
        discussion: """
            Every game is its content, a seed and a list of actions: the same three give the \
            same game (and the same stateHash) on any machine.

            Plugins are found in content/ (or --content PATH, BROGUE_CONTENT_PATH), --plugin PATH, \
            the colon-separated BROGUE_PLUGIN_PATH, the settings file's plugins: list and Plugins/, \
            and load in the order their depends: give; brogue plugin list shows each one.

            Examples:
              brogue                                   the title screen (same as brogue play)
              brogue play --seed 42                    a new game with a chosen seed
              brogue play --variant rapid-brogue       a variant (New game on the title screen offers them)
              brogue replay 3 --verify                 re-simulate game 3 and check its hash
              brogue sim --seed 42 --turns 3000        play a headless game with the bot
              brogue content validate content/core     check a plugin's YAML
              brogue content list monsters             list what the content defines
              brogue map --seed 7 --depth 4            print one level as text
              brogue catalog --seeds 1-25              what each seed's levels hold
              brogue report balance --seeds 1-1000     how far the bot gets, what kills it (--plot chart.svg)
              brogue content show monster goblin --origin   one entry, and where each field came from
              brogue plugin list                       every plugin found, loaded or refused and why
              brogue plugin sdk                        where the native plugin header is
              brogue bench                             measure speed (use a release build)
              brogue node --listen 0.0.0.0:8080        serve games over WebSocket
                                                       (or just brogue, with mode: node in brogue.yaml)
              brogue healthcheck                       exit 0 when the local node is ready
              brogue connect ws://127.0.0.1:8080       play on a node
            """,
        version: "0.1.0",
        subcommands: [
            PlayCommand.self, ScoresCommand.self, GamesCommand.self, ReplayCommand.self, ExportCommand.self, ImportCommand.self,
            SimCommand.self, ContentCommand.self, MapCommand.self, CatalogCommand.self, PluginCommand.self, BenchCommand.self,
            NodeCommand.self, ClusterCommand.self, HealthcheckCommand.self, ConnectCommand.self, LoadTestCommand.self, FloodCommand.self,
            ReportCommand.self,
        ],
        defaultSubcommand: PlayCommand.self
    )

    /// `mode: node` in the settings file makes `brogue` without a subcommand a node.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if ModeSelection.startsNode(arguments) {
            await NodeCommand.main(arguments)
        } else {
            await Self.main(nil)
        }
    }
}
