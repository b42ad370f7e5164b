import BrogueCore

/// A place where content names something a plugin's library provides: a monster's `behaviour`,
/// an item's `effect` (or its native effect's `native` and `then`), a generator's `stages`.
public struct NativeReference: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case behaviour
        case effect
        case native
        case stage
    }

    public var kind: Kind
    /// The name as written, `<plugin-id>.<name>`.
    public var name: String
    /// What names it, as messages say it ("monster 'ice-wisp'").
    public var owner: String
    /// For a native: how many arguments the content passes.
    public var argumentCount: Int
    /// The plugin whose file wrote the name, and where.
    public var origin: ContentEntry.Origin

    /// The plugin the name belongs to (the part before the dot).
    public var pluginID: String { String(name.split(separator: ".", maxSplits: 1).first ?? "") }
}

/// What the loaded native libraries registered, as plain names, for checking references.
public struct RegisteredNatives: Sendable {
    /// A native function as content may call it.
    public struct Function: Sendable {
        public var arity: Int
        /// Why content cannot call it (it takes a string, say); nil when it can.
        public var unusableReason: String?
        public init(arity: Int, unusableReason: String?) {
            self.arity = arity
            self.unusableReason = unusableReason
        }
    }

    public var behaviours: [String] = []
    public var effects: [String] = []
    public var stages: [String] = []
    public var natives: [String: Function] = [:]
    /// Plugins whose library was not opened (not built yet, while validating): references to
    /// their names cannot be checked.
    public var unchecked: Set<String> = []

    public init() {}

    func names(_ kind: NativeReference.Kind) -> [String] {
        switch kind {
        case .behaviour: behaviours
        case .effect: effects
        case .stage: stages
        case .native: natives.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }
}

extension LoadedContent {
    /// Every name of a plugin's rule the content uses, in catalog order, each with the file and
    /// place that wrote it.
    public var nativeReferences: [NativeReference] {
        var out: [NativeReference] = []
        for slot in layers.slots {
            let (merged, origins) = Assembly.merge(slot.layers)
            guard case .mapping(let pairs) = merged.value else { continue }
            let owner = "\(Layers.label(slot.kind)) '\(slot.id)'"
            for (pair, layer) in zip(pairs, origins) {
                func add(_ kind: NativeReference.Kind, _ node: YNode, arguments: Int = 0) {
                    guard let name = node.scalar, name.contains(".") else { return }
                    let origin = ContentEntry.Origin(plugin: layer.plugin, file: layer.file, line: node.mark.line, column: node.mark.column)
                    out.append(NativeReference(kind: kind, name: name, owner: owner, argumentCount: arguments, origin: origin))
                }
                switch (slot.kind, pair.key.scalar) {
                case (.monsters, "behaviour"?): add(.behaviour, pair.value)
                case (.items, "effect"?):
                    guard case .mapping(let fields) = pair.value.value else {
                        add(.effect, pair.value)
                        continue
                    }
                    let args = fields.first { $0.key.scalar == "args" }.map { a -> Int in
                        if case .sequence(let items) = a.value.value { return items.count }
                        return 0
                    }
                    if let native = fields.first(where: { $0.key.scalar == "native" }) { add(.native, native.value, arguments: args ?? 0) }
                    if let then = fields.first(where: { $0.key.scalar == "then" }) { add(.effect, then.value) }
                case (.generators, "stages"?):
                    if case .sequence(let items) = pair.value.value { for item in items { add(.stage, item) } }
                default: continue
                }
            }
        }
        return out
    }

    /// The references no loaded library answers, each an error at the place that wrote it with
    /// the nearest registered name; a reference to a plugin whose library was not opened is a
    /// warning saying it was not checked.
    /// - Parameter registered: what the libraries of the loaded plugins registered.
    public func unresolvedReferences(_ registered: RegisteredNatives) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let loaded = Set(plugins.map(\.manifest.id))
        for ref in nativeReferences {
            let what = ref.kind == .native ? "native" : ref.kind == .stage ? "generator stage" : "\(ref.kind.rawValue)"
            func report(_ severity: Diagnostic.Severity, _ message: String, _ hint: String?) {
                let o = ref.origin
                out.append(Diagnostic(severity: severity, file: o.file, line: o.line, column: o.column, message: message, hint: hint))
            }
            if registered.unchecked.contains(ref.pluginID) {
                report(
                    .warning,
                    "\(ref.owner) names \(what) '\(ref.name)', not checked: plugin '\(ref.pluginID)' has no library built yet",
                    "build the library and validate again"
                )
                continue
            }
            if ref.kind == .native, let f = registered.natives[ref.name] {
                if let reason = f.unusableReason {
                    report(.error, "\(ref.owner) calls native '\(ref.name)', which content cannot call: \(reason)", nil)
                } else if f.arity != ref.argumentCount {
                    report(
                        .error,
                        "\(ref.owner) passes \(ref.argumentCount) argument(s) to native '\(ref.name)', which takes \(f.arity)",
                        "give 'args' \(f.arity) value(s)"
                    )
                }
                continue
            }
            let names = registered.names(ref.kind)
            guard !names.contains(ref.name) else { continue }
            let registers = ref.kind == .native ? "declares in its 'natives'" : "registers"
            report(.error, "\(ref.owner) names \(what) '\(ref.name)', which no loaded plugin \(registers)", Self.hint(ref, names, loaded))
        }
        return out
    }

    private static func hint(_ ref: NativeReference, _ names: [String], _ loaded: Set<String>) -> String {
        if let near = DidYouMean.suggestion(for: ref.name, among: names) {
            return "did you mean '\(near)'? plugin '\(near.split(separator: ".")[0])' registers it"
        }
        let own = names.filter { $0.hasPrefix(ref.pluginID + ".") }
        if !own.isEmpty { return "plugin '\(ref.pluginID)' registers \(own.map { "'\($0)'" }.joined(separator: ", "))" }
        if loaded.contains(ref.pluginID) {
            return "plugin '\(ref.pluginID)' registers no \(ref.kind.rawValue) of that name; brogue plugin list shows what each plugin registers"
        }
        return "no plugin '\(ref.pluginID)' is loaded; add it to depends, or see brogue plugin list for what each plugin registers"
    }
}
