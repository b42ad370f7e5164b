/// What `SQLiteGameStore.mergeNodeFile(at:)` did: rows copied from a node's old second file,
/// and where that file was set aside.
public struct NodeFileMerge: Sendable, Hashable {
    /// Rows copied per table (`account`, `session`, `game_token`, `game_owner`).
    public var copied: [String: Int]
    /// Rows the old file had that were not copied, per table: already in this store (a merge
    /// that stopped before setting the file aside), or a session of an unknown account.
    public var skipped: [String: Int]
    /// The old file's new name, next to it (`node.sqlite.migrated`).
    public var setAsideAt: String

    public init(copied: [String: Int], skipped: [String: Int], setAsideAt: String) {
        self.copied = copied
        self.skipped = skipped
        self.setAsideAt = setAsideAt
    }
}
