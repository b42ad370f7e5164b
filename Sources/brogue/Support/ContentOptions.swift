import ArgumentParser
import BrogueContent
import BrogueCore
import BroguePluginHost
import BrogueUI
import Foundation

/// Where to find plugins; shared by every command that loads content.
///
/// Plugin folders are found, in this order (a folder found twice counts once; of two plugins with
/// one id the first found wins):
/// 1. the content: `--content` folders, else `BROGUE_CONTENT_PATH`, else every plugin in `content/`
///    of the first of the current folder and the folders above the binary that has one (required);
/// 2. `--plugin` folders (required);
/// 3. `BROGUE_PLUGIN_PATH`, colon-separated (not required);
/// 4. the settings file's `plugins:` list (required when the entry says so);
/// 5. the example plugins in `Plugins/` beside that `content/`, unless the content was named (not required).
///
/// Each entry is a plugin folder or a folder of plugin folders.
struct ContentOptions: ParsableArguments {
    @Option(
        name: .customLong("content"),
        help: ArgumentHelp(
            "A plugin folder (or a folder of them) to load instead of the default content; repeat for more.",
            valueName: "path"
        )
    )
    var paths: [String] = []

    @Option(
        name: .customLong("plugin"),
        help: ArgumentHelp("A plugin folder (or a folder of them) to load as well, required; repeat for more.", valueName: "path")
    )
    var plugins: [String] = []

    /// The plugin folders to load, with where each was found, and messages about entries refused.
    /// - Parameter config: the settings file named by `--config`, if the command has that option.
    func candidates(config: String? = nil) throws -> (candidates: [PluginCandidate], notes: [String]) {
        let environment = ProcessInfo.processInfo.environment
        var out: [PluginCandidate] = []
        var notes: [String] = []
        var examples: [String] = []
        func add(_ entries: [String], required: Bool, source: String) throws {
            for entry in entries {
                if let problem = PluginDiscovery.problem(with: entry) { throw ValidationError("\(source): \(problem)") }
                out += PluginDiscovery.plugins(in: entry).map { PluginCandidate(folder: $0, required: required, source: source) }
            }
        }
        if !paths.isEmpty {
            try add(paths, required: true, source: "--content")
        } else if let env = environment["BROGUE_CONTENT_PATH"], !env.isEmpty {
            try add(env.split(separator: ":").map(String.init), required: true, source: "BROGUE_CONTENT_PATH")
        } else if let root = Self.contentRoot() {
            out += PluginDiscovery.pluginFolders(in: root + "/content").map { PluginCandidate(folder: $0, required: true, source: "content/") }
            examples = PluginDiscovery.pluginFolders(in: root + "/Plugins")
        } else {
            throw ValidationError(
                "no content found: looked for content/ with a plugin in the current folder and beside the binary. "
                    + "Run from the project folder, or pass --content PATH (or set BROGUE_CONTENT_PATH)."
            )
        }
        try add(plugins, required: true, source: "--plugin")
        if let env = environment["BROGUE_PLUGIN_PATH"], !env.isEmpty {
            let (found, problems) = PluginDiscovery.fromPath(env)
            out += found
            notes += problems
        }
        if let file = ConfigFile.locate(explicit: config, environment: environment) {
            do {
                let settings = try ConfigFile.load(path: file, commands: Command.all.map(\.name), environment: environment)
                out += PluginDiscovery.fromConfig(settings)
            } catch {
                for d in error.diagnostics { Console.error(d.description) }
                Console.error("brogue: fix the settings in \(file) (or move the file aside) and run again.")
                throw ExitCode(1)
            }
        }
        out += examples.map { PluginCandidate(folder: $0, required: false, source: "Plugins/") }
        return (out, notes)
    }

    /// The plugin folders brogue would load (for `content validate` and `bench`).
    func resolvedPaths(config: String? = nil) throws -> [String] {
        try candidates(config: config).candidates.map(\.folder)
    }

    /// The first folder, of the current one and those above the binary (and their
    /// `share/brogue`), whose `content/` holds a plugin.
    static func contentRoot() -> String? {
        var roots = [FileManager.default.currentDirectoryPath]
        // .build/<triple>/<config>/brogue -> the package root is three folders up.
        var dir = Executable.folder
        for _ in 0..<4 {
            roots.append(dir.path)
            roots.append(dir.appendingPathComponent("share/brogue").path)
            dir = dir.deletingLastPathComponent()
        }
        return roots.first { !PluginDiscovery.pluginFolders(in: $0 + "/content").isEmpty }
    }

    /// Finds and loads the plugins: a plugin that is not required and cannot be loaded is
    /// skipped with one line on standard error; a required one stops the command with every
    /// diagnostic.
    /// - Returns: the plugins, and the folders they were loaded from (to load them again).
    func loadSet(config: String? = nil) throws -> (plugins: PluginSet, candidates: [PluginCandidate]) {
        let (candidates, notes) = try candidates(config: config)
        for note in notes { Console.error("brogue: skipped \(note)") }
        let set = PluginSet.load(candidates)
        guard let content = set.content else {
            for d in set.report.diagnostics { Console.error(d.description) }
            let stopped = set.report.plugins.filter { !$0.isLoaded && $0.candidate.required }
            let names = stopped.map { s in s.manifest.map { "'\($0.id)'" } ?? s.candidate.folder }
            Console.error(
                "brogue: "
                    + (names.isEmpty
                        ? "the content has \(set.report.diagnostics.filter { $0.severity == .error }.count) error(s)"
                        : "required plugin\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) could not be loaded")
                    + "; fix the errors above and run again (brogue plugin list shows every plugin)."
            )
            throw ExitCode(1)
        }
        // A second copy of a loaded plugin (say Plugins/ExampleC beside a built copy on
        // BROGUE_PLUGIN_PATH) is shadowed on purpose; plugin list still shows it.
        let loadedIDs = Set(content.manifests.map(\.id))
        for s in set.report.plugins where !s.isLoaded && !(s.manifest.map { loadedIDs.contains($0.id) } ?? false) {
            Console.error(
                "brogue: skipped plugin \(Self.name(s)) (\(s.candidate.folder)): \(s.refusal.map(Self.reason) ?? "refused") (brogue plugin list says more)"
            )
        }
        for w in content.warnings { Console.error(w.description) }
        return (set, candidates)
    }

    /// Loads the content or exits with every diagnostic on standard error. The native
    /// libraries' registrations (behaviours, item effects, hooks, generator stages) are attached
    /// to the catalog, so every game, simulation and replay runs them.
    func load(config: String? = nil) throws -> LoadedContent {
        try Self.withRules(try loadSet(config: config).plugins)
    }

    /// The set's content with its native libraries' registrations attached to the catalog, or
    /// exit with the reason when they do not fit it.
    static func withRules(_ set: PluginSet) throws -> LoadedContent {
        do {
            return try set.contentWithRules()!
        } catch {
            Console.error("brogue: the native plugins' rules do not fit the content: \(error)")
            throw ExitCode(1)
        }
    }

    static func name(_ s: PluginStatus) -> String { s.manifest.map { "'\($0.id)'" } ?? "at \(s.candidate.folder)" }

    /// A refusal as one line: the message, and the place when it is not the library loader's own.
    static func reason(_ d: Diagnostic) -> String {
        d.message + (d.hint.map { " (\($0))" } ?? "") + (d.file.hasPrefix("<") ? "" : " [\(d.file):\(d.line):\(d.column)]")
    }
}

enum Console {
    static func error(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// Rewrites one status line on standard error (a terminal); an empty text clears it.
    static func progress(_ s: String) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + s).utf8))
    }
}
