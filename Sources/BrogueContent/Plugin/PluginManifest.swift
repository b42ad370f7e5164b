/// A plugin's `plugin.yaml`: who it is, what it needs, which files hold its content, and the
/// native library it carries, if any.
public struct PluginManifest: Sendable, Hashable {
    /// Kebab-case id, unique among the plugins loaded together.
    public var id: String
    public var name: String
    /// A semantic version, `major.minor.patch[-prerelease][+build]`.
    public var version: String
    public var description: String
    /// The plugin folder as the caller named it.
    public var folder: String
    /// Globs per content kind, relative to `folder`.
    public var content: [ContentKind: [String]]
    /// Plugins that must be loaded before this one, in the order written.
    public var depends: [PluginDependency]
    /// The native library, relative to `folder` (or a bare file name also looked for in the
    /// package's `.build/debug` and `.build/release`); nil for a plugin of data only.
    public var library: String?
    /// The plugin ABI the library was built against; given exactly when `library` is.
    public var abi: PluginABI?
    /// Functions of the library that content may call, in the order written.
    public var natives: [PluginNative]

    public init(
        id: String,
        name: String,
        version: String,
        description: String,
        folder: String,
        content: [ContentKind: [String]],
        depends: [PluginDependency] = [],
        library: String? = nil,
        abi: PluginABI? = nil,
        natives: [PluginNative] = []
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.description = description
        self.folder = folder
        self.content = content
        self.depends = depends
        self.library = library
        self.abi = abi
        self.natives = natives
    }

    /// "native" when the plugin carries a library, else "data".
    public var kind: String { library == nil ? "data" : "native" }

    /// The manifest's file name inside a plugin folder.
    public static let fileName = "plugin.yaml"
}

/// One entry of `depends`: a plugin id and the versions of it that will do.
public struct PluginDependency: Sendable, Hashable {
    public var id: String
    public var range: VersionRange

    public init(id: String, range: VersionRange) {
        self.id = id
        self.range = range
    }
}

/// A plugin ABI version as a manifest declares it, `major.minor`.
public struct PluginABI: Sendable, Hashable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public var description: String { "\(major).\(minor)" }
}

/// One entry of `natives`: an exported function and its signature, as plain values for the host
/// to bind (BroguePluginHost's `NativeDeclaration`).
public struct PluginNative: Sendable, Hashable {
    /// The name content uses after the plugin id.
    public var name: String
    /// The exported C symbol.
    public var symbol: String
    /// Argument types, each one of `types`.
    public var args: [String]
    /// The return type, one of `types`.
    public var returns: String

    public init(name: String, symbol: String, args: [String], returns: String) {
        self.name = name
        self.symbol = symbol
        self.args = args
        self.returns = returns
    }

    /// The types a native may take and return (BroguePluginHost's `NativeType`).
    public static let types = ["int32", "int64", "double", "bool", "string"]
}

/// The manifest's schema and decoder.
enum ManifestSchema {
    static let table = ContentSchema.Table(
        name: "plugin",
        fields: [
            .init("id", .id, .required, "Kebab-case id of the plugin (`core` for the core game)."),
            .init("name", .name, .required, "Name shown to players."),
            .init("version", .version, .required, "Semantic version: `major.minor.patch`, optionally `-prerelease` and `+build`."),
            .init("description", .text, .value("\"\""), "One or two sentences about the plugin."),
            .init("depends", .list("dependency"), .value("[]"), "Plugins loaded before this one (table below)."),
            .init("content", .table("content"), .value("{}"), "Which files hold which kind of content (table below)."),
            .init("library", .relativePath, .optional, "The native library (`.so`), relative to the plugin folder; see *Native library* below."),
            .init("abi", .abiVersion, .optional, "Plugin ABI the library was built against, `major.minor`; required with `library`."),
            .init("natives", .list("native"), .value("[]"), "Exported functions of the library that content may call (table below)."),
        ]
    )

    static let dependency = ContentSchema.Table(
        name: "dependency",
        fields: [
            .init("id", .reference("plugin"), .required, "The plugin needed."),
            .init("version", .versionRange, .value("\"*\""), "Versions of it that will do, e.g. `\"^1.0\"` or `\">=1.2.0 <2.0.0\"`."),
        ]
    )

    static let native = ContentSchema.Table(
        name: "native",
        fields: [
            .init("name", .id, .required, "Name content uses, after the plugin id: `<plugin-id>.<name>`."),
            .init("symbol", .symbol, .required, "The function's exported symbol in the library."),
            .init("args", .strings("native types"), .value("[]"), "Argument types, each `int32`, `int64`, `double`, `bool` or `string`."),
            .init("returns", .choice("native type", PluginNative.types), .required, "Return type, one of the same."),
        ]
    )

    static let content = ContentSchema.Table(
        name: "content",
        fields: ContentKind.contentKinds.map { kind in
            .init(kind.rawValue, .strings("globs"), .value("[]"), "Files holding \(kind.rawValue) content, relative to the plugin folder.")
        }
    )

    struct File {
        var manifest: PluginManifest?
        var idMark: Mark = .start
        /// Where each kind is named under `content`, for messages about the kind as a whole.
        var kindMarks: [ContentKind: Mark] = [:]
        /// Where each glob is written, in the order of `manifest.content[kind]`.
        var globMarks: [ContentKind: [Mark]] = [:]
        /// Where each dependency's id is written, in the order of `manifest.depends`.
        var dependencyMarks: [Mark] = []
        /// Where `library` is written (or the top of the file).
        var libraryMark: Mark = .start
    }

    static func decode(_ node: YNode, folder: String, _ context: FileContext) -> File {
        var out = File()
        guard let r = EntryReader(node, table: table, what: "plugin manifest", idKey: "id", sink: context.sink) else { return out }
        let id = r.string("id")
        out.idMark = r.mark("id")
        let name = r.string("name")
        let version = r.string("version")
        let description = r.string("description")
        var globs: [ContentKind: [String]] = [:]
        if let contentNode = r.mapping("content"),
            let c = EntryReader(contentNode, table: content, what: "content of plugin '\(id ?? "?")'", entry: id, sink: context.sink)
        {
            for kind in ContentKind.contentKinds {
                out.kindMarks[kind] = c.keyMark(kind.rawValue)
                var kept: [String] = []
                var marks: [Mark] = []
                for (pattern, mark) in c.strings(kind.rawValue) ?? [] {
                    if let problem = Glob.problem(in: pattern) {
                        c.error(mark, problem)
                    } else {
                        kept.append(pattern)
                        marks.append(mark)
                    }
                }
                globs[kind] = kept
                out.globMarks[kind] = marks
            }
        }
        let depends = decodeDependencies(r, pluginID: id, into: &out)
        let library = r.has("library") ? r.string("library") : nil
        out.libraryMark = r.mark("library")
        let abi = r.has("abi") ? r.string("abi").flatMap(parseABI) : nil
        let natives = decodeNatives(r, pluginID: id)
        if r.has("library") != r.has("abi") {
            if r.has("library") {
                r.error(
                    r.keyMark("library"),
                    "plugin manifest '\(id ?? "?")' names a library but no 'abi'",
                    hint: "add 'abi: \"1.0\"' (the ABI the library was built against; brogue plugin sdk prints it)"
                )
            } else {
                r.error(
                    r.keyMark("abi"),
                    "'abi' is for a native library, but plugin manifest '\(id ?? "?")' names no 'library'",
                    hint: "remove 'abi', or add 'library:'"
                )
            }
        }
        if r.has("natives") && !r.has("library"), natives?.isEmpty == false {
            r.error(
                r.keyMark("natives"),
                "'natives' are functions of a native library, but plugin manifest '\(id ?? "?")' names no 'library'",
                hint: "add 'library:' and 'abi:'"
            )
        }
        guard !r.hasErrors, let id, let name, let version, let description, let depends, let natives else { return out }
        out.manifest = PluginManifest(
            id: id,
            name: name,
            version: version,
            description: description,
            folder: folder,
            content: globs,
            depends: depends,
            library: library,
            abi: abi,
            natives: natives
        )
        if globs.values.allSatisfy(\.isEmpty) && library == nil {
            r.warning(node.mark, "plugin '\(id)' gives no content and no library, so it changes nothing", hint: "add globs under 'content:'")
        }
        return out
    }

    private static func parseABI(_ text: String) -> PluginABI? {
        let parts = text.split(separator: ".").compactMap { SemanticVersion.number($0) }
        return parts.count == 2 ? PluginABI(major: parts[0], minor: parts[1]) : nil
    }

    private static func decodeDependencies(_ r: EntryReader, pluginID: String?, into out: inout File) -> [PluginDependency]? {
        guard let items = r.list("depends") else { return nil }
        var result: [PluginDependency] = []
        var seen: [String: Mark] = [:]
        var ok = true
        for item in items {
            // `- core` is short for `- {id: core}`: any version.
            let mapping =
                item.scalar != nil && !item.isNull
                ? YNode(
                    value: .mapping([.init(key: YNode(value: .scalar("id", plain: true), mark: item.mark, weight: 1, height: 1), value: item)]),
                    mark: item.mark,
                    weight: 3,
                    height: 2
                )
                : item
            guard let d = EntryReader(mapping, table: dependency, what: "dependency", idKey: "id", sink: r.sink) else {
                ok = false
                continue
            }
            guard let id = d.string("id"), let rangeText = d.string("version"), let range = VersionRange(rangeText), !d.hasErrors else {
                ok = false
                continue
            }
            if id == pluginID {
                d.error(d.mark("id"), "plugin '\(id)' depends on itself", hint: "remove this dependency")
                ok = false
                continue
            }
            if let first = seen[id] {
                d.error(
                    d.mark("id"),
                    "plugin '\(id)' is listed twice in 'depends' (first at \(first))",
                    hint: "keep one entry; put every condition in its version range"
                )
                ok = false
                continue
            }
            seen[id] = d.mark("id")
            result.append(PluginDependency(id: id, range: range))
            out.dependencyMarks.append(d.mark("id"))
        }
        return ok ? result : nil
    }

    private static func decodeNatives(_ r: EntryReader, pluginID: String?) -> [PluginNative]? {
        guard let items = r.list("natives") else { return nil }
        var result: [PluginNative] = []
        var ok = true
        var names: [String: Mark] = [:]
        for item in items {
            guard let n = EntryReader(item, table: native, what: "native", idKey: "name", sink: r.sink) else {
                ok = false
                continue
            }
            let name = n.string("name")
            let symbol = n.string("symbol")
            let returns = n.string("returns")
            var args: [String] = []
            for (type, mark) in n.strings("args") ?? [] {
                if PluginNative.types.contains(type) {
                    args.append(type)
                } else {
                    n.error(
                        mark,
                        "unknown native type '\(type.clipped)' in 'args' of \(n.label)",
                        hint: DidYouMean.hint(for: type, among: PluginNative.types) ?? "use one of \(PluginNative.types.joined(separator: ", "))"
                    )
                }
            }
            if let name, let first = names[name] {
                n.error(n.mark("name"), "native '\(name)' is declared twice (first at \(first))", hint: "give each native its own name")
            }
            guard !n.hasErrors, let name, let symbol, let returns else {
                ok = false
                continue
            }
            names[name] = n.mark("name")
            result.append(PluginNative(name: name, symbol: symbol, args: args, returns: returns))
        }
        return ok ? result : nil
    }
}
