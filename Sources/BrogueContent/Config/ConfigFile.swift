import Foundation

/// The player's settings file, `brogue.yaml`: read with the same limits and diagnostics as
/// content, since it is just as much input from outside.
///
/// ```yaml
/// ascii: false
/// keys:
///   search: [s, F]     # a key or a list of keys per command
///   explore: x
/// plugins:
///   - ~/brogue/mods                               # a plugin folder, or a folder of them
///   - {path: /opt/brogue/alchemy, required: true} # stop rather than play without it
/// ```
public struct ConfigFile: Sendable, Equatable {
    /// One entry of `plugins:`.
    public struct PluginEntry: Sendable, Equatable {
        /// The folder, with `~` expanded and a relative path taken from the settings file's folder.
        public var folder: String
        /// Whether a command must stop when the plugin cannot be loaded.
        public var required: Bool
        /// Where the entry is written.
        public var line: Int
        public var column: Int
    }

    /// Where the file was read from.
    public var path: String
    /// Command name -> the keys bound to it, in file order.
    public var keys: [(command: String, keys: [String])]
    public var ascii: Bool?
    /// Plugin folders to load besides the content, in file order.
    public var plugins: [PluginEntry] = []
    /// `mode:`: `terminal` (the default) or `node`, which makes a plain `brogue` start a node.
    public var mode: Mode?
    /// The `node:` section, `ConfigFile+Node.swift`.
    public var node: NodeSettings?

    public static func == (a: ConfigFile, b: ConfigFile) -> Bool {
        a.path == b.path && a.ascii == b.ascii && a.keys.map(\.command) == b.keys.map(\.command) && a.keys.map(\.keys) == b.keys.map(\.keys)
            && a.plugins == b.plugins && a.mode == b.mode && a.node == b.node
    }

    /// The top-level keys the file may hold.
    public static let fields = ["ascii", "keys", "mode", "plugins", "node"]

    /// The file to read: `explicit` (from `--config`), else `BROGUE_CONFIG`, else
    /// `$XDG_CONFIG_HOME/brogue/brogue.yaml` or `~/.config/brogue/brogue.yaml` when it exists.
    public static func locate(explicit: String?, environment: [String: String]) -> String? {
        if let explicit { return explicit }
        if let path = environment["BROGUE_CONFIG"], !path.isEmpty { return path }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (environment["HOME"].map { $0 + "/.config" } ?? "")
        let path = base + "/brogue/brogue.yaml"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Reads and checks the file.
    /// - Parameter commands: the command names keys may be bound to (for did-you-mean).
    /// - Throws: every problem found, each with `file:line:column`.
    /// - Parameter environment: for `~` in plugin folders (`HOME`).
    public static func load(
        path: String,
        commands: [String],
        environment: [String: String] = [:],
        limits: ContentLimits = .default
    ) throws(ContentErrors) -> ConfigFile {
        let sink = DiagnosticSink(file: path, cap: limits.maxDiagnosticsPerFile)
        var config = ConfigFile(path: path, keys: [], ascii: nil)
        if let root = SourceReader(limits: limits).read(path: path, expected: "settings such as 'keys:'", sink: sink) {
            read(root, into: &config, commands: commands, environment: environment, sink: sink)
        }
        let diagnostics = sink.finish()
        if diagnostics.contains(where: { $0.severity == .error }) { throw ContentErrors(diagnostics: diagnostics) }
        return config
    }

    private static func read(_ root: YNode, into config: inout ConfigFile, commands: [String], environment: [String: String], sink: DiagnosticSink) {
        guard case .mapping(let pairs) = root.value else {
            sink.error(
                root.mark,
                "the settings file must be a mapping, found \(root.foundDescription)",
                hint: "write 'keys:' and the bindings under it"
            )
            return
        }
        var seen: [String: Mark] = [:]
        for pair in pairs {
            guard let name = pair.key.scalar else {
                sink.error(pair.key.mark, "a setting's name must be plain text")
                continue
            }
            if let first = seen[name] {
                sink.error(pair.key.mark, "'\(name)' is set twice (first at \(first))", hint: "keep one")
                continue
            }
            seen[name] = pair.key.mark
            switch name {
            case "ascii":
                if let b = pair.value.plainBool {
                    config.ascii = b
                } else {
                    sink.error(pair.value.mark, "'ascii' must be true or false, found \(pair.value.foundDescription)")
                }
            case "mode":
                if let mode = pair.value.scalar.flatMap(Mode.init(rawValue:)), pair.value.isPlainScalar {
                    config.mode = mode
                } else {
                    sink.error(
                        pair.value.mark,
                        "mode \(pair.value.foundDescription) is not available in this version",
                        hint: "write 'mode: terminal', 'mode: node' or leave it out"
                    )
                }
            case "node":
                config.node = readNode(
                    pair.value,
                    base: URL(fileURLWithPath: config.path).deletingLastPathComponent(),
                    environment: environment,
                    sink: sink
                )
            case "keys":
                readKeys(pair.value, into: &config, commands: commands, sink: sink)
            case "plugins":
                readPlugins(pair.value, into: &config, environment: environment, sink: sink)
            default:
                sink.error(
                    pair.key.mark,
                    "unknown setting '\(name.clipped)'",
                    hint: DidYouMean.hint(for: name, among: fields) ?? "the settings are \(fields.joined(separator: ", "))"
                )
            }
        }
    }

    private static func readKeys(_ node: YNode, into config: inout ConfigFile, commands: [String], sink: DiagnosticSink) {
        guard case .mapping(let pairs) = node.value else {
            sink.error(
                node.mark,
                "'keys' must map commands to keys, found \(node.foundDescription)",
                hint: "write e.g. 'search: [s, F]' under 'keys:'"
            )
            return
        }
        var taken: [String: (String, Mark)] = [:]
        for pair in pairs {
            guard let command = pair.key.scalar else { continue }
            guard commands.contains(command) else {
                sink.error(
                    pair.key.mark,
                    "unknown command '\(command.clipped)'",
                    hint: DidYouMean.hint(for: command, among: commands)
                        ?? "`brogue play` then ? lists the commands; names are like 'search' or 'move-north'"
                )
                continue
            }
            let values: [YNode]
            switch pair.value.value {
            case .scalar: values = [pair.value]
            case .sequence(let items): values = items
            case .mapping: values = []
            }
            if values.isEmpty { sink.error(pair.value.mark, "command '\(command)' needs a key or a list of keys") }
            var keys: [String] = []
            for v in values {
                guard let key = v.scalar, !key.isEmpty, key.count <= 16 else {
                    sink.error(v.mark, "a key is a character or a key name such as 'up' or 'ctrl-c', found \(v.foundDescription)")
                    continue
                }
                if let (other, mark) = taken[key], other != command {
                    sink.error(v.mark, "key '\(key)' is bound to both '\(other)' (at \(mark)) and '\(command)'", hint: "bind it once")
                    continue
                }
                taken[key] = (command, v.mark)
                keys.append(key)
            }
            config.keys.append((command, keys))
        }
    }

    static let pluginFields = ["path", "required"]

    private static func readPlugins(_ node: YNode, into config: inout ConfigFile, environment: [String: String], sink: DiagnosticSink) {
        guard case .sequence(let items) = node.value else {
            sink.error(
                node.mark,
                "'plugins' must be a list of plugin folders, found \(node.foundDescription)",
                hint: "write one '- path' (or '- {path: ..., required: true}') line per folder"
            )
            return
        }
        let base = URL(fileURLWithPath: config.path).deletingLastPathComponent()
        for item in items {
            var pathNode: YNode?
            var required = false
            switch item.value {
            case .scalar:
                pathNode = item
            case .mapping(let pairs):
                for pair in pairs {
                    switch pair.key.scalar {
                    case "path": pathNode = pair.value
                    case "required":
                        if let b = pair.value.plainBool {
                            required = b
                        } else {
                            sink.error(pair.value.mark, "'required' must be true or false, found \(pair.value.foundDescription)")
                        }
                    default:
                        let name = pair.key.scalar ?? ""
                        sink.error(
                            pair.key.mark,
                            "unknown key '\(name.clipped)' in a plugins entry",
                            hint: DidYouMean.hint(for: name, among: pluginFields) ?? "an entry has 'path' and 'required'"
                        )
                    }
                }
                if pathNode == nil { sink.error(item.mark, "a plugins entry needs 'path'", hint: "write {path: /folder/of/plugin, required: true}") }
            case .sequence:
                sink.error(item.mark, "a plugins entry is a folder or {path, required}, found a list")
            }
            guard let pathNode else { continue }
            guard let text = pathNode.scalar, !pathNode.isNull, !text.isEmpty else {
                sink.error(pathNode.mark, "expected a plugin folder, found \(pathNode.foundDescription)")
                continue
            }
            if let problem = PluginDiscovery.problem(with: text) {
                sink.error(pathNode.mark, problem, hint: "copy the plugin to a folder on this machine and name that folder")
                continue
            }
            var folder = text
            if folder == "~" || folder.hasPrefix("~/") {
                guard let home = environment["HOME"], !home.isEmpty else {
                    sink.error(pathNode.mark, "'\(text.clipped)' starts with ~, but HOME is not set", hint: "write the full path")
                    continue
                }
                folder = home + folder.dropFirst()
            } else if !folder.hasPrefix("/") {
                folder = base.appendingPathComponent(folder).standardizedFileURL.path
            }
            config.plugins.append(PluginEntry(folder: folder, required: required, line: pathNode.mark.line, column: pathNode.mark.column))
        }
    }
}
