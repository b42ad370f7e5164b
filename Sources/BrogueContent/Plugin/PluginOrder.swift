/// Load order from `depends`: every plugin after the plugins it depends on, ties broken by id
/// (in byte order), so the order is the same whatever order the folders were found in.
///
/// A missing dependency, a version outside the range asked for, or a cycle refuses the plugins
/// concerned, and then every plugin that depends on a refused one.
struct PluginOrder {
    /// The plugins in load order.
    var order: [PluginFolder] = []
    /// Refused plugins, by id, with the reason at the place in their manifest that causes it.
    var refused: [(plugin: PluginFolder, reason: Diagnostic)] = []

    /// - Parameters:
    ///   - plugins: plugins with distinct ids, in the order found.
    ///   - unavailable: ids of plugins found but already refused, with why.
    init(_ plugins: [PluginFolder], unavailable: [String: String]) {
        var byID: [String: PluginFolder] = [:]
        for p in plugins { byID[p.manifest.id] = p }
        var refusedIDs: [String: String] = unavailable
        var remaining = Set(plugins.map(\.manifest.id))

        func refuse(_ p: PluginFolder, at mark: Mark, _ message: String, hint: String?) {
            refused.append((p, p.diagnostic(.error, at: mark, message, hint: hint)))
            refusedIDs[p.manifest.id] = message
            remaining.remove(p.manifest.id)
        }

        // Missing dependencies and versions out of range.
        for p in plugins {
            for (i, dep) in p.manifest.depends.enumerated() {
                let mark = p.manifestMarks.dependencyMarks.indices.contains(i) ? p.manifestMarks.dependencyMarks[i] : .start
                if let other = byID[dep.id] {
                    guard let version = SemanticVersion(other.manifest.version), dep.range.contains(version) else {
                        refuse(
                            p,
                            at: mark,
                            "plugin '\(p.manifest.id)' needs '\(dep.id)' \(dep.range), but '\(dep.id)' is version \(other.manifest.version) (\(other.manifest.folder))",
                            hint: "load a version of '\(dep.id)' in that range, or change the range under 'depends'"
                        )
                        break
                    }
                } else if let why = unavailable[dep.id] {
                    refuse(p, at: mark, "plugin '\(p.manifest.id)' depends on '\(dep.id)', which was not loaded: \(why)", hint: nil)
                    break
                } else {
                    let known = byID.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                    refuse(
                        p,
                        at: mark,
                        "plugin '\(p.manifest.id)' depends on '\(dep.id)', which is not among the plugins found",
                        hint: DidYouMean.hint(for: dep.id, among: known)
                            ?? "add the folder of '\(dep.id)' to BROGUE_PLUGIN_PATH or to 'plugins:' in brogue.yaml"
                    )
                    break
                }
            }
        }

        func refuseDependents() {
            var changed = true
            while changed {
                changed = false
                for p in plugins where remaining.contains(p.manifest.id) {
                    guard let (i, dep) = p.manifest.depends.enumerated().first(where: { refusedIDs[$0.element.id] != nil }) else { continue }
                    let mark = p.manifestMarks.dependencyMarks.indices.contains(i) ? p.manifestMarks.dependencyMarks[i] : .start
                    refuse(p, at: mark, "plugin '\(p.manifest.id)' depends on '\(dep.id)', which was not loaded: \(refusedIDs[dep.id]!)", hint: nil)
                    changed = true
                }
            }
        }
        refuseDependents()

        var placed: Set<String> = []
        while !remaining.isEmpty {
            let ready = remaining.filter { id in byID[id]!.manifest.depends.allSatisfy { placed.contains($0.id) } }
            if let next = ready.min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                order.append(byID[next]!)
                placed.insert(next)
                remaining.remove(next)
                continue
            }
            // Everything left waits on something left: follow unplaced dependencies from the
            // smallest id until one repeats, which closes a cycle.
            var path: [String] = []
            var current = remaining.min { $0.utf8.lexicographicallyPrecedes($1.utf8) }!
            while !path.contains(current) {
                path.append(current)
                current = byID[current]!.manifest.depends.first { remaining.contains($0.id) }!.id
            }
            let cycle = Array(path[path.firstIndex(of: current)!...])
            let text = (cycle + [cycle[0]]).joined(separator: " -> ")
            for (k, id) in cycle.enumerated() {
                let p = byID[id]!
                let next = cycle[(k + 1) % cycle.count]
                let i = p.manifest.depends.firstIndex { $0.id == next } ?? 0
                let mark = p.manifestMarks.dependencyMarks.indices.contains(i) ? p.manifestMarks.dependencyMarks[i] : .start
                refuse(p, at: mark, "plugins depend on each other in a cycle: \(text)", hint: "remove one of these dependencies")
            }
            refuseDependents()
        }
    }
}
