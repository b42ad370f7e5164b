/// An item effect added by a plugin: an item kind's `effect` names it (`<plugin-id>.<name>`).
///
/// ```swift
/// struct Spark: ItemExtensionEffect {
///     func apply(target: Point, power: Int, game: inout Game, events: inout [GameEvent]) -> Bool {
///         game.say("Sparks fly.", .info, &events)
///         return true
///     }
/// }
/// ```
public protocol ItemExtensionEffect: Sendable {
    /// Applies the effect.
    /// - Parameters:
    ///   - target: the cell the item works on (the player's, for potions and scrolls).
    ///   - power: the item kind's `power`.
    ///   - game: the game to change.
    ///   - events: where messages go.
    /// - Returns: whether the effect took place.
    func apply(target: Point, power: Int, game: inout Game, events: inout [GameEvent]) -> Bool
}

/// Events a hook can be called for.
public enum RuleEvent: Int, Hashable, Sendable, CaseIterable {
    /// Once per turn, after hunger and statuses; at the player.
    case turn = 1
    /// A creature died; at the cell where it died.
    case death = 2
    /// The player arrived on another depth; at the player.
    case levelEntered = 3
}

/// An event hook added by a plugin; called after the rules have applied the event.
///
/// ```swift
/// struct Toll: EventHook {
///     func fire(_ event: RuleEvent, at cell: Point, game: inout Game, events: inout [GameEvent]) {
///         game.say("A bell tolls.", .info, &events)
///     }
/// }
/// ```
public protocol EventHook: Sendable {
    /// Reacts to `event`.
    /// - Parameters:
    ///   - event: what happened.
    ///   - cell: where it happened.
    ///   - game: the game after the event.
    ///   - events: where messages go.
    func fire(_ event: RuleEvent, at cell: Point, game: inout Game, events: inout [GameEvent])
}

/// Why an extension could not be added, or a catalog names one that does not exist.
public struct ExtensionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The rules plugins add to a game: monster behaviours, item effects, event hooks, level
/// generator stages and natives content may call, each keyed `<plugin-id>.<name>`.
///
/// A `ContentCatalog` carries them (`ContentCatalog.adding(_:)`), so every `Game` built from the
/// catalog calls them. Extensions never read clocks and draw randomness only from the game's
/// (or, for stages, the level's) `RandomStream`, so games stay deterministic. Entries are kept in
/// the order they were added; the dictionaries are only ever probed by key.
///
/// ```swift
/// var ext = RuleExtensions()
/// try ext.add(behaviour: Coward(), named: "mine.coward")
/// let catalog = try base.adding(ext)
/// ```
public struct RuleExtensions: Sendable {
    /// One event hook and the event it is called for.
    public struct Hook: Sendable {
        public let name: String
        public let event: RuleEvent
        public let hook: any EventHook
    }

    /// One generator stage, run after the built-in stages and before light is computed.
    public struct Stage: Sendable {
        public let name: String
        public let stage: any GenerationStage
    }

    public private(set) var behaviours: [String: any MonsterBehaviour] = [:]
    public private(set) var itemEffects: [String: any ItemExtensionEffect] = [:]
    public private(set) var hooks: [Hook] = []
    public private(set) var stages: [Stage] = []
    /// Native functions content may call (`NativeCall`).
    public private(set) var natives: [String: any NativeRule] = [:]
    /// "<kind> <name>" in the order added: what the content hash covers.
    public private(set) var names: [String] = []

    public init() {}

    public var isEmpty: Bool { names.isEmpty }

    /// Whether `name` looks like `<plugin-id>.<name>`: two non-empty parts of lower-case letters, digits and '-'.
    public static func isQualified(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d } }
    }

    private mutating func claim(_ name: String, kind: String) throws(ExtensionError) {
        guard Self.isQualified(name) else {
            throw ExtensionError("\(kind) name '\(name)' must be '<plugin-id>.<name>', lower-case letters, digits and '-'")
        }
        let key = "\(kind) \(name)"
        guard !names.contains(key) else { throw ExtensionError("\(kind) '\(name)' is added twice") }
        names.append(key)
    }

    /// Adds a monster behaviour.
    /// - Throws: `ExtensionError` for a badly formed or repeated name.
    public mutating func add(behaviour: any MonsterBehaviour, named name: String) throws(ExtensionError) {
        try claim(name, kind: "monster behaviour")
        behaviours[name] = behaviour
    }

    /// Adds an item effect.
    /// - Throws: `ExtensionError` for a badly formed or repeated name.
    public mutating func add(itemEffect: any ItemExtensionEffect, named name: String) throws(ExtensionError) {
        try claim(name, kind: "item effect")
        itemEffects[name] = itemEffect
    }

    /// Adds an event hook for one event.
    /// - Throws: `ExtensionError` for a badly formed or repeated name.
    public mutating func add(hook: any EventHook, for event: RuleEvent, named name: String) throws(ExtensionError) {
        try claim(name, kind: "event hook")
        hooks.append(Hook(name: name, event: event, hook: hook))
    }

    /// Adds a generator stage; stages run in the order added.
    /// - Throws: `ExtensionError` for a badly formed or repeated name.
    public mutating func add(stage: any GenerationStage, named name: String) throws(ExtensionError) {
        try claim(name, kind: "generator stage")
        stages.append(Stage(name: name, stage: stage))
    }

    /// Adds a native function content may call.
    /// - Throws: `ExtensionError` for a badly formed or repeated name.
    public mutating func add(native: any NativeRule, named name: String) throws(ExtensionError) {
        try claim(name, kind: "native")
        natives[name] = native
    }

    /// Adds everything from `other` after this set's entries.
    /// - Throws: `ExtensionError` when a name is in both.
    public mutating func merge(_ other: RuleExtensions) throws(ExtensionError) {
        for key in other.names {
            guard !names.contains(key) else { throw ExtensionError("\(key) is added twice") }
            names.append(key)
        }
        // Inserting into a dictionary is the same whatever the order, so iterating these is safe.
        behaviours.merge(other.behaviours) { a, _ in a }
        itemEffects.merge(other.itemEffects) { a, _ in a }
        natives.merge(other.natives) { a, _ in a }
        hooks += other.hooks
        stages += other.stages
    }
}
