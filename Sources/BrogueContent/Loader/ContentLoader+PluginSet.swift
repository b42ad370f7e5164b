import BrogueCore
import Foundation

/// What loading a set of plugins gave: each plugin's fate, and the content when it loaded.
public struct PluginSetReport: Sendable {
    /// Loaded plugins in load order, then refused ones in the order they were found.
    public var plugins: [PluginStatus]
    /// The content, or nil when a required plugin could not be loaded.
    public var content: LoadedContent?
    /// When `content` is nil, every diagnostic of the failed load; else the warnings.
    public var diagnostics: [Diagnostic]
}

/// One plugin folder found, and whether it was loaded.
public struct PluginStatus: Sendable {
    public var candidate: PluginCandidate
    /// Nil when its `plugin.yaml` could not be read.
    public var manifest: PluginManifest?
    /// Its library, when it has one that was found.
    public var library: PluginLibrary?
    /// Why it was not loaded (the first error, naming the place that causes it); nil when it was.
    public var refusal: Diagnostic?
    /// Everything reported about it when it was refused.
    public var diagnostics: [Diagnostic] = []

    public var isLoaded: Bool { refusal == nil }
}

extension ContentLoader {
    /// Loads plugins found on disk: orders them by `depends`, opens native libraries through
    /// `link`, lays their content over one another and builds the catalog.
    ///
    /// A plugin that is not required and cannot be loaded (its manifest, a dependency, its
    /// library or its content is wrong) is skipped with its reason, and so is every plugin that
    /// depends on it; the rest load without it. A required plugin that cannot be loaded stops
    /// the load: `content` is nil and `diagnostics` says everything.
    /// - Parameters:
    ///   - candidates: plugin folders in the order found; a folder found twice counts once.
    ///   - link: opens a library (in load order, once per plugin); returns nil when it loaded, or
    ///     why it was refused.
    public func load(_ candidates: [PluginCandidate], link: (PluginLibrary) -> String? = { _ in nil }) -> PluginSetReport {
        loadSet(candidates, validating: false, link: link)
    }

    /// - Parameter validating: a library that is not there is a warning, and nothing is linked.
    func loadSet(_ found: [PluginCandidate], validating: Bool, link: (PluginLibrary) -> String?) -> PluginSetReport {
        guard !found.isEmpty else {
            let d = Diagnostic(
                severity: .error,
                file: "<plugins>",
                line: 1,
                column: 1,
                message: "no plugin folders given",
                hint: "pass at least the core plugin, content/core"
            )
            return PluginSetReport(plugins: [], content: nil, diagnostics: [d])
        }
        var candidates: [PluginCandidate] = []
        var byPath: [String: Int] = [:]
        for c in found {
            let real = URL(fileURLWithPath: c.folder).standardizedFileURL.resolvingSymlinksInPath().path
            if let i = byPath[real] {
                candidates[i].required = candidates[i].required || c.required
            } else {
                byPath[real] = candidates.count
                candidates.append(c)
            }
        }

        var statuses: [PluginStatus] = []
        var fatal: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        func refuse(_ i: Int, _ diagnostics: [Diagnostic]) {
            statuses[i].refusal = diagnostics.first { $0.severity == .error } ?? diagnostics.first
            statuses[i].diagnostics += diagnostics
            if statuses[i].candidate.required { fatal += diagnostics }
        }

        // Manifests, and one plugin per id.
        var read: [(plugin: PluginFolder, status: Int)] = []
        var statusByID: [String: Int] = [:]
        var filesRead = 0
        for c in candidates {
            let session = LoadSession(limits: limits)
            session.filesRead = filesRead
            let plugin = session.readPlugin(c.folder)
            filesRead = session.filesRead
            let diagnostics = session.allDiagnostics
            let i = statuses.count
            statuses.append(PluginStatus(candidate: c, manifest: plugin?.manifest))
            guard let plugin, !diagnostics.contains(where: { $0.severity == .error }) else {
                refuse(i, diagnostics)
                continue
            }
            if let j = statusByID[plugin.manifest.id], let other = read.first(where: { $0.status == j }) {
                refuse(
                    i,
                    [
                        plugin.diagnostic(
                            .error,
                            at: plugin.manifestMarks.idMark,
                            "plugin id '\(plugin.manifest.id)' is also the id of \(other.plugin.manifestFile)",
                            hint: "load each plugin once; give different plugins different ids"
                        )
                    ]
                )
                continue
            }
            statusByID[plugin.manifest.id] = i
            warnings += diagnostics
            read.append((plugin, i))
        }
        func index(_ p: PluginFolder) -> Int { statusByID[p.manifest.id]! }

        // Load order.
        var unavailable: [String: String] = [:]
        for s in statuses where !s.isLoaded {
            if let id = s.manifest?.id, statusByID[id] == nil, let why = s.refusal { unavailable[id] = why.message }
        }
        let order = PluginOrder(read.map(\.plugin), unavailable: unavailable)
        for (p, reason) in order.refused { refuse(index(p), [reason]) }

        // Libraries, in load order, so a plugin never runs before the plugins it depends on.
        var active: [PluginFolder] = []
        var dropped: [String: String] = [:]
        func dependencyDropped(_ p: PluginFolder) -> Diagnostic? {
            guard let (k, dep) = p.manifest.depends.enumerated().first(where: { dropped[$0.element.id] != nil }) else { return nil }
            let mark = p.manifestMarks.dependencyMarks.indices.contains(k) ? p.manifestMarks.dependencyMarks[k] : .start
            return Diagnostic(
                severity: .error,
                file: p.manifestFile,
                line: mark.line,
                column: mark.column,
                entry: p.manifest.id,
                message: "plugin '\(p.manifest.id)' depends on '\(dep.id)', which was not loaded: \(dropped[dep.id]!)"
            )
        }
        for p in order.order {
            let i = index(p)
            if let d = dependencyDropped(p) {
                refuse(i, [d])
                dropped[p.manifest.id] = d.message
                continue
            }
            if p.manifest.library != nil {
                let mark = p.manifestMarks.libraryMark
                func problem(_ severity: Diagnostic.Severity, _ message: String, _ hint: String?) -> Diagnostic {
                    p.diagnostic(severity, at: mark, message, hint: hint)
                }
                switch PluginLibrary.locate(p.manifest) {
                case .failure(let r):
                    if validating {
                        warnings.append(problem(.warning, r.message + "; the plugin is refused until it is", r.hint))
                    } else {
                        refuse(i, [problem(.error, r.message, r.hint)])
                        dropped[p.manifest.id] = r.message
                        continue
                    }
                case .success(let library):
                    statuses[i].library = library
                    if !validating, let reason = link(library) {
                        refuse(i, [problem(.error, reason, nil)])
                        dropped[p.manifest.id] = reason
                        continue
                    }
                }
            }
            active.append(p)
        }

        // Content: a plugin that is not required and whose files have errors is dropped (with
        // the plugins that depend on it) and the rest are assembled again, at most once per plugin.
        var content: LoadedContent?
        while fatal.isEmpty {
            guard !active.isEmpty else {
                fatal.append(
                    Diagnostic(
                        severity: .error,
                        file: "<plugins>",
                        line: 1,
                        column: 1,
                        message: "no plugin could be loaded",
                        hint: "see the reasons above"
                    )
                )
                break
            }
            let session = LoadSession(limits: limits)
            var assembly = Assembly()
            for p in active {
                assembly.manifests.append(p)
                for (kind, path) in p.files { assembly.add(kind: kind, path: LoadSession.join(p.manifest.folder, path), plugin: p, session: session) }
            }
            assembly.resolveLayers(session)
            assembly.decodeLayers(session)
            let catalog = assembly.catalog(session: session)
            let diagnostics = session.allDiagnostics
            if let catalog, !session.hasErrors {
                let plugins = active.map { p in
                    LoadedPlugin(manifest: p.manifest, candidate: statuses[index(p)].candidate, library: statuses[index(p)].library)
                }
                var loaded = LoadedContent(catalog: catalog, plugins: plugins, warnings: [], layers: assembly.layers)
                loaded.catalog = catalog.covering(loaded.contentSet)
                loaded.warnings = warnings + diagnostics
                content = loaded
                break
            }
            var blamed: [String: [Diagnostic]] = [:]
            var stop = false
            for d in diagnostics where d.severity == .error {
                let owner = active.filter { p in d.file == p.manifestFile || d.file.hasPrefix(LoadSession.join(p.manifest.folder, "")) }
                    .max { $0.manifest.folder.count < $1.manifest.folder.count }
                guard let owner, !statuses[index(owner)].candidate.required else {
                    stop = true
                    break
                }
                blamed[owner.manifest.id, default: []].append(d)
            }
            if stop || blamed.isEmpty {
                fatal += diagnostics
                break
            }
            // Only the first plugin in load order with errors is dropped at a time: its errors may be
            // what makes a later plugin's entries clash or dangle.
            let culprit = active.first { blamed[$0.manifest.id] != nil }!
            var kept: [PluginFolder] = []
            for p in active {
                if p.manifest.id == culprit.manifest.id, let problems = blamed[p.manifest.id] {
                    refuse(index(p), problems)
                    dropped[p.manifest.id] = problems[0].description
                } else if let d = dependencyDropped(p) {
                    refuse(index(p), [d])
                    dropped[p.manifest.id] = d.message
                } else {
                    kept.append(p)
                }
            }
            active = kept
        }

        let loadedOrder = content?.plugins.map { statusByID[$0.manifest.id]! } ?? active.map(index)
        let refusedOrder = statuses.indices.filter { !statuses[$0].isLoaded }
        let unreached = statuses.indices.filter { statuses[$0].isLoaded && !loadedOrder.contains($0) }
        let ordered = (loadedOrder + unreached + refusedOrder).map { statuses[$0] }
        return PluginSetReport(plugins: ordered, content: content, diagnostics: content == nil ? fatal + warnings : content!.warnings)
    }

    /// The plugins of `context` that `given` need, directly or through each other.
    func neededContext(_ given: [PluginCandidate], _ context: [PluginCandidate]) -> [PluginCandidate] {
        func manifest(_ c: PluginCandidate) -> PluginManifest? { LoadSession(limits: limits).readPlugin(c.folder)?.manifest }
        let givenPaths = Set(given.map { URL(fileURLWithPath: $0.folder).standardizedFileURL.resolvingSymlinksInPath().path })
        var provided = Set(given.compactMap { manifest($0)?.id })
        var wanted = given.compactMap { manifest($0) }.flatMap { $0.depends.map(\.id) }
        var available: [String: (PluginCandidate, PluginManifest)] = [:]
        for c in context where !givenPaths.contains(URL(fileURLWithPath: c.folder).standardizedFileURL.resolvingSymlinksInPath().path) {
            if let m = manifest(c), available[m.id] == nil { available[m.id] = (c, m) }
        }
        var out: [PluginCandidate] = []
        while let id = wanted.popLast() {
            guard !provided.contains(id), let (c, m) = available[id] else { continue }
            provided.insert(id)
            out.append(PluginCandidate(folder: c.folder, required: false, source: c.source))
            wanted += m.depends.map(\.id)
        }
        return out
    }
}
