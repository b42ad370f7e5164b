import Foundation

/// A plugin folder found on disk, whether the host may go on without it, and how it was found.
public struct PluginCandidate: Sendable, Hashable {
    /// The folder holding `plugin.yaml`.
    public var folder: String
    /// A required plugin that cannot be loaded stops the command; any other is skipped with its reason.
    public var required: Bool
    /// How it was found, for messages: `content/`, `Plugins/`, `--plugin`, `BROGUE_PLUGIN_PATH`,
    /// or the settings file's place (`~/.config/brogue/brogue.yaml:4:5`).
    public var source: String

    public init(folder: String, required: Bool, source: String) {
        self.folder = folder
        self.required = required
        self.source = source
    }
}

/// Finds plugin folders: only folders on this machine's disk, never anything from the network.
public enum PluginDiscovery {
    /// Why an entry of a plugin path cannot be used, or nil when it can: URLs and other
    /// non-local names are refused outright.
    public static func problem(with entry: String) -> String? {
        if entry.isEmpty { return "an empty entry names no folder" }
        let lowered = entry.lowercased()
        if lowered.contains("://") || lowered.hasPrefix("git@") || lowered.hasPrefix("ssh:") {
            return "'\(entry.clipped)' is not a folder on this machine; plugins are only ever read from local folders, never downloaded"
        }
        return nil
    }

    /// The plugin folders an entry stands for: the entry itself when it holds a `plugin.yaml`,
    /// else each of its direct subfolders that holds one, in byte order of their names (hidden
    /// folders skipped). A missing folder gives itself, so loading reports it.
    public static func plugins(in entry: String) -> [String] {
        let found = pluginFolders(in: entry)
        return found.isEmpty ? [LoadSession.trimmed(entry)] : found
    }

    /// The plugin folders an entry holds (itself, or its direct subfolders), or none.
    public static func pluginFolders(in entry: String) -> [String] {
        let folder = LoadSession.trimmed(entry)
        let fm = FileManager.default
        if fm.fileExists(atPath: LoadSession.join(folder, PluginManifest.fileName)) { return [folder] }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
            let names = try? fm.contentsOfDirectory(atPath: folder)
        else { return [] }
        return names.filter { !$0.hasPrefix(".") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { LoadSession.join(folder, $0) }
            .filter { fm.fileExists(atPath: LoadSession.join($0, PluginManifest.fileName)) }
    }

    /// `BROGUE_PLUGIN_PATH`: colon-separated entries, each a plugin folder or a folder of them.
    /// - Returns: candidates (not required), and one message per entry that was refused.
    public static func fromPath(_ value: String, source: String = "BROGUE_PLUGIN_PATH") -> (candidates: [PluginCandidate], problems: [String]) {
        var candidates: [PluginCandidate] = []
        var problems: [String] = []
        var entries = value.split(separator: ":", omittingEmptySubsequences: true).map(String.init)
        // "https://host/x" splits into "https" and "//host/x": put a URL back together to refuse it whole.
        var i = 0
        while i + 1 < entries.count {
            if entries[i + 1].hasPrefix("//") && entries[i].allSatisfy({ $0.isLetter || $0 == "+" }) {
                entries[i] += ":" + entries.remove(at: i + 1)
            }
            i += 1
        }
        for entry in entries {
            if let problem = problem(with: entry) {
                problems.append("\(source): \(problem)")
                continue
            }
            candidates += plugins(in: entry).map { PluginCandidate(folder: $0, required: false, source: source) }
        }
        return (candidates, problems)
    }

    /// The settings file's `plugins:` entries, expanded like path entries.
    public static func fromConfig(_ config: ConfigFile) -> [PluginCandidate] {
        config.plugins.flatMap { entry in
            plugins(in: entry.folder).map {
                PluginCandidate(folder: $0, required: entry.required, source: "\(config.path):\(entry.line):\(entry.column)")
            }
        }
    }
}
