public import BrogueCore

/// A successfully loaded set of plugins.
public struct LoadedContent: Sendable {
    /// The validated catalog the rules run on.
    public var catalog: ContentCatalog
    /// The plugins' manifests, in load order.
    public var manifests: [PluginManifest]
    /// Problems that did not stop loading (an entry replaced by a later plugin, a flag listed twice, ...).
    public var warnings: [Diagnostic]
}
