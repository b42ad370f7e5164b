/// One plugin of the set that made a catalog, as the content hash covers it.
public struct ContentSetMember: Sendable, Hashable {
    /// The plugin's id.
    public var id: String
    /// The plugin's version as its manifest gives it.
    public var version: String
    /// A stable hash of its native library's bytes, or nil for a plugin of data only.
    public var libraryHash: UInt64?

    public init(id: String, version: String, libraryHash: UInt64? = nil) {
        self.id = id
        self.version = version
        self.libraryHash = libraryHash
    }
}

extension ContentCatalog {
    /// The same catalog, with `contentHash` also covering the plugins that made it.
    ///
    /// The data alone does not say which native code will run beside it: two builds of a
    /// plugin's library can register different behaviours for the same YAML, so a game saved
    /// with one must not replay silently with the other.
    /// - Parameter members: the plugins in load order.
    public func covering(_ members: [ContentSetMember]) -> ContentCatalog {
        var h = StableHasher()
        h.combine(contentHash)
        h.combine(members.count)
        for m in members {
            h.combine(m.id)
            h.combine(m.version)
            h.combine(m.libraryHash != nil)
            if let library = m.libraryHash { h.combine(library) }
        }
        var copy = self
        copy.contentHash = h.value
        return copy
    }
}
