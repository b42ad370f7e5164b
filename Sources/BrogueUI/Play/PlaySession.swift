public import BrogueCore

/// One game being played through a keyboard: turns key names into actions, keeps the
/// message log, runs multi-step commands (explore, travel, rest), and asks for items.
///
/// It draws nothing and reads no keys itself, so front ends (the terminal, the network node)
/// and tests drive it the same way:
///
/// ```swift
/// let session = PlaySession(game: game, keymap: .standard, recorder: store)
/// try session.handle(key: "l")                 // one step east
/// while session.isRunning { try session.step() }  // finish an `x` explore
/// ```
public final class PlaySession {
    public enum Mode: Equatable, Sendable {
        case normal
        /// Waiting for an inventory letter for `purpose`.
        case chooseItem(ItemPurpose)
        case confirmAbandon
        /// Waiting for y before a step into a hazard the player can see (`Game.hazardWarning`).
        case confirmStep(Direction, question: String)
        /// Aiming a throw or a zap with the targeting cursor.
        case aim(Targeting)
        case inventory
        case help
        case discoveries
        /// The ally screen.
        case allies
        /// Message history, scrolled back by `offset` lines.
        case messages(offset: Int)
        case gameOver
    }

    public enum ItemPurpose: String, Sendable {
        case equip, remove, quaff, read, eat
        case throwItem = "throw"
        case zap
        case useCharm = "use"
        case drop
    }

    /// What `perform(_:)` did: the action's events and, unless the rules refused it, what was stored.
    public struct Performed: Sendable {
        public var events: [GameEvent]
        public var recorded: RecordedAction?
    }

    /// What `press(key:)` did: the outcome of the key and every action stored on its way.
    public struct Pressed: Sendable {
        public var outcome: Outcome
        public var recorded: [RecordedAction]
    }

    /// What the front end should do after a key.
    public enum Outcome: Equatable, Sendable {
        case `continue`
        /// Leave the game screen; the game is saved and can be continued.
        case saveAndQuit
        /// The player gave up; the game is over.
        case abandoned
        /// The game ended (death or victory) and the player has seen the end screen.
        case finished
    }

    enum Run: Equatable {
        case explore, travelDown, travelUp, restUntilBetter
        case direction(Direction)
        /// Working at the shackles of the captive in that direction until it is free.
        case free(Direction)
    }

    public private(set) var game: Game
    public internal(set) var log: MessageLog
    /// How the game's terrain draws, kept from one frame to the next (`GameView.render`).
    var looks: MapPainter.Looks?
    public internal(set) var mode: Mode = .normal
    public var keymap: Keymap
    private let recorder: (any ActionRecorder)?
    private var run: Run?
    private var runSteps = 0
    /// What the recorder stored since the last key or action (`press(key:)` and `perform(_:)` return it).
    private var stored: [RecordedAction] = []
    /// Monsters in view when the current run started or last stepped.
    private var seenIDs: Set<Int> = []
    /// The monster last aimed at; the cursor starts on it while it is in view.
    var lastTargetID: Int?

    public init(game: Game, keymap: Keymap = .standard, recorder: (any ActionRecorder)?, log: MessageLog = MessageLog()) {
        self.game = game
        self.keymap = keymap
        self.recorder = recorder
        self.log = log
        if log.entries.isEmpty {
            let depth = game.catalog.spawns.dungeon.amuletDepth
            self.log.add("Welcome to the dungeon. Find the Amulet of Yendor on depth \(depth) and escape with it. Press ? for help.", .info, turn: 0)
        }
        if game.isOver { mode = .gameOver }
    }

    /// Applies a recorded action without storing it, as a replay does.
    @discardableResult
    public func replay(_ action: Action) -> [GameEvent] {
        var events: [GameEvent] = []
        game = {
            var g = game
            events = g.apply(action)
            return g
        }()
        log.record(events, turn: game.turn)
        if game.isOver { mode = .gameOver }
        return events
    }

    /// Applies one action as if a key had asked for it: stored through the recorder first,
    /// then kept and logged. A network client that sends actions rather than keys uses this.
    /// - Returns: the action's events (a `.refused` event means nothing changed or was stored) and what was stored.
    /// - Throws: what the recorder throws; the session then keeps the game as it was.
    @discardableResult
    public func perform(_ action: Action) throws -> Performed {
        run = nil
        stored = []
        let events = try act(action)
        return Performed(events: events, recorded: stored.last)
    }

    /// Handles a key as `handle(key:)` does and plays any run it starts (explore, travel, rest)
    /// to its end: what a front end that cannot interrupt a run between steps uses.
    /// - Returns: the key's outcome and what was stored, in order; actions stored before a
    ///   throw stay stored, and the game keeps them.
    @discardableResult
    public func press(key: String) throws -> Pressed {
        let outcome = try handle(key: key)
        while isRunning { try step() }
        return Pressed(outcome: outcome, recorded: stored)
    }

    /// Whether a multi-step command is under way; call `step()` until it is not.
    public var isRunning: Bool { run != nil }

    /// Interrupts a running command (a key was pressed).
    public func interrupt() { run = nil }

    /// Handles one key, by its config name (`k`, `up`, `escape`, ...).
    @discardableResult
    public func handle(key: String) throws -> Outcome {
        run = nil
        stored = []
        switch mode {
        case .gameOver:
            return .finished
        case .help, .inventory, .discoveries, .allies:
            mode = .normal
            return .continue
        case .messages(let offset):
            switch key {
            case "up", "k", "8": mode = .messages(offset: min(offset + 1, max(0, log.entries.count - 1)))
            case "down", "j", "2": mode = .messages(offset: max(0, offset - 1))
            case "page-up": mode = .messages(offset: min(offset + 10, max(0, log.entries.count - 1)))
            case "page-down": mode = .messages(offset: max(0, offset - 10))
            default: mode = .normal
            }
            return .continue
        case .confirmAbandon:
            if key == "y" || key == "Y" {
                mode = .gameOver
                return .abandoned
            }
            mode = .normal
            log.add("You keep going.", .info, turn: game.turn)
            return .continue
        case .confirmStep(let dir, _):
            mode = .normal
            guard key == "y" || key == "Y" else {
                log.add("You stay where you are.", .info, turn: game.turn)
                return .continue
            }
            try act(.move(dir))
            if game.isOver { mode = .gameOver }
            return .continue
        case .aim(let targeting):
            try aim(targeting, key: key)
            return .continue
        case .chooseItem(let purpose):
            mode = .normal
            guard let c = key.first, key.count == 1, let letter = Letter(c) else {
                return .continue  // any other key cancels
            }
            try chose(letter, for: purpose)
            return .continue
        case .normal:
            guard let command = keymap.command(for: key) else {
                if key != "escape" { log.add("Unknown key '\(key)'. Press ? for the list of keys.", .warning, turn: game.turn) }
                return .continue
            }
            return try perform(command)
        }
    }

    private func perform(_ command: Command) throws -> Outcome {
        switch command {
        case .move(let d):
            if captive(toward: d) != nil {
                start(.free(d))
            } else if let question = game.hazardWarning(for: d) {
                mode = .confirmStep(d, question: question)
            } else {
                try act(.move(d))
            }
        case .run(let d): start(.direction(d))
        case .rest: try act(.rest)
        case .restUntilBetter: start(.restUntilBetter)
        case .search: try act(.search)
        case .explore: start(.explore)
        case .travelDown: start(.travelDown)
        case .travelUp: start(.travelUp)
        case .pickUp: try act(.pickUp)
        case .inventory: mode = .inventory
        case .equip: ask(.equip)
        case .remove: ask(.remove)
        case .quaff: ask(.quaff)
        case .read: ask(.read)
        case .eat: ask(.eat)
        case .throwItem: ask(.throwItem)
        case .zap: ask(.zap)
        case .useCharm: ask(.useCharm)
        case .drop: ask(.drop)
        case .discoveries: mode = .discoveries
        case .allies: mode = .allies
        case .messages: mode = .messages(offset: 0)
        case .help: mode = .help
        case .saveAndQuit:
            log.add("Game saved.", .info, turn: game.turn)
            return .saveAndQuit
        case .abandon: mode = .confirmAbandon
        case .cancel, .confirm: break
        }
        if game.isOver { mode = .gameOver }
        return .continue
    }

    /// The letters that make sense for `purpose`, in order.
    public func candidates(for purpose: ItemPurpose) -> [Letter] {
        game.inventory.letters.filter { l in
            let kind = game.catalog.items[game.inventory[l]!.kind]
            switch purpose {
            case .equip: return [.weapon, .armor, .ring].contains(kind.category) && !game.inventory.isEquipped(l)
            case .remove: return game.inventory.isEquipped(l)
            case .quaff: return kind.category == .potion
            case .read: return kind.category == .scroll
            case .eat: return kind.category == .food
            case .throwItem: return !game.inventory.isEquipped(l)
            case .zap: return kind.category == .staff || kind.category == .wand
            case .useCharm: return kind.category == .charm
            case .drop: return true
            }
        }
    }

    private func ask(_ purpose: ItemPurpose) {
        if candidates(for: purpose).isEmpty {
            log.add("You have nothing to \(purpose.rawValue).", .warning, turn: game.turn)
        } else {
            mode = .chooseItem(purpose)
        }
    }

    private func chose(_ letter: Letter, for purpose: ItemPurpose) throws {
        guard candidates(for: purpose).contains(letter) else {
            log.add("You can't \(purpose.rawValue) that.", .warning, turn: game.turn)
            return
        }
        switch purpose {
        case .equip: try act(.equip(letter))
        case .remove: try act(.remove(letter))
        case .quaff: try act(.quaff(letter))
        case .read:
            let kind = game.catalog.items[game.inventory[letter]!.kind]
            let target = kind.effect == ItemEffect.enchant.rawValue ? (game.inventory.armor ?? game.inventory.weapon) : nil
            try act(.read(letter, target: target))
        case .eat: try act(.eat(letter))
        case .useCharm: try act(.use(letter))
        case .drop: try act(.drop(letter))
        case .throwItem: startAiming(.throwItem, letter)
        case .zap:
            if game.isAimed(letter) {
                startAiming(.zap, letter)
            } else {
                try act(.zap(letter, at: game.player.position))
            }
        }
    }

    /// Applies one action, stores it, and logs its messages. Returns its events.
    @discardableResult
    func act(_ action: Action) throws -> [GameEvent] {
        var next = game
        let events = next.apply(action)
        let refused = events.contains { if case .refused = $0 { true } else { false } }
        if !refused, let recorder { stored.append(try recorder.record(action, after: next)) }
        game = next
        log.record(events, turn: game.turn)
        if game.isOver {
            mode = .gameOver
            run = nil
        }
        return events
    }

    private func start(_ r: Run) {
        run = r
        runSteps = 0
        seenIDs = Set(game.visibleMonsters.map(\.id))
    }

    /// Performs the next step of the running command, stopping it when something happens
    /// that the player should see: a new monster, damage, an item, a message, the goal.
    public func step() throws {
        guard let r = run else { return }
        runSteps += 1
        let hpBefore = game.player.hp
        let depthBefore = game.depth
        let action: Action
        switch r {
        case .explore: action = .exploreStep
        case .restUntilBetter:
            guard game.player.hp < game.player.maxHP, runSteps <= 300 else {
                run = nil
                return
            }
            action = .search
        case .direction(let d): action = .move(d)
        case .free(let d):
            guard captive(toward: d) != nil else {
                run = nil
                return
            }
            action = .move(d)
        case .travelDown, .travelUp:
            let down = r == .travelDown
            let stairs = down ? game.level.downStairs : game.level.upStairs
            if game.player.position == stairs {
                action = down ? .descend : .ascend
                run = nil
            } else if game.isKnown(stairs) {
                action = .travel(to: stairs)
            } else {
                log.add("You have not found the way \(down ? "down" : "up") yet.", .warning, turn: game.turn)
                run = nil
                return
            }
        }
        if case .direction(let d) = r, game.monsterIndex(at: game.player.position + d.offset) != nil || game.hazardWarning(for: d) != nil {
            run = nil  // running never attacks, and never steps into a hazard
            return
        }
        let events = try act(action)
        guard run != nil else { return }
        let seen = Set(game.visibleMonsters.map(\.id))
        let newMonster = !seen.isSubset(of: seenIDs)
        seenIDs = seen
        var stop = newMonster || game.player.hp < hpBefore || game.depth != depthBefore || runSteps >= 2_000
        for e in events {
            switch e {
            case .refused, .explored, .pickedUp, .levelUp, .identified: stop = true
            case .message(_, let kind) where kind != .info: stop = true
            default: break
            }
        }
        if case .direction = r, !seen.isEmpty { stop = true }
        if events.contains(.explored) { log.add("Nothing left to explore here. Press > to travel to the stairs down.", .info, turn: game.turn) }
        if stop, case .free(let d) = r, let m = captive(toward: d) {
            log.add("You stop working at the \(game.catalog.monsters[m.kind].name)'s shackles.", .warning, turn: game.turn)
        }
        if stop { run = nil }
    }

    /// The captive in shackles next to the player in direction `d`, if one is there.
    func captive(toward d: Direction) -> Creature? {
        guard let i = game.monsterIndex(at: game.player.position + d.offset), game.monsters[i].state == .captive else { return nil }
        return game.monsters[i]
    }
}
