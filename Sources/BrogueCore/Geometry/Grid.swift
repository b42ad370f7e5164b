/// A fixed-size 2-D array stored row-major in one flat buffer.
public struct Grid<Element>: Sendable where Element: Sendable {
    public let width: Int
    public let height: Int
    public var cells: [Element]

    public init(width: Int, height: Int, filling value: Element) {
        precondition(width > 0 && height > 0, "grid must be non-empty")
        self.width = width
        self.height = height
        self.cells = Array(repeating: value, count: width * height)
    }

    @inlinable public func contains(_ p: Point) -> Bool { p.x >= 0 && p.y >= 0 && p.x < width && p.y < height }

    @inlinable public func index(_ p: Point) -> Int { p.y * width + p.x }

    @inlinable public func point(at index: Int) -> Point { Point(index % width, index / width) }

    @inlinable public subscript(p: Point) -> Element {
        get { cells[p.y * width + p.x] }
        set { cells[p.y * width + p.x] = newValue }
    }

    @inlinable public subscript(x: Int, y: Int) -> Element {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func fill(_ value: Element) {
        for i in cells.indices { cells[i] = value }
    }
}

extension Grid: Equatable where Element: Equatable {}

/// Dimensions of every level, as in Brogue.
public enum Dungeon {
    public static let width = 79
    public static let height = 29
    /// The most depths any content may give a dungeon (`dungeon.depths` in spawns.yaml); a
    /// content set's own count is `ContentCatalog.deepestLevel`.
    public static let deepestLevel = 40
    /// How many level seeds a game draws before its other streams, whatever its depth count:
    /// the classic dungeon's 26, so games of 26 depths or fewer keep their seeds and streams.
    public static let classicDepths = 26
}
