public import BrogueCore

/// A successfully loaded set of plugins.
public struct LoadedContent: Sendable {
    /// The validated catalog the rules run on; its `contentHash` covers the plugins' ids,
    /// versions and library hashes as well as the data.
    public var catalog: ContentCatalog
    /// The plugins loaded, in load order.
    public var plugins: [LoadedPlugin]
    /// Problems that did not stop loading (a glob matching nothing, a flag listed twice, ...).
    public var warnings: [Diagnostic]
    /// Every entry with an id, with the layers it was made from.
    var layers: Layers

    /// The plugins' manifests, in load order.
    public var manifests: [PluginManifest] { plugins.map(\.manifest) }

    /// The content set as the content hash covers it, in load order.
    public var contentSet: [ContentSetMember] {
        plugins.map { ContentSetMember(id: $0.manifest.id, version: $0.manifest.version, libraryHash: $0.library?.hash) }
    }

    /// An entry as loaded, with the plugin and place each field came from.
    /// - Parameters:
    ///   - kind: a kind whose files hold one entry with an id (terrain, monsters, items, generators).
    ///   - id: the entry's id.
    /// - Returns: nil when no plugin defines it.
    public func entry(_ kind: ContentKind, _ id: String) -> ContentEntry? {
        guard let i = layers.index[kind]?[id] else { return nil }
        return ContentEntry(layers.slots[i])
    }

    /// The loaded id of `kind` closest to a misspelt one, for a did-you-mean.
    public func closestID(_ kind: ContentKind, to id: String) -> String? {
        DidYouMean.suggestion(for: id, among: entryIDs(kind))
    }

    /// The ids of a kind's entries, in catalog order.
    public func entryIDs(_ kind: ContentKind) -> [String] {
        layers.slots.filter { $0.kind == kind }.map(\.id)
    }
}

/// A plugin that was loaded: its manifest, where it was found, and its library.
public struct LoadedPlugin: Sendable {
    public var manifest: PluginManifest
    public var candidate: PluginCandidate
    /// The library the host loaded, when the plugin has one.
    public var library: PluginLibrary?
}
