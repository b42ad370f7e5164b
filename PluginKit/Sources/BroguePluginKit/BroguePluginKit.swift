// BroguePluginKit: Swift types over the plugin C ABI (brogue_plugin.h). Imports only CBroguePlugin.
//
// A Swift plugin exports the ABI's two C functions and forwards them here:
//
//     import BroguePluginKit
//
//     struct Cowardly: BroguePlugin {
//         static func register(_ r: inout Registrar) throws {
//             r.behaviour("cowardly") { game, monster in ... return .default }
//         }
//     }
//     @_cdecl("brogue_plugin_abi") public func pluginABI() -> brogue_abi_version { PluginKit.abi() }
//     @_cdecl("brogue_plugin_init") public func pluginInit(
//         _ host: UnsafePointer<brogue_host_api>?, _ registrar: UnsafeMutablePointer<brogue_registrar>?,
//         _ error: UnsafeMutablePointer<CChar>?, _ errorLength: Int
//     ) -> brogue_status { PluginKit.initialize(Cowardly.self, host, registrar, error, errorLength) }
//
// The ABI's callbacks carry no context pointer, so each registered Swift closure is bound to one of
// a fixed pool of C thunks (`@convention(c)`, no captures) that look the closure up in static storage.
@_exported public import CBroguePlugin

/// A cell on the map.
public typealias Point = brogue_point

extension brogue_point {
    public init(_ x: Int32, _ y: Int32) { self.init(x: x, y: y) }
}

/// What a monster does this turn.
public enum Intent: Sendable, Equatable {
    case `default`
    case wait
    case move(to: Point)
    case attack(Point)
    case flee

    public static func == (a: Intent, b: Intent) -> Bool {
        switch (a, b) {
        case (.default, .default), (.wait, .wait), (.flee, .flee): true
        case let (.move(p), .move(q)), let (.attack(p), .attack(q)): p.x == q.x && p.y == q.y
        default: false
        }
    }
}

/// Who stands on a cell.
public struct Creature: Sendable {
    public var id: Int32
    public var hp: Int32
    public var maxHP: Int32
    public var isPlayer: Bool
}

public enum LogLevel: Int32, Sendable {
    case debug = 0
    case info, warning, error
}
public enum MessageKind: Int32, Sendable {
    case info = 0
    case good, bad, warning
}
public enum StatusKind: Int32, Sendable {
    case hasted = 1
    case confused, paralyzed, telepathic, darkened, poisoned
}

public struct TerrainFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public static let outOfBounds = TerrainFlags(rawValue: 0x1)
    public static let blocksMove = TerrainFlags(rawValue: 0x2)
    public static let blocksVision = TerrainFlags(rawValue: 0x4)
    public static let liquid = TerrainFlags(rawValue: 0x8)
}

public struct HostError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The host's function table. Lives for the whole process.
public struct Host: @unchecked Sendable {
    public let api: UnsafePointer<brogue_host_api>
    public init(_ api: UnsafePointer<brogue_host_api>) { self.api = api }

    public var abiMajor: UInt32 { api.pointee.abi_major }
    public var abiMinor: UInt32 { api.pointee.abi_minor }

    /// True when the host's table is long enough to hold the entry at `field` (entries appended after 1.0).
    public func has<T>(_ field: KeyPath<brogue_host_api, T>) -> Bool {
        guard let offset = MemoryLayout<brogue_host_api>.offset(of: field) else { return false }
        return api.pointee.size >= offset + MemoryLayout<T>.size
    }

    public func log(_ level: LogLevel, _ message: String) {
        message.withCString { api.pointee.log(level.rawValue, $0) }
    }
}

/// A live view of the game during one callback; never keep it.
public struct Game {
    public let host: Host
    public let raw: OpaquePointer

    public init(host: Host, raw: OpaquePointer) {
        self.host = host
        self.raw = raw
    }

    private var api: brogue_host_api { host.api.pointee }

    /// A draw in [0, bound) from the game's own random stream (the only randomness a plugin may use).
    public func random(below bound: Int32) -> Int32 { api.random_below(raw, bound) }
    public var depth: Int32 { api.depth(raw) }
    public var playerPosition: Point { api.player_position(raw) }
    public var playerHP: Int32 { api.player_hp(raw) }
    public func terrain(at cell: Point) -> TerrainFlags { TerrainFlags(rawValue: api.terrain_flags(raw, cell)) }
    public func log(_ level: LogLevel, _ message: String) { host.log(level, message) }

    // ABI 1.1 entries: nil / false / no-op where the host is older.
    public func creature(at cell: Point) -> Creature? {
        guard host.has(\.creature_at) else { return nil }
        var info = brogue_creature_info()
        info.size = MemoryLayout<brogue_creature_info>.size
        guard api.creature_at(raw, cell, &info) else { return nil }
        return Creature(id: info.id, hp: info.hp, maxHP: info.max_hp, isPlayer: info.is_player)
    }

    public func itemCount(at cell: Point) -> Int32 { host.has(\.item_count_at) ? api.item_count_at(raw, cell) : 0 }
    /// Walking distance to the player, nil when unreachable.
    public func distanceToPlayer(from cell: Point) -> Int32? {
        guard host.has(\.distance_to_player) else { return nil }
        let d = api.distance_to_player(raw, cell)
        return d < 0 ? nil : d
    }

    @discardableResult public func damage(at cell: Point, _ amount: Int32) -> Bool {
        host.has(\.damage) && api.damage(raw, cell, amount) == BROGUE_STATUS_OK
    }

    @discardableResult public func heal(at cell: Point, _ amount: Int32) -> Bool {
        host.has(\.heal) && api.heal(raw, cell, amount) == BROGUE_STATUS_OK
    }

    @discardableResult public func apply(_ status: StatusKind, at cell: Point, turns: Int32) -> Bool {
        host.has(\.apply_status) && api.apply_status(raw, cell, status.rawValue, turns) == BROGUE_STATUS_OK
    }

    @discardableResult public func spawn(_ monsterID: String, at cell: Point) -> Bool {
        host.has(\.spawn_monster) && monsterID.withCString { api.spawn_monster(raw, $0, cell) } == BROGUE_STATUS_OK
    }

    /// Puts an item of content kind `itemID` on `cell` (ABI 1.2; false on an older host).
    @discardableResult public func place(item itemID: String, at cell: Point) -> Bool {
        host.has(\.place_item) && itemID.withCString { api.place_item(raw, $0, cell) } == BROGUE_STATUS_OK
    }

    public func message(_ text: String, _ kind: MessageKind = .info) {
        guard host.has(\.message) else { return }
        text.withCString { api.message(raw, $0, kind.rawValue) }
    }

    // ABI 1.3 entries: nil / [] / false where the host is older.
    /// What is on `cell`: terrain per layer and who stands there; nil off the map.
    public func cell(at cell: Point) -> Cell? {
        guard host.has(\.cell_info) else { return nil }
        var info = brogue_cell_info()
        info.size = MemoryLayout<brogue_cell_info>.size
        guard api.cell_info(raw, cell, &info) else { return nil }
        return Cell(info)
    }

    /// The nearest free floor cell to `from` within `maxDistance` king moves (with terrain `terrainID`, when given).
    public func nearestFreeCell(from: Point, terrain terrainID: String? = nil, maxDistance: Int32) -> Point? {
        guard host.has(\.nearest_free_cell) else { return nil }
        var out = Point()
        let found =
            if let terrainID {
                terrainID.withCString { api.nearest_free_cell(raw, from, $0, maxDistance, &out) }
            } else {
                api.nearest_free_cell(raw, from, nil, maxDistance, &out)
            }
        return found ? out : nil
    }

    /// Where the creatures within `radius` king moves of `center` stand (the player included), nearest first.
    public func creatures(near center: Point, radius: Int32) -> [Point] {
        guard host.has(\.creatures_in_radius) else { return [] }
        let count = api.creatures_in_radius(raw, center, radius, nil, 0)
        guard count > 0 else { return [] }
        var cells = [Point](repeating: Point(), count: Int(count))
        let written = cells.withUnsafeMutableBufferPointer { api.creatures_in_radius(raw, center, radius, $0.baseAddress, count) }
        return Array(cells.prefix(Int(min(written, count))))
    }

    /// Moves whoever stands on `from` to `to` at once, if `to` is free floor; whether someone moved.
    @discardableResult public func move(from: Point, to: Point) -> Bool {
        host.has(\.move_creature) && api.move_creature(raw, from, to) == BROGUE_STATUS_OK
    }
}

/// A cell as `cell_info` reports it (ABI 1.3).
public struct Cell: Sendable {
    public var terrain: TerrainFlags
    /// Terrain ids on the dungeon, liquid, surface and gas layers; "" where a layer is empty.
    public var dungeon: String
    public var liquid: String
    public var surface: String
    public var gas: String
    /// "player", a monster kind's id, or "" when no one stands there.
    public var occupantKind: String
    /// The occupant's creature id (0 the player), or -1.
    public var occupantID: Int32
    public var itemCount: Int32

    init(_ info: brogue_cell_info) {
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        }
        terrain = TerrainFlags(rawValue: info.terrain_flags)
        dungeon = text(info.dungeon)
        liquid = text(info.liquid)
        surface = text(info.surface)
        gas = text(info.gas)
        occupantKind = text(info.occupant_kind)
        occupantID = info.occupant_id
        itemCount = info.item_count
    }
}

/// The level being built, during a generator stage's run; never keep it.
public struct Level {
    public let host: Host
    public let raw: OpaquePointer

    private var api: brogue_host_api { host.api.pointee }
    public var depth: Int32 { api.level_depth(raw) }
    public func terrain(at cell: Point) -> TerrainFlags { TerrainFlags(rawValue: api.level_terrain_flags(raw, cell)) }
    @discardableResult public func setTerrain(at cell: Point, _ terrainID: String) -> Bool {
        terrainID.withCString { api.level_set_terrain(raw, cell, $0) } == BROGUE_STATUS_OK
    }
    /// A draw from the level's own stream.
    public func random(below bound: Int32) -> Int32 { api.level_random_below(raw, bound) }
}

public typealias BehaviourBody = (Game, Point) -> Intent
public typealias EffectBody = (Game, Point, Int32) -> Void
public typealias HookBody = (Game, brogue_event_kind, Point) -> Void
public typealias StageBody = (Level, Int32) -> Void

public enum Event: Int32, Sendable {
    case turn = 1
    case death, levelEntered
}

/// A plugin written in Swift.
public protocol BroguePlugin {
    /// Called once from brogue_plugin_init; throw to refuse loading (the message reaches the host).
    static func register(_ registrar: inout Registrar) throws
}

/// Hands registrations to the host. Valid only during init.
public struct Registrar {
    public let host: Host
    let raw: UnsafeMutablePointer<brogue_registrar>

    /// Registers a monster behaviour, known to content as `<plugin-id>.<name>`.
    public mutating func behaviour(_ name: String, _ body: @escaping BehaviourBody) throws {
        let slot = try Slots.claim(&Slots.behaviours, name, body, kind: "behaviours")
        try name.withCString { cname in
            var b = brogue_monster_behavior(size: MemoryLayout<brogue_monster_behavior>.size, name: cname, act: Thunks.behaviours[slot])
            try check(raw.pointee.register_monster_behavior(raw.pointee.state, &b), "monster behaviour", name)
        }
    }

    public mutating func effect(_ name: String, _ body: @escaping EffectBody) throws {
        let slot = try Slots.claim(&Slots.effects, name, body, kind: "item effects")
        try name.withCString { cname in
            var e = brogue_item_effect(size: MemoryLayout<brogue_item_effect>.size, name: cname, apply: Thunks.effects[slot])
            try check(raw.pointee.register_item_effect(raw.pointee.state, &e), "item effect", name)
        }
    }

    public mutating func hook(_ name: String, on event: Event, _ body: @escaping HookBody) throws {
        let slot = try Slots.claim(&Slots.hooks, name, body, kind: "event hooks")
        try name.withCString { cname in
            var h = brogue_event_hook(size: MemoryLayout<brogue_event_hook>.size, name: cname, event: event.rawValue, on_event: Thunks.hooks[slot])
            try check(raw.pointee.register_event_hook(raw.pointee.state, &h), "event hook", name)
        }
    }

    /// ABI 1.1. Throws when the host is older.
    public mutating func stage(_ name: String, _ body: @escaping StageBody) throws {
        guard let offset = MemoryLayout<brogue_registrar>.offset(of: \.register_generator_stage),
            raw.pointee.size >= offset + MemoryLayout<UnsafeRawPointer>.size, host.has(\.level_random_below)
        else { throw HostError("generator stage '\(name)' needs plugin ABI 1.1; the host speaks \(host.abiMajor).\(host.abiMinor)") }
        let slot = try Slots.claim(&Slots.stages, name, body, kind: "generator stages")
        try name.withCString { cname in
            var s = brogue_generator_stage(size: MemoryLayout<brogue_generator_stage>.size, name: cname, run: Thunks.stages[slot])
            try check(raw.pointee.register_generator_stage(raw.pointee.state, &s), "generator stage", name)
        }
    }

    private func check(_ status: brogue_status, _ what: String, _ name: String) throws {
        guard status == BROGUE_STATUS_OK else { throw HostError("the host refused \(what) '\(name)' (see the host's message)") }
    }
}

/// Entry points for a plugin's two `@_cdecl` functions.
public enum PluginKit {
    /// The ABI this kit was built against: answer it from `brogue_plugin_abi`.
    public static func abi() -> brogue_abi_version {
        brogue_abi_version(major: UInt32(BROGUE_PLUGIN_ABI_MAJOR), minor: UInt32(BROGUE_PLUGIN_ABI_MINOR))
    }

    /// The body of `brogue_plugin_init`: checks the host's major, runs `P.register`, reports errors.
    public static func initialize<P: BroguePlugin>(
        _ plugin: P.Type,
        _ host: UnsafePointer<brogue_host_api>?,
        _ registrar: UnsafeMutablePointer<brogue_registrar>?,
        _ error: UnsafeMutablePointer<CChar>?,
        _ errorLength: Int
    ) -> brogue_status {
        func fail(_ text: String) -> brogue_status {
            if let error, errorLength > 0 {
                let bytes = Array(text.utf8.prefix(errorLength - 1))
                for (i, b) in bytes.enumerated() { error[i] = CChar(bitPattern: b) }
                error[bytes.count] = 0
            }
            return BROGUE_STATUS_ERROR
        }
        guard let host, let registrar else { return fail("brogue_plugin_init called without a host or registrar") }
        let h = Host(host)
        guard h.abiMajor == UInt32(BROGUE_PLUGIN_ABI_MAJOR) else {
            return fail("\(P.self) needs plugin ABI \(BROGUE_PLUGIN_ABI_MAJOR).x, the host speaks \(h.abiMajor).\(h.abiMinor)")
        }
        var r = Registrar(host: h, raw: registrar)
        do {
            try P.register(&r)
        } catch {
            return fail("\(error)")
        }
        return BROGUE_STATUS_OK
    }
}

/// Static storage for registered closures; one copy per plugin library (the kit is linked in statically).
enum Slots {
    static let capacity = 8
    nonisolated(unsafe) static var behaviours: [BehaviourBody] = []
    nonisolated(unsafe) static var effects: [EffectBody] = []
    nonisolated(unsafe) static var hooks: [HookBody] = []
    nonisolated(unsafe) static var stages: [StageBody] = []

    nonisolated(unsafe) static var names: [String: Int] = [:]

    /// The slot for `name`. A library loaded again (the host calls init once per load, never
    /// concurrently) gets the slots it had: the first closure stays, so a thunk already handed
    /// out keeps calling the same code.
    static func claim<T>(_ list: inout [T], _ name: String, _ body: T, kind: String) throws -> Int {
        if let slot = names["\(kind) \(name)"] { return slot }
        guard list.count < capacity else { throw HostError("BroguePluginKit holds at most \(capacity) \(kind) per plugin") }
        list.append(body)
        names["\(kind) \(name)"] = list.count - 1
        return list.count - 1
    }

    static func behave(
        _ slot: Int,
        _ host: UnsafePointer<brogue_host_api>?,
        _ game: OpaquePointer?,
        _ monster: brogue_point,
        _ intent: UnsafeMutablePointer<brogue_intent>?
    ) -> brogue_status {
        guard let host, let game, let intent, slot < behaviours.count else { return BROGUE_STATUS_ERROR }
        let result = behaviours[slot](Game(host: Host(host), raw: game), monster)
        let fits = intent.pointee.size >= MemoryLayout<brogue_intent>.size
        switch result {
        case .default: intent.pointee.kind = BROGUE_INTENT_DEFAULT
        case .wait: intent.pointee.kind = BROGUE_INTENT_WAIT
        case .flee: intent.pointee.kind = BROGUE_INTENT_FLEE
        case .move(let p):
            intent.pointee.kind = BROGUE_INTENT_MOVE
            if fits { intent.pointee.target = p }
        case .attack(let p):
            intent.pointee.kind = BROGUE_INTENT_ATTACK
            if fits { intent.pointee.target = p }
        }
        return BROGUE_STATUS_OK
    }

    static func effect(
        _ slot: Int,
        _ host: UnsafePointer<brogue_host_api>?,
        _ game: OpaquePointer?,
        _ target: brogue_point,
        _ power: Int32
    ) -> brogue_status {
        guard let host, let game, slot < effects.count else { return BROGUE_STATUS_ERROR }
        effects[slot](Game(host: Host(host), raw: game), target, power)
        return BROGUE_STATUS_OK
    }

    static func hook(_ slot: Int, _ host: UnsafePointer<brogue_host_api>?, _ game: OpaquePointer?, _ event: brogue_event_kind, _ where_: brogue_point)
    {
        guard let host, let game, slot < hooks.count else { return }
        hooks[slot](Game(host: Host(host), raw: game), event, where_)
    }

    static func stage(_ slot: Int, _ host: UnsafePointer<brogue_host_api>?, _ level: OpaquePointer?, _ depth: Int32) {
        guard let host, let level, slot < stages.count else { return }
        stages[slot](Level(host: Host(host), raw: level), depth)
    }
}

/// The fixed pools of C-callable thunks, one per slot; none captures anything.
enum Thunks {
    typealias Act =
        @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, brogue_point, UnsafeMutablePointer<brogue_intent>?) -> brogue_status
    typealias Apply = @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, brogue_point, Int32) -> brogue_status
    typealias OnEvent = @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, brogue_event_kind, brogue_point) -> Void
    typealias Run = @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, Int32) -> Void

    static let behaviours: [Act] = [
        { Slots.behave(0, $0, $1, $2, $3) }, { Slots.behave(1, $0, $1, $2, $3) }, { Slots.behave(2, $0, $1, $2, $3) },
        { Slots.behave(3, $0, $1, $2, $3) }, { Slots.behave(4, $0, $1, $2, $3) }, { Slots.behave(5, $0, $1, $2, $3) },
        { Slots.behave(6, $0, $1, $2, $3) }, { Slots.behave(7, $0, $1, $2, $3) },
    ]
    static let effects: [Apply] = [
        { Slots.effect(0, $0, $1, $2, $3) }, { Slots.effect(1, $0, $1, $2, $3) }, { Slots.effect(2, $0, $1, $2, $3) },
        { Slots.effect(3, $0, $1, $2, $3) }, { Slots.effect(4, $0, $1, $2, $3) }, { Slots.effect(5, $0, $1, $2, $3) },
        { Slots.effect(6, $0, $1, $2, $3) }, { Slots.effect(7, $0, $1, $2, $3) },
    ]
    static let hooks: [OnEvent] = [
        { Slots.hook(0, $0, $1, $2, $3) }, { Slots.hook(1, $0, $1, $2, $3) }, { Slots.hook(2, $0, $1, $2, $3) },
        { Slots.hook(3, $0, $1, $2, $3) }, { Slots.hook(4, $0, $1, $2, $3) }, { Slots.hook(5, $0, $1, $2, $3) },
        { Slots.hook(6, $0, $1, $2, $3) }, { Slots.hook(7, $0, $1, $2, $3) },
    ]
    static let stages: [Run] = [
        { Slots.stage(0, $0, $1, $2) }, { Slots.stage(1, $0, $1, $2) }, { Slots.stage(2, $0, $1, $2) },
        { Slots.stage(3, $0, $1, $2) }, { Slots.stage(4, $0, $1, $2) }, { Slots.stage(5, $0, $1, $2) },
        { Slots.stage(6, $0, $1, $2) }, { Slots.stage(7, $0, $1, $2) },
    ]
}
