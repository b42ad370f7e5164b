import ArgumentParser
import BrogueContent
import BrogueUI
import Foundation

extension ConfigOptions {
    /// The whole settings file (for `node:` and `mode:`), or nil when there is none; exits
    /// listing every problem in the file.
    func loadFile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfigFile? {
        guard let file = ConfigFile.locate(explicit: path, environment: environment) else { return nil }
        do {
            return try ConfigFile.load(path: file, commands: Command.all.map(\.name), environment: environment)
        } catch {
            for d in error.diagnostics { Console.error(d.description) }
            Console.error("brogue: fix the settings in \(file) (or move the file aside) and run again.")
            throw ExitCode(1)
        }
    }
}
