/// A fallen monster lying where it died, which an ally beside it may absorb to learn one of the
/// traits or abilities its kind lists as `learnable`.
public struct Remains: Sendable, Hashable {
    public var position: Point
    /// Index into `ContentCatalog.monsters`.
    public var kind: Int
    /// Turns before it has wasted away beyond use.
    public var turnsLeft: Int

    public init(position: Point, kind: Int, turnsLeft: Int) {
        self.position = position
        self.kind = kind
        self.turnsLeft = turnsLeft
    }
}
