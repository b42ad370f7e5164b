/// A cell position on a level. `x` grows east, `y` grows south.
public struct Point: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Int
    public var y: Int

    public init(_ x: Int, _ y: Int) {
        self.x = x
        self.y = y
    }

    public static func + (lhs: Point, rhs: Point) -> Point { Point(lhs.x + rhs.x, lhs.y + rhs.y) }
    public static func - (lhs: Point, rhs: Point) -> Point { Point(lhs.x - rhs.x, lhs.y - rhs.y) }

    /// Chebyshev distance: the number of king moves between two cells.
    public func distance(to other: Point) -> Int { max(abs(x - other.x), abs(y - other.y)) }

    public var description: String { "(\(x),\(y))" }
}

/// The eight compass directions, in a fixed order that rules may iterate.
public enum Direction: Int, CaseIterable, Sendable, Codable {
    case north, east, south, west, northEast, southEast, southWest, northWest

    public var offset: Point {
        switch self {
        case .north: Point(0, -1)
        case .east: Point(1, 0)
        case .south: Point(0, 1)
        case .west: Point(-1, 0)
        case .northEast: Point(1, -1)
        case .southEast: Point(1, 1)
        case .southWest: Point(-1, 1)
        case .northWest: Point(-1, -1)
        }
    }

    public var isDiagonal: Bool { rawValue >= 4 }

    /// The direction whose offset is `delta`, if `delta` is one king move.
    public init?(delta: Point) {
        guard let found = Direction.allCases.first(where: { $0.offset == delta }) else { return nil }
        self = found
    }

    /// The four orthogonal directions come first, so `cardinals` is a prefix of `allCases`.
    public static let cardinals: [Direction] = [.north, .east, .south, .west]
}
