/// Layering of entries with ids across plugins: a later plugin may replace an entry whole
/// (`override: true`) or change some of its fields (`patch: true`); anything else with an id
/// already taken is an error naming both files.
///
/// Files of these kinds are read first, laid over one another as YAML trees, and only then
/// decoded, so a patched entry is checked exactly as if it had been written whole, and every
/// problem is still reported in the file (and at the line) that wrote the field.
struct Layers {
    enum Mode: String, Sendable {
        case define = "defined"
        case override = "overridden"
        case patch = "patched"
    }

    /// One file's entry, with `override`/`patch` taken out.
    struct Layer: Sendable {
        var node: YNode
        var file: String
        var plugin: String
        var mode: Mode
        var idMark: Mark
        var modeMark: Mark
    }

    /// An id's layers, first definition (or last override) first.
    struct Slot: Sendable {
        var kind: ContentKind
        var id: String
        var layers: [Layer]
    }

    var slots: [Slot] = []
    var index: [ContentKind: [String: Int]] = [:]

    /// Kinds whose files hold one entry named by an `id` field: the ones layered by id.
    static let kinds: Set<ContentKind> = Set(
        ContentKind.contentKinds.filter { kind in
            guard let id = ContentLoader.schema(for: kind).tables.first?.field("id"), case .id = id.valueType else { return false }
            return true
        }
    )

    static let keys = ["override", "patch"]

    /// The kind's name in messages ("monster").
    static func label(_ kind: ContentKind) -> String { ContentLoader.schema(for: kind).tables.first?.name ?? kind.rawValue }
}

extension Assembly {
    /// Takes a file's entry apart into a layer, or decodes it at once when it cannot be layered
    /// (not a mapping, no usable id): the decoder then reports what is wrong.
    mutating func collect(kind: ContentKind, node: YNode, plugin: String, sink: DiagnosticSink) {
        guard case .mapping(let pairs) = node.value else { return add(kind: kind, node: node, plugin: plugin, sink: sink) }
        var kept: [YNode.Pair] = []
        var flags: [String: (Bool, Mark)] = [:]
        var unusable = false
        for pair in pairs {
            guard let key = pair.key.scalar, Layers.keys.contains(key), flags[key] == nil else {
                kept.append(pair)
                continue
            }
            if let b = pair.value.plainBool {
                flags[key] = (b, pair.key.mark)
            } else {
                sink.error(pair.value.mark, "expected true or false for '\(key)', found \(pair.value.foundDescription)")
                unusable = true
            }
        }
        // Unsure whether the entry replaces, changes or defines, nothing is guessed.
        guard !unusable else {
            unreadable[kind, default: []].insert(FileContext(sink: sink).baseName)
            return
        }
        let stripped = YNode(value: .mapping(kept), mark: node.mark, weight: node.weight, height: node.height)
        let override = flags["override"].map { $0.0 } ?? false
        let patch = flags["patch"].map { $0.0 } ?? false
        if override && patch {
            sink.error(
                flags["patch"]?.1 ?? node.mark,
                "'override' and 'patch' are both true",
                hint: "override replaces the whole entry; patch changes only the fields given; keep one"
            )
            return
        }
        let idPair = kept.first { $0.key.scalar == "id" }
        guard let idNode = idPair?.value, let id = idNode.scalar, !idNode.isNull, EntryReader.isKebabID(id) else {
            if patch {
                sink.error(
                    node.mark,
                    "a patch names the \(Layers.label(kind)) it changes with 'id'",
                    hint: "add 'id: <the \(Layers.label(kind))'s id>'"
                )
                return
            }
            return add(kind: kind, node: stripped, plugin: plugin, sink: sink)
        }
        let mode: Layers.Mode = override ? .override : patch ? .patch : .define
        let modeMark = flags[override ? "override" : "patch"]?.1 ?? idNode.mark
        let layer = Layers.Layer(node: stripped, file: sink.file, plugin: plugin, mode: mode, idMark: idNode.mark, modeMark: modeMark)
        pending.append((kind, id, layer))
    }

    /// Lays the collected entries over one another, in the order they were read.
    /// - Parameter alone: a file checked on its own: there is nothing to override or patch.
    mutating func resolveLayers(_ session: LoadSession, alone: Bool = false) {
        for (kind, id, layer) in pending {
            let label = Layers.label(kind)
            guard let i = layers.index[kind]?[id] else {
                if layer.mode != .define && !alone {
                    if unreadable[kind]?.contains(id) == true { continue }
                    let known = (layers.index[kind] ?? [:]).keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                    session.error(
                        layer.file,
                        layer.modeMark,
                        "'\(layer.mode == .override ? "override" : "patch"): true' for \(label) '\(id)', but no plugin loaded before '\(layer.plugin)' defines it",
                        entry: id,
                        hint: DidYouMean.hint(for: id, among: known)
                            ?? "list the plugin that defines it under 'depends' so it loads first, or remove '\(layer.mode == .override ? "override" : "patch")' to add a new \(label)"
                    )
                    continue
                }
                layers.index[kind, default: [:]][id] = layers.slots.count
                layers.slots.append(Layers.Slot(kind: kind, id: id, layers: [layer]))
                continue
            }
            let earlier = layers.slots[i].layers.last!
            switch layer.mode {
            case .define:
                if earlier.plugin == layer.plugin {
                    session.error(
                        layer.file,
                        layer.idMark,
                        "duplicate \(label) id '\(id)'; it is also defined at \(earlier.file):\(earlier.idMark)",
                        entry: id,
                        hint: "ids are unique within a plugin; rename one of the two"
                    )
                } else {
                    session.error(
                        layer.file,
                        layer.idMark,
                        "\(label) '\(id)' is already defined by plugin '\(earlier.plugin)' (\(earlier.file):\(earlier.idMark))",
                        entry: id,
                        hint: "write 'override: true' to replace it, or 'patch: true' with only the fields to change; or rename it"
                    )
                }
            case .override, .patch:
                if layers.slots[i].layers.contains(where: { $0.plugin == layer.plugin }) {
                    session.error(
                        layer.file,
                        layer.modeMark,
                        "plugin '\(layer.plugin)' already gives \(label) '\(id)' (\(earlier.file):\(earlier.idMark)); a plugin overrides or patches only other plugins' entries",
                        entry: id,
                        hint: "change that file instead"
                    )
                } else if layer.mode == .override {
                    layers.slots[i].layers = [layer]
                } else {
                    layers.slots[i].layers.append(layer)
                }
            }
        }
        pending = []
    }

    /// Decodes every id's final entry, in the order ids were first defined.
    mutating func decodeLayers(_ session: LoadSession) {
        for slot in layers.slots {
            let last = slot.layers[slot.layers.count - 1]
            guard slot.layers.count > 1 else {
                session.withSink(last.file) { sink in add(kind: slot.kind, node: last.node, plugin: last.plugin, sink: sink) }
                continue
            }
            let (merged, origins) = Self.merge(slot.layers)
            var route: [Mark: String] = [:]
            for (pair, layer) in zip(pairs(merged), origins) {
                Self.marks(of: pair.key) { route[$0] = layer.file }
                Self.marks(of: pair.value) { route[$0] = layer.file }
            }
            route[merged.mark] = last.file
            let scratch = DiagnosticSink(file: last.file, cap: session.limits.maxDiagnosticsPerFile)
            let before = references.count
            add(kind: slot.kind, node: merged, plugin: last.plugin, sink: scratch)
            for i in before..<references.count { references[i].file = route[references[i].reference.mark] ?? last.file }
            for var d in scratch.finish() {
                d.file = route[Mark(line: d.line, column: d.column)] ?? last.file
                session.append(d)
            }
        }
    }

    /// Checks a lone patch file's keys (its values are checked when its plugin is loaded whole).
    static func checkLonePatches(_ slots: [Layers.Slot], _ session: LoadSession) {
        for slot in slots {
            for layer in slot.layers where layer.mode == .patch {
                guard let table = ContentLoader.schema(for: slot.kind).tables.first else { continue }
                let relaxed = ContentSchema.Table(
                    name: table.name,
                    fields: table.fields.map { .init($0.name, $0.valueType, $0.required ? .optional : $0.presence, $0.meaning) }
                )
                session.withSink(layer.file) { sink in
                    _ = EntryReader(layer.node, table: relaxed, what: "patch of \(table.name)", idKey: "id", sink: sink)
                }
            }
        }
    }

    /// The first layer's fields, each replaced (in place) or added (at the end) by the patches
    /// after it; with the layer each field came from.
    static func merge(_ layers: [Layers.Layer]) -> (YNode, [Layers.Layer]) {
        var fields: [YNode.Pair] = []
        var origins: [Layers.Layer] = []
        for layer in layers {
            guard case .mapping(let pairs) = layer.node.value else { continue }
            for pair in pairs {
                if let i = fields.firstIndex(where: { $0.key.scalar != nil && $0.key.scalar == pair.key.scalar }) {
                    fields[i] = pair
                    origins[i] = layer
                } else {
                    fields.append(pair)
                    origins.append(layer)
                }
            }
        }
        let last = layers[layers.count - 1].node
        let weight = 1 + fields.reduce(0) { $0 + $1.key.weight + $1.value.weight }
        let height = 1 + (fields.map { max($0.key.height, $0.value.height) }.max() ?? 0)
        return (YNode(value: .mapping(fields), mark: last.mark, weight: weight, height: height), origins)
    }

    private func pairs(_ node: YNode) -> [YNode.Pair] {
        if case .mapping(let p) = node.value { return p }
        return []
    }

    /// Every position in a subtree (aliases are shared nodes, so their marks repeat harmlessly).
    static func marks(of node: YNode, _ visit: (Mark) -> Void) {
        var stack = [node]
        while let n = stack.popLast() {
            visit(n.mark)
            switch n.value {
            case .scalar: break
            case .sequence(let items): stack += items
            case .mapping(let pairs):
                for p in pairs {
                    stack.append(p.key)
                    stack.append(p.value)
                }
            }
        }
    }
}
