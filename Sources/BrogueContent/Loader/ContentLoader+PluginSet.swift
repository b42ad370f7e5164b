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
    ///   - check: called with the assembled content; its errors (located in a plugin's files, like
    ///     `LoadedContent.unresolvedReferences`) refuse the plugin that wrote them, as YAML errors do.
    public func load(
        _ candidates: [PluginCandidate],
        link: (PluginLibrary) -> String? = { _ in nil },
        check: @escaping (LoadedContent) -> [Diagnostic] = { _ in [] }
    ) -> PluginSetReport {
        loadSet(candidates, validating: false, link: link, check: check)
    }

    /// - Parameter validating: a library that is not there is a warning rather than a refusal.
    func loadSet(
        _ found: [PluginCandidate],
        validating: Bool,
        link: (PluginLibrary) -> String?,
        check: @escaping (LoadedContent) -> [Diagnostic]
    ) -> PluginSetReport {
        SetLoader.load(found, limits: limits, validating: validating, link: link, check: check)
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
