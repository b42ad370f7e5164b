import BrogueCore

extension LoadedContent {
    /// What differs from `old`, entry by entry and field by field, for a person to read:
    /// `monster 'goblin': hp 15 -> 25`, `added item 'elixir'`, `plugins: core, mod -> core`.
    /// - Parameter limit: at most this many lines; past it, one line counts the rest.
    public func changes(from old: LoadedContent, limit: Int = 40) -> [String] {
        var out: [String] = []
        if old.contentSet != contentSet {
            func describe(_ set: [PluginManifest]) -> String { set.map { "\($0.id) \($0.version)" }.joined(separator: ", ") }
            out.append("plugins: \(describe(old.manifests)) -> \(describe(manifests))")
        }
        for kind in ContentEntry.kinds {
            let label = ContentLoader.schema(for: kind).tables.first?.name ?? kind.rawValue
            let before = old.entryIDs(kind)
            let after = entryIDs(kind)
            for id in before where !after.contains(id) { out.append("removed \(label) '\(id)'") }
            for id in after {
                guard let now = entry(kind, id) else { continue }
                guard let then = old.entry(kind, id) else {
                    out.append("added \(label) '\(id)'")
                    continue
                }
                let fields = zip(then.fields, now.fields).filter { $0.value != $1.value }.map { "\($1.name) \($0.value) -> \($1.value)" }
                if !fields.isEmpty { out.append("\(label) '\(id)': " + fields.joined(separator: ", ")) }
            }
        }
        if out.isEmpty && old.catalog.contentHash != catalog.contentHash {
            out.append("spawns, player or appearances changed")
        }
        guard out.count > limit else { return out }
        return Array(out.prefix(limit)) + ["... and \(out.count - limit) more changes"]
    }
}
