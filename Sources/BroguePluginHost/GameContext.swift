import Foundation

/// A cell on the map, as plugins see it: x grows east, y grows south.
public struct PluginPoint: Hashable, Sendable, CustomStringConvertible {
    public var x: Int32
    public var y: Int32

    public init(x: Int32, y: Int32) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x), \(y))" }
}

/// Terrain facts a plugin may read at a cell (`BROGUE_TERRAIN_*` in the header, bit for bit).
public struct PluginTerrainFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let outOfBounds = PluginTerrainFlags(rawValue: 0x1)
    public static let blocksMove = PluginTerrainFlags(rawValue: 0x2)
    public static let blocksVision = PluginTerrainFlags(rawValue: 0x4)
    public static let liquid = PluginTerrainFlags(rawValue: 0x8)
}

/// The game as a native callback may see it, filled by whoever calls the plugin (the game loop, a test).
///
/// The host hands plugins an opaque `brogue_game *` that points at this object for the length of one
/// call; every `brogue_host_api` query is answered from it. `randomBelow` must draw from the game's
/// substantive stream so that games replay.
///
/// ```swift
/// final class Fixed: PluginGameContext {
///     var depth: Int32 { 3 }
///     var playerPosition: PluginPoint { PluginPoint(x: 4, y: 5) }
///     var playerHP: Int32 { 20 }
///     func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags { [] }
///     func randomBelow(_ bound: Int32) -> Int32 { 0 }
/// }
/// ```
public protocol PluginGameContext: AnyObject {
    /// The current depth; 1 is the first level.
    var depth: Int32 { get }
    /// Where the player stands.
    var playerPosition: PluginPoint { get }
    /// The player's current hit points.
    var playerHP: Int32 { get }
    /// Terrain facts at a cell; `.outOfBounds` alone for a cell off the map.
    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags
    /// A uniform draw in `0..<bound` from the game's substantive random stream; only called with `bound > 0`.
    func randomBelow(_ bound: Int32) -> Int32

    // ABI 1.1: every entry below has a default that finds nothing and does nothing.
    /// Who stands on `cell`.
    func creature(at cell: PluginPoint) -> PluginCreature?
    /// How many items lie on `cell`.
    func itemCount(at cell: PluginPoint) -> Int32
    /// Walking distance from `cell` to the player, or nil when it cannot be walked.
    func distanceToPlayer(from cell: PluginPoint) -> Int32?
    /// Takes hit points from whoever stands on `cell`; whether someone was there.
    func damage(at cell: PluginPoint, amount: Int32) -> Bool
    /// Gives hit points to whoever stands on `cell`; whether someone was there.
    func heal(at cell: PluginPoint, amount: Int32) -> Bool
    /// Sets a status (`BROGUE_STATUS_*`) on whoever stands on `cell`; whether it took effect.
    func applyStatus(_ status: Int32, turns: Int32, at cell: PluginPoint) -> Bool
    /// Puts a monster of content kind `kindID` on `cell`; whether it was placed.
    func spawnMonster(kindID: String, at cell: PluginPoint) -> Bool
    /// Adds a line to the message log (`BROGUE_MESSAGE_*` kind).
    func message(_ text: String, kind: Int32)
    /// Puts an item of content kind `kindID` on `cell` (ABI 1.2); whether it was placed.
    func placeItem(kindID: String, at cell: PluginPoint) -> Bool

    // ABI 1.3
    /// What is on `cell`: terrain per layer and who stands there; nil off the map.
    func cell(at cell: PluginPoint) -> PluginCell?
    /// The nearest free cell to `from` within `maxDistance` king moves (with terrain `terrainID`, when given).
    func nearestFreeCell(from: PluginPoint, terrainID: String?, maxDistance: Int32) -> PluginPoint?
    /// Where the creatures within `radius` king moves of `center` stand, nearest first.
    func creatureCells(near center: PluginPoint, radius: Int32) -> [PluginPoint]
    /// Moves whoever stands on `from` to `to` at once; whether someone moved.
    func moveCreature(from: PluginPoint, to: PluginPoint) -> Bool
}

/// A cell as `cell_info` reports it.
public struct PluginCell: Hashable, Sendable {
    public var terrainFlags: PluginTerrainFlags
    /// Terrain content ids on the dungeon, liquid, surface and gas layers; nil where a layer is empty.
    public var dungeon: String?
    public var liquid: String?
    public var surface: String?
    public var gas: String?
    /// Who stands there: the creature's id (0 the player) and kind ("player" or a monster kind's id).
    public var occupant: (id: Int32, kind: String)? {
        get { occupantKind.map { (occupantID, $0) } }
        set {
            occupantID = newValue?.id ?? -1
            occupantKind = newValue?.kind
        }
    }
    public var itemCount: Int32
    private var occupantID: Int32 = -1
    private var occupantKind: String?

    public init(
        terrainFlags: PluginTerrainFlags,
        dungeon: String?,
        liquid: String?,
        surface: String?,
        gas: String?,
        occupant: (id: Int32, kind: String)?,
        itemCount: Int32
    ) {
        self.terrainFlags = terrainFlags
        self.dungeon = dungeon
        self.liquid = liquid
        self.surface = surface
        self.gas = gas
        self.itemCount = itemCount
        self.occupant = occupant
    }
}

/// A creature as `creature_at` reports it.
public struct PluginCreature: Hashable, Sendable {
    public var id: Int32
    public var hp: Int32
    public var maxHP: Int32
    public var isPlayer: Bool

    public init(id: Int32, hp: Int32, maxHP: Int32, isPlayer: Bool) {
        self.id = id
        self.hp = hp
        self.maxHP = maxHP
        self.isPlayer = isPlayer
    }
}

extension PluginGameContext {
    public func creature(at cell: PluginPoint) -> PluginCreature? { nil }
    public func itemCount(at cell: PluginPoint) -> Int32 { 0 }
    public func distanceToPlayer(from cell: PluginPoint) -> Int32? { nil }
    public func damage(at cell: PluginPoint, amount: Int32) -> Bool { false }
    public func heal(at cell: PluginPoint, amount: Int32) -> Bool { false }
    public func applyStatus(_ status: Int32, turns: Int32, at cell: PluginPoint) -> Bool { false }
    public func spawnMonster(kindID: String, at cell: PluginPoint) -> Bool { false }
    public func message(_ text: String, kind: Int32) {}
    public func placeItem(kindID: String, at cell: PluginPoint) -> Bool { false }
    public func cell(at cell: PluginPoint) -> PluginCell? { nil }
    public func nearestFreeCell(from: PluginPoint, terrainID: String?, maxDistance: Int32) -> PluginPoint? { nil }
    public func creatureCells(near center: PluginPoint, radius: Int32) -> [PluginPoint] { [] }
    public func moveCreature(from: PluginPoint, to: PluginPoint) -> Bool { false }
}

/// The level a generator stage builds, as the host API's `level_*` entries see it.
public protocol PluginLevelContext: AnyObject {
    /// The depth being built; 1 is the first level.
    var depth: Int32 { get }
    /// Terrain facts at a cell; `.outOfBounds` alone for a cell off the map.
    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags
    /// Places content terrain `terrainID` on its own layer; whether it did.
    func setTerrain(_ terrainID: String, at cell: PluginPoint) -> Bool
    /// A uniform draw in `0..<bound` from the level's stream; only called with `bound > 0`.
    func randomBelow(_ bound: Int32) -> Int32
}

/// Severity of a line a plugin logs.
public enum PluginLogLevel: Int32, Sendable, CaseIterable {
    case debug = 0
    case info = 1
    case warning = 2
    case error = 3
}

/// Where `brogue_host_api.log` lines go (standard error by default); one sink for the process.
public enum PluginLog {
    /// Receives each line a plugin logs.
    public typealias Handler = @Sendable (PluginLogLevel, String) -> Void

    private final class Sink: @unchecked Sendable {
        let lock = NSLock()
        /// Debug lines are shown only when `BROGUE_PLUGIN_DEBUG` is set, so a plugin's chatter
        /// does not bury every command's output.
        var handler: Handler = { level, message in
            guard level != .debug || ProcessInfo.processInfo.environment["BROGUE_PLUGIN_DEBUG"] != nil else { return }
            FileHandle.standardError.write(Data("plugin \(level): \(message)\n".utf8))
        }
    }

    private static let sink = Sink()

    /// Replaces where plugin log lines go.
    /// - Parameters:
    ///   - handler: called with each line, on the thread the plugin logged from.
    public static func setHandler(_ handler: @escaping Handler) {
        sink.lock.lock()
        sink.handler = handler
        sink.lock.unlock()
    }

    static func write(_ level: PluginLogLevel, _ message: String) {
        sink.lock.lock()
        let handler = sink.handler
        sink.lock.unlock()
        handler(level, message)
    }
}
