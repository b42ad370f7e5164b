/// One layer of one cell that becomes another terrain when its turns run out: a flare of
/// burning brimstone dying back to inert brimstone. Counted down on the player's level only,
/// as monsters are.
public struct TerrainTimer: Hashable, Sendable {
    public var position: Point
    public var layer: TerrainLayer
    /// Environment turns left before the change.
    public var turnsLeft: Int
    /// The terrain index it becomes, or -1 to clear the layer.
    public var becomes: Int

    public init(position: Point, layer: TerrainLayer, turnsLeft: Int, becomes: Int) {
        self.position = position
        self.layer = layer
        self.turnsLeft = turnsLeft
        self.becomes = becomes
    }
}
