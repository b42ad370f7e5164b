import BrogueCore
import Foundation

/// One load of a plugin set, phase by phase: manifests, load order, libraries, content. Each phase
/// refuses the plugins it cannot take; a plugin refused once its manifest was read is `dropped`, so
/// the plugins that depend on it are refused in turn.
struct SetLoader {
    let limits: ContentLimits
    /// A library that is not there is a warning rather than a refusal.
    let validating: Bool
    /// One per plugin folder, in the order found.
    private var statuses: [PluginStatus] = []
    /// What stops the load: the diagnostics of required plugins that were refused.
    private var fatal: [Diagnostic] = []
    private var warnings: [Diagnostic] = []
    /// The status of each plugin whose manifest was read, by id.
    private var statusByID: [String: Int] = [:]
    /// Why each plugin refused after its manifest was read was refused, by id.
    private var dropped: [String: String] = [:]
    /// Checks assembled content against what the libraries registered (see `ContentLoader.load(_:link:check:)`).
    private var check: (LoadedContent) -> [Diagnostic] = { _ in [] }

    /// Loads `found` (see `ContentLoader.load(_:link:)`).
    static func load(
        _ found: [PluginCandidate],
        limits: ContentLimits,
        validating: Bool,
        link: (PluginLibrary) -> String?,
        check: @escaping (LoadedContent) -> [Diagnostic]
    ) -> PluginSetReport {
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
        var loader = SetLoader(limits: limits, validating: validating)
        loader.check = check
        let read = loader.readManifests(unique(found))
        var active = loader.linkLibraries(loader.order(read), link: link)
        let content = loader.assemble(&active)
        return loader.report(content, active: active)
    }

    /// `found` with each folder once (by its real path), required if any of its finds was.
    private static func unique(_ found: [PluginCandidate]) -> [PluginCandidate] {
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
        return candidates
    }

    private mutating func refuse(_ i: Int, _ diagnostics: [Diagnostic]) {
        statuses[i].refusal = diagnostics.first { $0.severity == .error } ?? diagnostics.first
        statuses[i].diagnostics += diagnostics
        if statuses[i].candidate.required { fatal += diagnostics }
    }

    /// Refuses `p` and keeps `reason` for the plugins that depend on it.
    private mutating func drop(_ p: PluginFolder, _ diagnostics: [Diagnostic], reason: String) {
        refuse(index(p), diagnostics)
        dropped[p.manifest.id] = reason
    }

    private func index(_ p: PluginFolder) -> Int { statusByID[p.manifest.id]! }

    /// Reads every candidate's manifest; one plugin per id, the first found.
    /// - Returns: the plugins read, in the order found.
    private mutating func readManifests(_ candidates: [PluginCandidate]) -> [PluginFolder] {
        var read: [PluginFolder] = []
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
            if let other = read.first(where: { $0.manifest.id == plugin.manifest.id }) {
                let clash = plugin.diagnostic(
                    .error,
                    at: plugin.manifestMarks.idMark,
                    "plugin id '\(plugin.manifest.id)' is also the id of \(other.manifestFile)",
                    hint: "load each plugin once; give different plugins different ids"
                )
                refuse(i, [clash])
                continue
            }
            statusByID[plugin.manifest.id] = i
            warnings += diagnostics
            read.append(plugin)
        }
        return read
    }

    /// Orders the plugins read by `depends`, refusing those whose dependencies cannot be met.
    private mutating func order(_ read: [PluginFolder]) -> [PluginFolder] {
        var unavailable: [String: String] = [:]
        for s in statuses where !s.isLoaded {
            if let id = s.manifest?.id, statusByID[id] == nil, let why = s.refusal { unavailable[id] = why.message }
        }
        let order = PluginOrder(read, unavailable: unavailable)
        for (p, reason) in order.refused { refuse(index(p), [reason]) }
        return order.order
    }

    /// Finds and links each plugin's library, in load order, so a plugin never
    /// runs before the plugins it depends on.
    /// - Returns: the plugins still standing, in load order.
    private mutating func linkLibraries(_ order: [PluginFolder], link: (PluginLibrary) -> String?) -> [PluginFolder] {
        var active: [PluginFolder] = []
        for p in order {
            if let d = dependencyDropped(p) {
                drop(p, [d], reason: d.message)
            } else if p.manifest.library == nil || takeLibrary(of: p, link: link) {
                active.append(p)
            }
        }
        return active
    }

    /// Locates (and links) `p`'s library.
    /// - Returns: false when `p` was refused for it.
    private mutating func takeLibrary(of p: PluginFolder, link: (PluginLibrary) -> String?) -> Bool {
        func problem(_ severity: Diagnostic.Severity, _ message: String, _ hint: String?) -> Diagnostic {
            p.diagnostic(severity, at: p.manifestMarks.libraryMark, message, hint: hint)
        }
        switch PluginLibrary.locate(p.manifest) {
        case .failure(let r):
            guard !validating else {
                warnings.append(problem(.warning, r.message + "; the plugin is refused until it is", r.hint))
                return true
            }
            drop(p, [problem(.error, r.message, r.hint)], reason: r.message)
            return false
        case .success(let library):
            statuses[index(p)].library = library
            if let reason = link(library) {
                drop(p, [problem(.error, reason, nil)], reason: reason)
                return false
            }
            return true
        }
    }

    /// Why `p` cannot load: the first of its dependencies that was dropped.
    private func dependencyDropped(_ p: PluginFolder) -> Diagnostic? {
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

    /// Assembles the content of `active`. A plugin that is not required and whose files have errors
    /// is dropped (with the plugins that depend on it) and the rest are assembled again, at most
    /// once per plugin.
    /// - Returns: the content, or nil when the load stops.
    private mutating func assemble(_ active: inout [PluginFolder]) -> LoadedContent? {
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
                return nil
            }
            let (content, diagnostics) = assembleOnce(active)
            if let content { return content }
            guard let blamed = blame(diagnostics, among: active) else {
                fatal += diagnostics
                return nil
            }
            active = dropFirstCulprit(blamed, from: active)
        }
        return nil
    }

    /// One assembly of `active`'s files into a catalog.
    /// - Returns: the content when it has no errors, and every diagnostic of the assembly.
    private func assembleOnce(_ active: [PluginFolder]) -> (LoadedContent?, [Diagnostic]) {
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
        guard let catalog, !session.hasErrors else { return (nil, diagnostics) }
        let plugins = active.map { p in
            LoadedPlugin(manifest: p.manifest, candidate: statuses[index(p)].candidate, library: statuses[index(p)].library)
        }
        var loaded = LoadedContent(catalog: catalog, plugins: plugins, warnings: [], layers: assembly.layers)
        loaded.catalog = catalog.covering(loaded.contentSet)
        let checked = check(loaded)
        guard !checked.contains(where: { $0.severity == .error }) else { return (nil, diagnostics + checked) }
        loaded.warnings = warnings + diagnostics + checked
        return (loaded, diagnostics + checked)
    }

    /// The errors of `diagnostics` by the id of the plugin whose folder holds their file (the
    /// innermost), or nil when there are none or one belongs to a required plugin or to none.
    private func blame(_ diagnostics: [Diagnostic], among active: [PluginFolder]) -> [String: [Diagnostic]]? {
        var blamed: [String: [Diagnostic]] = [:]
        for d in diagnostics where d.severity == .error {
            let owner = active.filter { p in d.file == p.manifestFile || d.file.hasPrefix(LoadSession.join(p.manifest.folder, "")) }
                .max { $0.manifest.folder.count < $1.manifest.folder.count }
            guard let owner, !statuses[index(owner)].candidate.required else { return nil }
            blamed[owner.manifest.id, default: []].append(d)
        }
        return blamed.isEmpty ? nil : blamed
    }

    /// Drops the first plugin of `active` (in load order) with errors, and the plugins that depend
    /// on it. Only one at a time: its errors may be what makes a later plugin's entries clash or dangle.
    /// - Returns: the plugins kept.
    private mutating func dropFirstCulprit(_ blamed: [String: [Diagnostic]], from active: [PluginFolder]) -> [PluginFolder] {
        let culprit = active.first { blamed[$0.manifest.id] != nil }!
        var kept: [PluginFolder] = []
        for p in active {
            if p.manifest.id == culprit.manifest.id, let problems = blamed[p.manifest.id] {
                drop(p, problems, reason: problems[0].description)
            } else if let d = dependencyDropped(p) {
                drop(p, [d], reason: d.message)
            } else {
                kept.append(p)
            }
        }
        return kept
    }

    /// The report: loaded plugins in load order, then any read but not reached, then the refused.
    private func report(_ content: LoadedContent?, active: [PluginFolder]) -> PluginSetReport {
        let loadedOrder = content?.plugins.map { statusByID[$0.manifest.id]! } ?? active.map(index)
        let refusedOrder = statuses.indices.filter { !statuses[$0].isLoaded }
        let unreached = statuses.indices.filter { statuses[$0].isLoaded && !loadedOrder.contains($0) }
        let ordered = (loadedOrder + unreached + refusedOrder).map { statuses[$0] }
        return PluginSetReport(plugins: ordered, content: content, diagnostics: content == nil ? fatal + warnings : content!.warnings)
    }
}
