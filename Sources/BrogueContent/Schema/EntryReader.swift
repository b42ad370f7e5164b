/// Reads one YAML mapping against its schema table, reporting every problem to the sink.
///
/// Creating a reader checks the keys (not a mapping, unknown keys with a did-you-mean,
/// duplicate keys, missing required fields); each typed getter then reads one field, falling
/// back to the table's default, and reports a wrong type or an out-of-range value at the
/// value's position.
struct EntryReader {
    let table: ContentSchema.Table
    let sink: DiagnosticSink
    let node: YNode
    /// How messages name this mapping: "monster 'goblin'".
    let label: String
    /// The id of the entry, for `Diagnostic.entry`.
    let entry: String?
    private var given: [String: YNode.Pair] = [:]
    private let errorsAtStart: Int

    /// - Parameters:
    ///   - what: the mapping's kind in messages ("monster", "damage of monster 'goblin'").
    ///   - idKey: a key whose value names the entry in messages ("id", or "monster" in a spawn entry).
    ///   - entry: the entry id to attach to diagnostics when `idKey` does not give one.
    init?(_ node: YNode, table: ContentSchema.Table, what: String, idKey: String? = nil, entry: String? = nil, sink: DiagnosticSink) {
        self.table = table
        self.sink = sink
        self.node = node
        errorsAtStart = sink.errorCount
        guard case .mapping(let pairs) = node.value else {
            sink.error(
                node.mark,
                "expected a mapping of \(what) fields, found \(node.foundDescription)",
                entry: entry,
                hint: "write one 'key: value' line per field"
            )
            return nil
        }
        var id = entry
        if let idKey, let pair = pairs.first(where: { $0.key.scalar == idKey }), let s = pair.value.scalar, !pair.value.isNull {
            id = s.clipped
            label = "\(what) '\(s.clipped)'"
        } else {
            label = what
        }
        self.entry = id
        let names = table.fields.map(\.name)
        for pair in pairs {
            guard let key = pair.key.scalar, !pair.key.isNull else {
                sink.error(
                    pair.key.mark,
                    "a key in \(label) is \(pair.key.foundDescription), not a field name",
                    entry: id,
                    hint: "keys are field names such as '\(names[0])'"
                )
                continue
            }
            if let first = given[key] {
                sink.error(
                    pair.key.mark,
                    "duplicate key '\(key.clipped)' in \(label); it is first given at \(first.key.mark)",
                    entry: id,
                    hint: "remove one of the two"
                )
                continue
            }
            guard table.field(key) != nil else {
                sink.error(
                    pair.key.mark,
                    "unknown key '\(key.clipped)' in \(label)",
                    entry: id,
                    hint: DidYouMean.hint(for: key, among: names) ?? "known keys: \(names.joined(separator: ", "))"
                )
                continue
            }
            given[key] = pair
        }
        for field in table.fields where field.required && given[field.name] == nil {
            sink.error(node.mark, "missing required field '\(field.name)' in \(label)", entry: id, hint: "add '\(field.name): <\(field.type)>'")
        }
    }

    /// Whether any error was reported since this reader was made (its own and its getters').
    var hasErrors: Bool { sink.errorCount > errorsAtStart }

    /// Whether the file gives the field.
    func has(_ name: String) -> Bool { given[name] != nil }

    /// The position of the field's value, or of the mapping when the field is not given.
    func mark(_ name: String) -> Mark { given[name]?.value.mark ?? node.mark }

    /// The position of the field's key, or of the mapping when the field is not given.
    func keyMark(_ name: String) -> Mark { given[name]?.key.mark ?? node.mark }

    /// The given value, or the table's default parsed as YAML; nil when there is neither.
    func valueNode(_ name: String) -> (YNode, ContentSchema.Field)? {
        guard let field = table.field(name) else {
            preconditionFailure("field '\(name)' is not in table '\(table.name)'")
        }
        if let pair = given[name] { return (pair.value, field) }
        if case .value(let text) = field.presence { return (Self.defaultNode(text), field) }
        return nil
    }

    /// Reports an error about this entry.
    func error(_ mark: Mark, _ message: String, hint: @autoclosure () -> String? = nil) {
        sink.error(mark, message, entry: entry, hint: hint())
    }

    /// Reports a warning about this entry.
    func warning(_ mark: Mark, _ message: String, hint: @autoclosure () -> String? = nil) {
        sink.warning(mark, message, entry: entry, hint: hint())
    }

    /// "'hp' in monster 'goblin'".
    func field(_ name: String) -> String { "'\(name)' in \(label)" }

    private static func defaultNode(_ text: String) -> YNode {
        let scratch = DiagnosticSink(file: "<default>", cap: 1)
        if case .document(let node) = YAMLComposer(limits: .default).compose(Array(text.utf8), sink: scratch) { return node }
        return YNode(value: .scalar(text, plain: true), mark: .start, weight: 1, height: 1)
    }
}
