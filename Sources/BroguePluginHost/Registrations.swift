import CBroguePlugin

/// What a monster behaviour asks its monster to do this turn.
public enum PluginIntent: Equatable, Sendable {
    /// Let the built-in AI decide.
    case useDefault
    /// Spend the turn in place.
    case wait
    /// Step towards a cell.
    case move(to: PluginPoint)
    /// Attack whoever stands on a cell.
    case attack(at: PluginPoint)
    /// Start fleeing (ABI 1.1).
    case flee
}

/// Events an event hook can be called for.
public enum PluginEvent: Int32, Sendable, CaseIterable {
    case turn = 1
    case death = 2
    case levelEntered = 3
}

/// A monster behaviour a native plugin registered, callable through its C function pointer.
public struct NativeMonsterBehaviour: @unchecked Sendable {
    /// The name the plugin registered.
    public let name: String
    /// `<plugin-id>.<name>`, as YAML refers to it.
    public let qualifiedName: String
    let act: @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, brogue_point, UnsafeMutablePointer<brogue_intent>?) -> brogue_status

    /// Asks the behaviour what the monster at `monster` does.
    /// - Parameters:
    ///   - game: the game the behaviour reads and draws random numbers from.
    ///   - monster: where the acting monster stands.
    /// - Returns: the intent, or `nil` when the plugin returned an error (use the built-in AI).
    public func act(in game: any PluginGameContext, monster: PluginPoint) -> PluginIntent? {
        var intent = brogue_intent(
            size: MemoryLayout<brogue_intent>.size,
            kind: brogue_intent_kind(BROGUE_INTENT_DEFAULT),
            target: brogue_point(x: 0, y: 0)
        )
        let status = GameBox.with(game) { g in act(HostTable.api, g, brogue_point(x: monster.x, y: monster.y), &intent) }
        guard status == BROGUE_STATUS_OK else { return nil }
        let target = PluginPoint(x: intent.target.x, y: intent.target.y)
        switch intent.kind {
        case brogue_intent_kind(BROGUE_INTENT_WAIT): return .wait
        case brogue_intent_kind(BROGUE_INTENT_MOVE): return .move(to: target)
        case brogue_intent_kind(BROGUE_INTENT_ATTACK): return .attack(at: target)
        case brogue_intent_kind(BROGUE_INTENT_FLEE): return .flee
        default: return .useDefault
        }
    }
}

/// An item effect a native plugin registered.
public struct NativeItemEffect: @unchecked Sendable {
    /// The name the plugin registered.
    public let name: String
    /// `<plugin-id>.<name>`, as YAML refers to it.
    public let qualifiedName: String
    let apply: @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, brogue_point, Int32) -> brogue_status

    /// Applies the effect.
    /// - Parameters:
    ///   - game: the game the effect reads and draws random numbers from.
    ///   - target: the cell the item was used on.
    ///   - power: the item's power (enchantment, potency).
    /// - Returns: whether the plugin reported that the effect took place.
    public func apply(in game: any PluginGameContext, target: PluginPoint, power: Int32) -> Bool {
        GameBox.with(game) { g in apply(HostTable.api, g, brogue_point(x: target.x, y: target.y), power) } == BROGUE_STATUS_OK
    }
}

/// An event hook a native plugin registered.
public struct NativeEventHook: @unchecked Sendable {
    /// The name the plugin registered.
    public let name: String
    /// `<plugin-id>.<name>`.
    public let qualifiedName: String
    /// The event the hook subscribed to, or `nil` for a kind this host does not know (never called).
    public let event: PluginEvent?
    let onEvent: @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, brogue_event_kind, brogue_point) -> Void

    /// Calls the hook, if `event` is the one it subscribed to.
    /// - Parameters:
    ///   - event: what happened.
    ///   - game: the game after the event.
    ///   - at: where (the player for turns and levels, the dead creature's cell for deaths).
    public func fire(_ event: PluginEvent, in game: any PluginGameContext, at cell: PluginPoint) {
        guard event == self.event else { return }
        GameBox.with(game) { g in onEvent(HostTable.api, g, event.rawValue, brogue_point(x: cell.x, y: cell.y)) }
    }
}

/// A level generator stage a native plugin registered.
public struct NativeGeneratorStage: @unchecked Sendable {
    /// The name the plugin registered.
    public let name: String
    /// `<plugin-id>.<name>`.
    public let qualifiedName: String
    let run: @convention(c) (UnsafePointer<brogue_host_api>?, OpaquePointer?, Int32) -> Void

    /// Runs the stage on a level under construction.
    /// - Parameters:
    ///   - level: the level the stage reads, changes and draws random numbers from.
    public func run(on level: any PluginLevelContext) {
        LevelBox.with(level) { l in run(HostTable.api, l, level.depth) }
    }
}

/// Collects what one plugin registers during `brogue_plugin_init`; nothing is kept unless all of it is valid.
final class RegistrationCollector {
    let pluginID: String
    let file: String
    let taken: [String: String]
    var behaviours: [NativeMonsterBehaviour] = []
    var effects: [NativeItemEffect] = []
    var hooks: [NativeEventHook] = []
    var stages: [NativeGeneratorStage] = []
    var errors: [PluginError] = []
    private var mine: Set<String> = []

    init(pluginID: String, file: String, taken: [String: String]) {
        self.pluginID = pluginID
        self.file = file
        self.taken = taken
    }

    /// Every qualified name this plugin registered, with its kind, for the loader's namespace.
    var names: [String] { Array(mine) }

    /// Copies a size-tagged struct, refusing one whose `size` does not reach the fields the host needs.
    private func read<T>(_ raw: UnsafeRawPointer, as: T.Type, kind: String) -> (T, String)? {
        let size = raw.loadUnaligned(as: UInt.self)
        let nameOffset = MemoryLayout<UInt>.stride
        var shownName = "(unnamed)"
        if size >= UInt(nameOffset + MemoryLayout<UnsafePointer<CChar>?>.size),
            let name = raw.loadUnaligned(fromByteOffset: nameOffset, as: UnsafePointer<CChar>?.self)
        {
            shownName = String(cString: name)
        }
        let needed = MemoryLayout<T>.size
        guard size >= UInt(needed) else {
            errors.append(
                PluginError(
                    .registrationTooSmall,
                    "plugin '\(pluginID)' (\(file)): \(kind) '\(shownName)' has size \(size) bytes, but ABI \(PluginABIVersion.host) needs at least \(needed); "
                        + "set .size = sizeof(the struct) and build against brogue_plugin.h"
                )
            )
            return nil
        }
        let copy = UnsafeMutableRawPointer.allocate(byteCount: needed, alignment: MemoryLayout<T>.alignment)
        defer { copy.deallocate() }
        copy.copyMemory(from: raw, byteCount: needed)
        return (copy.load(as: T.self), shownName)
    }

    /// Checks the name and claims `<plugin-id>.<name>` for `kind`; appends an error and returns nil when it cannot.
    private func claim(_ name: UnsafePointer<CChar>?, hasCallback: Bool, kind: String) -> (String, String)? {
        guard let name else {
            errors.append(PluginError(.invalidRegistration, "plugin '\(pluginID)' (\(file)): a \(kind) was registered with a NULL name"))
            return nil
        }
        let text = String(cString: name)
        let valid = !text.isEmpty && text.utf8.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
        guard valid else {
            errors.append(
                PluginError(.invalidRegistration, "plugin '\(pluginID)' (\(file)): \(kind) name '\(text)' must be lower-case letters, digits and '-'")
            )
            return nil
        }
        guard hasCallback else {
            errors.append(PluginError(.invalidRegistration, "plugin '\(pluginID)' (\(file)): \(kind) '\(text)' has a NULL callback"))
            return nil
        }
        let qualified = "\(pluginID).\(text)"
        let key = "\(kind) \(qualified)"
        if let owner = taken[key] {
            errors.append(
                PluginError(
                    .duplicateName,
                    "plugin '\(pluginID)' (\(file)): \(kind) '\(qualified)' is already registered by \(owner); "
                        + "remove one of the two plugins or rename the \(kind)"
                )
            )
            return nil
        }
        guard mine.insert(key).inserted else {
            errors.append(PluginError(.duplicateName, "plugin '\(pluginID)' (\(file)): \(kind) '\(qualified)' is registered twice"))
            return nil
        }
        return (text, qualified)
    }

    func add(behaviour raw: UnsafeRawPointer) -> brogue_status {
        guard let (b, _) = read(raw, as: brogue_monster_behavior.self, kind: "monster behaviour"),
            let (name, qualified) = claim(b.name, hasCallback: b.act != nil, kind: "monster behaviour")
        else { return brogue_status(BROGUE_STATUS_ERROR) }
        behaviours.append(NativeMonsterBehaviour(name: name, qualifiedName: qualified, act: b.act))
        return brogue_status(BROGUE_STATUS_OK)
    }

    func add(effect raw: UnsafeRawPointer) -> brogue_status {
        guard let (e, _) = read(raw, as: brogue_item_effect.self, kind: "item effect"),
            let (name, qualified) = claim(e.name, hasCallback: e.apply != nil, kind: "item effect")
        else { return brogue_status(BROGUE_STATUS_ERROR) }
        effects.append(NativeItemEffect(name: name, qualifiedName: qualified, apply: e.apply))
        return brogue_status(BROGUE_STATUS_OK)
    }

    func add(hook raw: UnsafeRawPointer) -> brogue_status {
        guard let (h, _) = read(raw, as: brogue_event_hook.self, kind: "event hook"),
            let (name, qualified) = claim(h.name, hasCallback: h.on_event != nil, kind: "event hook")
        else { return brogue_status(BROGUE_STATUS_ERROR) }
        hooks.append(NativeEventHook(name: name, qualifiedName: qualified, event: PluginEvent(rawValue: h.event), onEvent: h.on_event))
        return brogue_status(BROGUE_STATUS_OK)
    }

    func add(stage raw: UnsafeRawPointer) -> brogue_status {
        guard let (g, _) = read(raw, as: brogue_generator_stage.self, kind: "generator stage"),
            let (name, qualified) = claim(g.name, hasCallback: g.run != nil, kind: "generator stage")
        else { return brogue_status(BROGUE_STATUS_ERROR) }
        stages.append(NativeGeneratorStage(name: name, qualifiedName: qualified, run: g.run))
        return brogue_status(BROGUE_STATUS_OK)
    }

    /// Runs `body` with a registrar whose calls land in this collector; the registrar is invalid afterwards.
    func withRegistrar<R>(_ body: (UnsafeMutablePointer<brogue_registrar>) -> R) -> R {
        withExtendedLifetime(self) {
            var registrar = brogue_registrar(
                size: MemoryLayout<brogue_registrar>.size,
                state: OpaquePointer(Unmanaged.passUnretained(self).toOpaque()),
                register_monster_behavior: { state, behaviour in
                    guard let state, let behaviour else { return brogue_status(BROGUE_STATUS_ERROR) }
                    return Unmanaged<RegistrationCollector>.fromOpaque(UnsafeRawPointer(state)).takeUnretainedValue().add(behaviour: behaviour)
                },
                register_item_effect: { state, effect in
                    guard let state, let effect else { return brogue_status(BROGUE_STATUS_ERROR) }
                    return Unmanaged<RegistrationCollector>.fromOpaque(UnsafeRawPointer(state)).takeUnretainedValue().add(effect: effect)
                },
                register_event_hook: { state, hook in
                    guard let state, let hook else { return brogue_status(BROGUE_STATUS_ERROR) }
                    return Unmanaged<RegistrationCollector>.fromOpaque(UnsafeRawPointer(state)).takeUnretainedValue().add(hook: hook)
                },
                register_generator_stage: { state, stage in
                    guard let state, let stage else { return brogue_status(BROGUE_STATUS_ERROR) }
                    return Unmanaged<RegistrationCollector>.fromOpaque(UnsafeRawPointer(state)).takeUnretainedValue().add(stage: stage)
                }
            )
            return body(&registrar)
        }
    }
}
