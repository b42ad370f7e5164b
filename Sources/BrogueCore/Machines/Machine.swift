/// One machine built on a level from a `Blueprint`.
public struct Machine: Sendable, Hashable {
    /// Index into `ContentCatalog.blueprints`.
    public var blueprint: Int
    /// The room's inside cells: the box `origin ..< origin + size`.
    public var origin: Point
    public var width: Int
    public var height: Int
    /// The one cell through which the room is entered (in its wall).
    public var entrance: Point
    /// Where the blueprint's items and monsters go when the level is populated.
    public var spots: [MachineSpot]
    /// Indices of the blueprint's features that are this machine's key.
    public var keyFeatures: [Int] = []
    /// True once the machine has fired (an item lifted from a wired altar, a lever pulled).
    public var fired: Bool

    public init(blueprint: Int, origin: Point, width: Int, height: Int, entrance: Point, spots: [MachineSpot] = []) {
        self.blueprint = blueprint
        self.origin = origin
        self.width = width
        self.height = height
        self.entrance = entrance
        self.spots = spots
        self.fired = false
    }

    /// Whether `p` is one of the room's inside cells.
    public func contains(_ p: Point) -> Bool {
        p.x >= origin.x && p.y >= origin.y && p.x < origin.x + width && p.y < origin.y + height
    }
}

/// A cell chosen for one feature of a machine's blueprint.
public struct MachineSpot: Sendable, Hashable {
    public var position: Point
    /// Index into the blueprint's `features`.
    public var feature: Int

    public init(position: Point, feature: Int) {
        self.position = position
        self.feature = feature
    }
}

extension Machine {
    /// Whether `spot` is where this machine's key starts.
    func isKeySpot(_ spot: MachineSpot) -> Bool { keyFeatures.contains(spot.feature) }
}
