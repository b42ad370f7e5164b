/// A plugin's `plugin.yaml`: who it is and which files hold its content.
public struct PluginManifest: Sendable, Hashable {
    /// Kebab-case id, unique among the plugins loaded together.
    public var id: String
    public var name: String
    /// `major.minor.patch`.
    public var version: String
    public var description: String
    /// The plugin folder as the caller named it.
    public var folder: String
    /// Globs per content kind, relative to `folder`.
    public var content: [ContentKind: [String]]

    public init(id: String, name: String, version: String, description: String, folder: String, content: [ContentKind: [String]]) {
        self.id = id
        self.name = name
        self.version = version
        self.description = description
        self.folder = folder
        self.content = content
    }

    /// The manifest's file name inside a plugin folder.
    public static let fileName = "plugin.yaml"
}

/// The manifest's schema and decoder.
enum ManifestSchema {
    static let table = ContentSchema.Table(
        name: "plugin",
        fields: [
            .init("id", .id, .required, "Kebab-case id of the plugin (`core` for the core game)."),
            .init("name", .name, .required, "Name shown to players."),
            .init("version", .version, .required, "Version as `major.minor.patch`."),
            .init("description", .text, .value("\"\""), "One or two sentences about the plugin."),
            .init("content", .table("content"), .required, "Which files hold which kind of content (table below)."),
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
        guard !r.hasErrors, let id, let name, let version, let description else { return out }
        out.manifest = PluginManifest(id: id, name: name, version: version, description: description, folder: folder, content: globs)
        return out
    }
}
