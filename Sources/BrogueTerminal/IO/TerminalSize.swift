/// A terminal's size in character cells.
public struct TerminalSize: Hashable, Sendable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// Creates a size.
    /// - Parameters:
    ///   - width: Columns.
    ///   - height: Rows.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
