import ArgumentParser
import BrogueContent
import BrogueUI
import Foundation

/// `mode: node` in `brogue.yaml`: a plain `brogue` (no subcommand) runs `brogue node`.
enum ModeSelection {
    /// Whether these arguments, with the settings file they name, start a node.
    static func startsNode(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if let first = arguments.first {
            guard first.hasPrefix("-"), !["-h", "--help", "--version", "--experimental-dump-help"].contains(first) else { return false }
        }
        var explicit: String?
        for (i, a) in arguments.enumerated() {
            if a == "--config", i + 1 < arguments.count { explicit = arguments[i + 1] }
            if a.hasPrefix("--config=") { explicit = String(a.dropFirst("--config=".count)) }
        }
        guard let path = ConfigFile.locate(explicit: explicit, environment: environment) else { return false }
        // A file with errors is reported by the command that runs (the title screen's settings load).
        let file = try? ConfigFile.load(path: path, commands: Command.all.map(\.name), environment: environment)
        return file?.mode == .node
    }
}
