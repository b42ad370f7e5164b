import BrogueCore

/// Gathers decoded files in load order, lays later plugins over earlier ones, and checks
/// what no single file can (references, required terrains, coverage) at the places written.
struct Assembly {
    struct Entry<T> {
        var decoded: Decoded<T>
        var plugin: String
    }

    /// Kinds of one sort, in load order, with an index by id.
    struct Kinds<T> {
        var entries: [Entry<T>] = []
        var index: [String: Int] = [:]

        var values: [T] { entries.compactMap(\.decoded.value) }
        func contains(_ id: String) -> Bool { index[id] != nil }
        func value(_ id: String) -> T? { index[id].flatMap { entries[$0].decoded.value } }
        var sortedIDs: [String] { index.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
    }

    struct Placed<T> {
        var value: T
        var plugin: String
    }

    var terrains = Kinds<TerrainKind>()
    var monsters = Kinds<MonsterKind>()
    var items = Kinds<ItemKind>()
    var generators = Kinds<GeneratorProfile>()
    var blueprints = Kinds<Blueprint>()
    var bolts = Kinds<BoltKind>()
    var runics = Kinds<RunicKind>()
    var references: [(reference: Reference, file: String, entry: String?)] = []
    var spawnMonsters: [(line: SpawnsSchema.Line, file: String)] = []
    var spawnItems: [(line: SpawnsSchema.Line, file: String)] = []
    var population: Placed<SpawnsSchema.File>?
    var player: Placed<PlayerSchema.File>?
    var appearances: Placed<AppearancesSchema.File>?
    var manifests: [PluginFolder] = []
    /// Ids of kind files that could not be read at all (named after their file), so references
    /// to them are not reported again as unknown ids.
    var unreadable: [ContentKind: Set<String>] = [:]
    /// Entries with ids, laid over one another across plugins (see `Layers`).
    var layers = Layers()
    /// Entries read but not yet laid over the others.
    var pending: [(kind: ContentKind, id: String, layer: Layers.Layer)] = []

    /// Reads and decodes one content file into the assembly.
    mutating func add(kind: ContentKind, path: String, plugin: PluginFolder, session: LoadSession) {
        session.withSink(path) { sink in
            guard let node = SourceReader(limits: session.limits).read(path: path, expected: LoadSession.expected(kind), sink: sink) else {
                unreadable[kind, default: []].insert(FileContext(sink: sink).baseName)
                return
            }
            if Layers.kinds.contains(kind) {
                collect(kind: kind, node: node, plugin: plugin.manifest.id, sink: sink)
            } else {
                add(kind: kind, node: node, plugin: plugin.manifest.id, sink: sink)
            }
        }
    }

    mutating func add(kind: ContentKind, node: YNode, plugin: String, sink: DiagnosticSink) {
        let context = FileContext(sink: sink)
        switch kind {
        case .terrain: Self.layer(TerrainSchema.decode(node, context), into: &terrains, &references, "terrain", plugin, sink)
        case .monsters: Self.layer(MonsterSchema.decode(node, context), into: &monsters, &references, "monster", plugin, sink)
        case .items: Self.layer(ItemSchema.decode(node, context), into: &items, &references, "item", plugin, sink)
        case .spawns:
            let file = SpawnsSchema.decode(node, context)
            spawnMonsters += file.monsters.map { ($0, file.file) }
            spawnItems += file.items.map { ($0, file.file) }
            if file.population != nil {
                Self.replaceSingle(&population, Placed(value: file, plugin: plugin), "population", file.populationMark, sink)
            }
        case .player:
            Self.replaceSingle(&player, Placed(value: PlayerSchema.decode(node, context), plugin: plugin), "player", .start, sink)
        case .appearances:
            Self.replaceSingle(&appearances, Placed(value: AppearancesSchema.decode(node, context), plugin: plugin), "appearances", .start, sink)
        case .generators: Self.layer(GeneratorSchema.decode(node, context), into: &generators, &references, "generator", plugin, sink)
        case .blueprints: Self.layer(BlueprintSchema.decode(node, context), into: &blueprints, &references, "blueprint", plugin, sink)
        case .bolts: Self.layer(BoltSchema.decode(node, context), into: &bolts, &references, "bolt", plugin, sink)
        case .runics: Self.layer(RunicSchema.decode(node, context), into: &runics, &references, "runic", plugin, sink)
        case .manifest:
            _ = ManifestSchema.decode(node, folder: "", context)
        }
    }

    private static func layer<T>(
        _ decoded: Decoded<T>,
        into kinds: inout Kinds<T>,
        _ references: inout [(reference: Reference, file: String, entry: String?)],
        _ label: String,
        _ plugin: String,
        _ sink: DiagnosticSink
    ) {
        guard let id = decoded.id else { return }
        references += decoded.references.map { ($0, decoded.file, id) }
        guard let i = kinds.index[id] else {
            kinds.index[id] = kinds.entries.count
            kinds.entries.append(Entry(decoded: decoded, plugin: plugin))
            return
        }
        let earlier = kinds.entries[i]
        if earlier.plugin == plugin {
            sink.error(
                decoded.mark,
                "duplicate \(label) id '\(id)'; it is also defined at \(earlier.decoded.file):\(earlier.decoded.mark)",
                entry: id,
                hint: "ids are unique within a plugin; rename one of the two"
            )
        } else {
            sink.warning(
                decoded.mark,
                "\(label) '\(id)' from plugin '\(plugin)' replaces the one from plugin '\(earlier.plugin)' (\(earlier.decoded.file):\(earlier.decoded.mark))",
                entry: id
            )
            kinds.entries[i] = Entry(decoded: decoded, plugin: plugin)
        }
    }

    private static func replaceSingle<T: SingleFile>(_ slot: inout Placed<T>?, _ new: Placed<T>, _ what: String, _ mark: Mark, _ sink: DiagnosticSink)
    {
        if let old = slot {
            let oldFile = old.value.file
            if old.plugin == new.plugin {
                sink.error(
                    mark,
                    "\(what) content is already given by \(oldFile) in plugin '\(new.plugin)'",
                    hint: "a plugin gives its \(what) in one file"
                )
                return
            }
            sink.warning(mark, "\(what) from plugin '\(new.plugin)' replaces the one from plugin '\(old.plugin)' (\(oldFile))")
        }
        slot = new
    }
}

/// A file kind of which the loaded content keeps one: the last plugin's wins.
protocol SingleFile {
    var file: String { get }
}

extension SpawnsSchema.File: SingleFile {}
extension PlayerSchema.File: SingleFile {}
extension AppearancesSchema.File: SingleFile {}
