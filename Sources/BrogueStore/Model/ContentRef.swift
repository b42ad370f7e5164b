/// One plugin of a game's content set: its id and version, as its manifest gives them.
///
/// The content set says which plugins made the content; `contentHash` says what the content
/// was. A replay needs both to match.
public struct ContentRef: Sendable, Hashable, Codable {
    /// The plugin's id, e.g. `core`.
    public var id: String
    /// The plugin's version, e.g. `1.0.0`.
    public var version: String

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}
