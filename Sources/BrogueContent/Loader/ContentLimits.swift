/// Bounds on what the loader reads, so a hostile or broken file is refused in bounded time and memory.
///
/// The defaults are far above what real content needs (the core game's largest file,
/// `spawns.yaml`, is a few kilobytes and a few hundred nodes) and far below what could hurt.
public struct ContentLimits: Sendable, Hashable {
    /// Largest content file read, in bytes; checked before the file is read. Default 1 MiB.
    public var maxFileBytes: Int
    /// Most YAML nodes in one file, counting every expansion of an alias. Default 100,000.
    public var maxNodes: Int
    /// Deepest nesting of lists and mappings in one file. Default 64.
    public var maxDepth: Int
    /// Longest single scalar (a description, say), in bytes. Default 16 KiB.
    public var maxScalarBytes: Int
    /// Most content files matched across all plugins of one load. Default 10,000.
    public var maxFiles: Int
    /// Most diagnostics kept per file; the rest are counted in one closing line. Default 200.
    public var maxDiagnosticsPerFile: Int

    public init(
        maxFileBytes: Int = 1 << 20,
        maxNodes: Int = 100_000,
        maxDepth: Int = 64,
        maxScalarBytes: Int = 16 << 10,
        maxFiles: Int = 10_000,
        maxDiagnosticsPerFile: Int = 200
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.maxScalarBytes = maxScalarBytes
        self.maxFiles = maxFiles
        self.maxDiagnosticsPerFile = maxDiagnosticsPerFile
    }

    /// The limits used unless a caller asks for others.
    public static let `default` = ContentLimits()
}
