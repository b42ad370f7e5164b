import ArgumentParser
import BrogueContent
import BrogueUI
import Foundation

/// The settings file; shared by the commands that draw the game.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Settings file (default: $BROGUE_CONFIG, else ~/.config/brogue/brogue.yaml when it exists).", valueName: "file")
    )
    var path: String?

    /// The keymap and settings, or exits listing every problem in the file.
    func load() throws -> (keymap: Keymap, ascii: Bool) {
        var keymap = Keymap.standard
        guard let file = ConfigFile.locate(explicit: path, environment: ProcessInfo.processInfo.environment) else { return (keymap, false) }
        do {
            let config = try ConfigFile.load(path: file, commands: Command.all.map(\.name))
            for (name, keys) in config.keys {
                if let command = Command(name: name) { keymap.bind(keys, to: command) }
            }
            return (keymap, config.ascii ?? false)
        } catch {
            for d in error.diagnostics { Console.error(d.description) }
            Console.error("brogue: fix the settings in \(file) (or move the file aside) and run again.")
            throw ExitCode(1)
        }
    }
}
