public import BrogueCore

/// What the targeting cursor is aiming, where, and the path the missile or bolt would take.
public struct Targeting: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case throwItem, zap
    }

    public var purpose: Purpose
    public var letter: Letter
    public var cursor: Point
    /// The cells the thrown item or bolt would cross, drawn before the player confirms.
    public var path: [Point]
}

/// Aiming: Tab cycles through the monsters in view (nearest first), the movement keys move the
/// cursor, Enter confirms and Esc cancels; a mouse click on a map cell (the key `click:x,y`, in
/// screen cells, as the browser sends it) aims there and confirms. The action stored names the
/// target cell, so replays never depend on what the cursor did.
extension PlaySession {
    func startAiming(_ purpose: Targeting.Purpose, _ letter: Letter) {
        let last = lastTargetID.flatMap { id in targets.first { $0.id == id } }
        let cursor = (last ?? targets.first { $0.isHostile } ?? targets.first)?.position ?? game.player.position
        mode = .aim(targeting(purpose, letter, at: cursor))
    }

    /// The monsters the cursor can jump to: those in plain view, nearest first.
    var targets: [Creature] { game.visibleMonsters.filter { game.visible[$0.position] } }

    func aim(_ t: Targeting, key: String) throws {
        if let clicked = Self.mapCell(clicked: key) {
            guard game.level.contains(clicked), clicked != game.player.position else { return }
            try fire(targeting(t.purpose, t.letter, at: clicked))
            return
        }
        switch key {
        case "tab", "back-tab":
            let list = targets
            guard !list.isEmpty else { return }
            let at = list.firstIndex { $0.position == t.cursor }
            let next = at.map { (key == "tab" ? $0 + 1 : $0 - 1 + list.count) % list.count } ?? 0
            mode = .aim(targeting(t.purpose, t.letter, at: list[next].position))
            return
        default: break
        }
        switch keymap.command(for: key) {
        case .move(let d): moveCursor(t, d, by: 1)
        case .run(let d): moveCursor(t, d, by: 5)
        case .cancel:
            mode = .normal
            log.add("You lower your aim.", .info, turn: game.turn)
        case .confirm: try fire(t)
        default: break
        }
    }

    /// The map cell under a click, from the key `click:x,y` naming a screen cell; nil for any other key.
    static func mapCell(clicked key: String) -> Point? {
        guard key.hasPrefix("click:") else { return nil }
        let parts = key.dropFirst("click:".count).split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let x = Int(parts[0]), let y = Int(parts[1]) else { return nil }
        return Point(x - Layout.mapX, y - Layout.mapY)
    }

    private func moveCursor(_ t: Targeting, _ d: Direction, by steps: Int) {
        var p = t.cursor
        for _ in 0..<steps where game.level.contains(p + d.offset) { p = p + d.offset }
        mode = .aim(targeting(t.purpose, t.letter, at: p))
    }

    private func fire(_ t: Targeting) throws {
        mode = .normal
        if let m = game.monsterIndex(at: t.cursor) { lastTargetID = game.monsters[m].id }
        switch t.purpose {
        case .throwItem: try act(.throwItem(t.letter, at: t.cursor))
        case .zap: try act(.zap(t.letter, at: t.cursor))
        }
    }

    private func targeting(_ purpose: Targeting.Purpose, _ letter: Letter, at cursor: Point) -> Targeting {
        let path: [Point]
        switch purpose {
        case .throwItem: path = game.thrownPath(toward: cursor)
        case .zap:
            let bolt = game.bolt(of: letter)
            path = game.boltPath(toward: cursor, reach: bolt?.reach ?? 20, passesThroughCreatures: bolt?.passesThroughCreatures ?? false)
        }
        return Targeting(purpose: purpose, letter: letter, cursor: cursor, path: path)
    }

    /// The prompt shown while aiming: what is aimed, at what.
    public func aimPrompt(_ t: Targeting) -> String {
        let item = game.inventory[t.letter].map { game.displayName($0) } ?? "it"
        let what: String
        if t.cursor == game.player.position {
            what = "yourself"
        } else if let m = game.monsterIndex(at: t.cursor), game.canSee(game.monsters[m]) {
            what = "the \(game.catalog.monsters[game.apparentKind(of: game.monsters[m])].name)"
        } else {
            what = "that spot"
        }
        let verb = t.purpose == .zap ? "Zap" : "Throw"
        return "\(verb) \(item) at \(what): Tab next, keys move, Enter \(verb.lowercased()), Esc cancel"
    }
}
