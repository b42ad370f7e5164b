public import BrogueCore
import Foundation

/// A live `Game` as a native callback sees it, for the length of one call.
///
/// Holds pointers to the game and the action's event list that are valid only while the rule
/// that made it runs; the bridge types below make one per call and drop it afterwards.
final class LiveGameContext: PluginGameContext {
    private let game: UnsafeMutablePointer<Game>
    private let events: UnsafeMutablePointer<[GameEvent]>

    init(game: UnsafeMutablePointer<Game>, events: UnsafeMutablePointer<[GameEvent]>) {
        self.game = game
        self.events = events
    }

    /// Runs `body` with a context over `game` and `events` that must not outlive it.
    static func with<R>(_ game: inout Game, _ events: inout [GameEvent], _ body: (LiveGameContext) -> R) -> R {
        withUnsafeMutablePointer(to: &game) { g in
            withUnsafeMutablePointer(to: &events) { e in body(LiveGameContext(game: g, events: e)) }
        }
    }

    private static func cell(_ p: PluginPoint) -> Point { Point(Int(p.x), Int(p.y)) }

    var depth: Int32 { Int32(game.pointee.depth) }
    var playerPosition: PluginPoint { PluginPoint(game.pointee.player.position) }
    var playerHP: Int32 { Int32(clamping: game.pointee.player.hp) }

    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags {
        PluginTerrainFlags(level: game.pointee.level, cell: Self.cell(cell))
    }

    func randomBelow(_ bound: Int32) -> Int32 { Int32(game.pointee.rng.below(Int(bound))) }

    func creature(at cell: PluginPoint) -> PluginCreature? {
        let g = game.pointee
        switch g.creature(at: Self.cell(cell)) {
        case nil: return nil
        case .player: return PluginCreature(id: 0, hp: Int32(clamping: g.player.hp), maxHP: Int32(clamping: g.player.maxHP), isPlayer: true)
        case .monster(let i):
            let m = g.monsters[i]
            return PluginCreature(id: Int32(clamping: m.id), hp: Int32(clamping: m.hp), maxHP: Int32(clamping: m.maxHP), isPlayer: false)
        }
    }

    func itemCount(at cell: PluginPoint) -> Int32 { Int32(clamping: game.pointee.itemCount(at: Self.cell(cell))) }

    func distanceToPlayer(from cell: PluginPoint) -> Int32? {
        game.pointee.distanceToPlayer(from: Self.cell(cell)).map { Int32(clamping: $0) }
    }

    func damage(at cell: PluginPoint, amount: Int32) -> Bool {
        game.pointee.damage(at: Self.cell(cell), amount: Int(amount), cause: "killed by magic", &events.pointee)
    }

    func heal(at cell: PluginPoint, amount: Int32) -> Bool { game.pointee.heal(at: Self.cell(cell), amount: Int(amount)) }

    func applyStatus(_ status: Int32, turns: Int32, at cell: PluginPoint) -> Bool {
        guard let s = Game.ExtensionStatus(rawValue: Int(status)) else { return false }
        return game.pointee.applyStatus(s, turns: Int(turns), at: Self.cell(cell))
    }

    func spawnMonster(kindID: String, at cell: PluginPoint) -> Bool { game.pointee.spawnMonster(kindID: kindID, at: Self.cell(cell)) }

    func placeItem(kindID: String, at cell: PluginPoint) -> Bool { game.pointee.placeItem(kindID: kindID, at: Self.cell(cell)) }

    func cell(at cell: PluginPoint) -> PluginCell? {
        let g = game.pointee
        let p = Self.cell(cell)
        guard g.level.contains(p) else { return nil }
        let occupant = creature(at: cell).flatMap { c in g.occupantKindID(at: p).map { (c.id, $0) } }
        return PluginCell(
            terrainFlags: PluginTerrainFlags(level: g.level, cell: p),
            dungeon: g.terrainID(.dungeon, at: p),
            liquid: g.terrainID(.liquid, at: p),
            surface: g.terrainID(.surface, at: p),
            gas: g.terrainID(.gas, at: p),
            occupant: occupant,
            itemCount: Int32(clamping: g.itemCount(at: p))
        )
    }

    func nearestFreeCell(from: PluginPoint, terrainID: String?, maxDistance: Int32) -> PluginPoint? {
        game.pointee.nearestFreeCell(from: Self.cell(from), terrainID: terrainID, maxDistance: Int(maxDistance)).map(PluginPoint.init)
    }

    func creatureCells(near center: PluginPoint, radius: Int32) -> [PluginPoint] {
        game.pointee.creatureCells(near: Self.cell(center), radius: Int(radius)).map(PluginPoint.init)
    }

    func moveCreature(from: PluginPoint, to: PluginPoint) -> Bool { game.pointee.moveCreature(from: Self.cell(from), to: Self.cell(to)) }

    func message(_ text: String, kind: Int32) {
        let k: MessageKind =
            switch kind {
            case 1: .good
            case 2: .bad
            case 3: .warning
            default: .info
            }
        events.pointee.append(.message(text, k))
    }
}

/// A level under construction as a native generator stage sees it, for the length of one call.
final class LiveLevelContext: PluginLevelContext {
    private let builder: UnsafeMutablePointer<LevelBuilder>
    private let rng: UnsafeMutablePointer<RandomStream>

    init(builder: UnsafeMutablePointer<LevelBuilder>, rng: UnsafeMutablePointer<RandomStream>) {
        self.builder = builder
        self.rng = rng
    }

    var depth: Int32 { Int32(builder.pointee.depth) }

    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags {
        PluginTerrainFlags(level: builder.pointee.level, cell: Point(Int(cell.x), Int(cell.y)))
    }

    func setTerrain(_ terrainID: String, at cell: PluginPoint) -> Bool {
        let p = Point(Int(cell.x), Int(cell.y))
        let catalog = builder.pointee.catalog
        guard LevelBuilder.isInterior(p), let kind = catalog.terrainIndexByID[terrainID] else { return false }
        builder.pointee.level.setTerrain(kind, layer: catalog.terrains[kind].layer, at: p, catalog: catalog)
        return true
    }

    func randomBelow(_ bound: Int32) -> Int32 { Int32(rng.pointee.below(Int(bound))) }
}

extension PluginPoint {
    init(_ p: Point) { self.init(x: Int32(clamping: p.x), y: Int32(clamping: p.y)) }
    var point: Point { Point(Int(x), Int(y)) }
}

extension PluginTerrainFlags {
    init(level: Level, cell: Point) {
        guard level.contains(cell) else {
            self = .outOfBounds
            return
        }
        let f = level.flags[cell]
        var out: PluginTerrainFlags = []
        if f.contains(.blocksMovement) { out.insert(.blocksMove) }
        if f.contains(.blocksVision) { out.insert(.blocksVision) }
        if f.contains(.isLiquid) { out.insert(.liquid) }
        self = out
    }
}

/// A native monster behaviour as a Core `MonsterBehaviour`.
struct NativeBehaviourRule: MonsterBehaviour {
    let native: NativeMonsterBehaviour

    func intent(monster: Int, game: inout Game, events: inout [GameEvent]) -> MonsterIntent {
        let at = PluginPoint(game.monsters[monster].position)
        let intent = LiveGameContext.with(&game, &events) { native.act(in: $0, monster: at) }
        switch intent {
        case nil, .useDefault?: return .defaultAI
        case .wait?: return .wait
        case .move(let to)?: return .move(toward: to.point)
        case .attack(let at)?: return .attack(at: at.point)
        case .flee?: return .flee
        }
    }
}

/// A native item effect as a Core `ItemExtensionEffect`.
struct NativeEffectRule: ItemExtensionEffect {
    let native: NativeItemEffect

    func apply(target: Point, power: Int, game: inout Game, events: inout [GameEvent]) -> Bool {
        LiveGameContext.with(&game, &events) { native.apply(in: $0, target: PluginPoint(target), power: Int32(clamping: power)) }
    }
}

/// A native event hook as a Core `EventHook`.
struct NativeHookRule: EventHook {
    let native: NativeEventHook

    func fire(_ event: RuleEvent, at cell: Point, game: inout Game, events: inout [GameEvent]) {
        guard let e = PluginEvent(rawValue: Int32(event.rawValue)) else { return }
        LiveGameContext.with(&game, &events) { native.fire(e, in: $0, at: PluginPoint(cell)) }
    }
}

/// A native generator stage as a Core `GenerationStage`.
struct NativeStageRule: GenerationStage {
    let native: NativeGeneratorStage

    func run(_ builder: inout LevelBuilder, rng: inout RandomStream) {
        withUnsafeMutablePointer(to: &builder) { b in
            withUnsafeMutablePointer(to: &rng) { r in native.run(on: LiveLevelContext(builder: b, rng: r)) }
        }
    }
}

/// A libffi-bound native as a Core `NativeRule`: whole numbers in, converted to the declared
/// types; the result read back as a whole number.
struct NativeFunctionRule: NativeRule {
    let function: NativeFunction

    var arity: Int { function.argumentTypes.count }

    var unusableReason: String? {
        if function.argumentTypes.contains(.string) { return "it takes a string [\(function.signature)], and content passes whole numbers" }
        if function.returnType == .string { return "it returns a string [\(function.signature)], and content needs a whole number" }
        return nil
    }

    func call(_ arguments: [Int]) -> Int? {
        var values: [NativeValue] = []
        for (a, t) in zip(arguments, function.argumentTypes) {
            switch t {
            case .int32: values.append(.int32(Int32(clamping: a)))
            case .int64: values.append(.int64(Int64(a)))
            case .double: values.append(.double(Double(a)))
            case .bool: values.append(.bool(a != 0))
            case .string: return nil
            }
        }
        do {
            switch try function.call(values) {
            case .int32(let v): return Int(v)
            case .int64(let v): return Int(v)
            case .bool(let v): return v ? 1 : 0
            case .double(let v): return v.isFinite ? Int(max(-1e9, min(1e9, v)).rounded(.down)) : nil
            case .string: return nil
            }
        } catch {
            PluginLog.write(.warning, "\(error)")
            return nil
        }
    }
}

extension LoadedNativePlugin {
    /// What this plugin registered, as rules a `ContentCatalog` can carry, keyed `<plugin-id>.<name>`.
    /// - Throws: `ExtensionError` when the plugin id is not lower-case letters, digits and '-'.
    public func ruleExtensions() throws(ExtensionError) -> RuleExtensions {
        var ext = RuleExtensions()
        for b in behaviours { try ext.add(behaviour: NativeBehaviourRule(native: b), named: b.qualifiedName) }
        for e in itemEffects { try ext.add(itemEffect: NativeEffectRule(native: e), named: e.qualifiedName) }
        for h in eventHooks {
            guard let event = h.event, let rule = RuleEvent(rawValue: Int(event.rawValue)) else { continue }
            try ext.add(hook: NativeHookRule(native: h), for: rule, named: h.qualifiedName)
        }
        for s in generatorStages { try ext.add(stage: NativeStageRule(native: s), named: s.qualifiedName) }
        for f in natives { try ext.add(native: NativeFunctionRule(function: f), named: "\(id).\(f.name)") }
        return ext
    }
}

extension PluginLoader {
    /// Every loaded plugin's rules, in load order.
    /// - Throws: `ExtensionError` for a bad plugin id or a name two plugins share.
    public func ruleExtensions() throws(ExtensionError) -> RuleExtensions {
        var all = RuleExtensions()
        for p in plugins { try all.merge(p.ruleExtensions()) }
        return all
    }

    /// Loads `libraries` (plugin id from each file name when not given) and returns `catalog` with their rules.
    ///
    /// Until plugin.yaml wiring lands, the plugin id of a library given as a bare path is its file
    /// name without `lib` and the extension (`libexample_c.so` -> `example-c`).
    /// - Parameters:
    ///   - libraries: `id=path` or `path`, in load order.
    ///   - catalog: the content to extend.
    /// - Returns: the catalog carrying every loaded plugin's rules.
    /// - Throws: the first `PluginError`, or a `CatalogError` when content names a missing extension.
    public func extend(_ catalog: ContentCatalog, libraries: [String]) throws -> ContentCatalog {
        for spec in libraries {
            let (id, path) = Self.split(spec)
            try load(library: path, pluginID: id)
        }
        return try catalog.adding(ruleExtensions())
    }

    /// `id=path` -> (id, path); a bare path -> (its derived id, path).
    static func split(_ spec: String) -> (String, String) {
        if let eq = spec.firstIndex(of: "="), !spec[..<eq].contains("/") {
            return (String(spec[..<eq]), String(spec[spec.index(after: eq)...]))
        }
        var name = Substring(spec.split(separator: "/").last ?? Substring(spec))
        if name.hasPrefix("lib") { name = name.dropFirst(3) }
        if let dot = name.firstIndex(of: ".") { name = name[..<dot] }
        return (name.lowercased().replacingOccurrences(of: "_", with: "-"), spec)
    }
}
