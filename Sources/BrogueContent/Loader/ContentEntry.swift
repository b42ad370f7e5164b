/// One loaded entry as YAML-ish text, every field of its kind, with where each field came from.
///
/// ```swift
/// let goblin = loaded.entry(.monsters, "goblin")!
/// print(goblin.render(origins: true))
/// ```
public struct ContentEntry: Sendable {
    /// A place in a plugin's file.
    public struct Origin: Sendable, Hashable {
        public var plugin: String
        public var file: String
        public var line: Int
        public var column: Int
    }

    /// One file laid into the entry: the definition (or override) first, then patches.
    public struct Layer: Sendable, Hashable {
        /// "defined", "overridden" or "patched".
        public var action: String
        public var origin: Origin
    }

    /// One field of the kind's schema.
    public struct Field: Sendable, Hashable {
        public var name: String
        /// The value as YAML (flow style for lists and mappings); the default when not given; `~` when unset.
        public var value: String
        /// Where the value was written; nil when the field took its default or is unset.
        public var origin: Origin?
        /// Whether the field is not given and has no default.
        public var isUnset: Bool
    }

    /// The kinds whose entries have ids and can be shown, overridden and patched.
    public static var kinds: [ContentKind] { ContentKind.contentKinds.filter { Layers.kinds.contains($0) } }

    public var kind: ContentKind
    public var id: String
    public var layers: [Layer]
    /// Every field of the kind's top-level table, in schema order.
    public var fields: [Field]

    init(_ slot: Layers.Slot) {
        kind = slot.kind
        id = slot.id
        layers = slot.layers.map { l in
            Layer(action: l.mode.rawValue, origin: Origin(plugin: l.plugin, file: l.file, line: l.idMark.line, column: l.idMark.column))
        }
        let (merged, origins) = Assembly.merge(slot.layers)
        var given: [String: (YNode.Pair, Layers.Layer)] = [:]
        if case .mapping(let pairs) = merged.value {
            for (pair, layer) in zip(pairs, origins) { if let key = pair.key.scalar { given[key] = (pair, layer) } }
        }
        let table = ContentLoader.schema(for: slot.kind).tables.first
        fields = (table?.fields ?? []).map { field in
            if let (pair, writer) = given[field.name] {
                // Every layer writes the id; the one that defined the entry is the one to name.
                let layer = field.name == "id" ? slot.layers[0] : writer
                let key = field.name == "id" ? (Self.idKeyMark(slot.layers[0].node) ?? pair.key.mark) : pair.key.mark
                let origin = Origin(plugin: layer.plugin, file: layer.file, line: key.line, column: key.column)
                return Field(name: field.name, value: Self.yaml(pair.value), origin: origin, isUnset: false)
            }
            switch field.presence {
            case .value(let text): return Field(name: field.name, value: text, origin: nil, isUnset: false)
            default: return Field(name: field.name, value: "~", origin: nil, isUnset: true)
            }
        }
    }

    /// Where a mapping writes its `id` key.
    private static func idKeyMark(_ node: YNode) -> Mark? {
        guard case .mapping(let pairs) = node.value else { return nil }
        return pairs.first { $0.key.scalar == "id" }?.key.mark
    }

    /// The entry as YAML lines; with `origins`, each line ends with a comment naming the plugin
    /// and `file:line:column` of its value, or saying it is the default.
    public func render(origins: Bool) -> String {
        let width = (fields.map { $0.name.count + 2 + $0.value.count }.max() ?? 0) + 2
        return fields.map { f in
            let line = "\(f.name): \(f.value)"
            guard origins else { return line }
            let note: String
            if let o = f.origin {
                note = "# \(o.plugin)  \(o.file):\(o.line):\(o.column)"
            } else {
                note = f.isUnset ? "# not set" : "# default"
            }
            return line + String(repeating: " ", count: max(1, width - line.count)) + note
        }.joined(separator: "\n")
    }

    /// A node as one line of YAML.
    static func yaml(_ node: YNode) -> String {
        switch node.value {
        case .scalar(let s, let plain):
            if plain { return s.isEmpty ? "~" : s }
            var out = "\""
            for ch in s.unicodeScalars {
                switch ch {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default:
                    if ch.properties.generalCategory == .control {
                        let hex = String(ch.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                    } else {
                        out.unicodeScalars.append(ch)
                    }
                }
            }
            return out + "\""
        case .sequence(let items):
            return "[" + items.map(yaml).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { "\(yaml($0.key)): \(yaml($0.value))" }.joined(separator: ", ") + "}"
        }
    }
}
