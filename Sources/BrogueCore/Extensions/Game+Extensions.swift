/// What plugins may do to a game: small, checked actions on cells, for `RuleExtensions` entries
/// (and the native plugin host, which calls them for C and Swift plugins).
extension Game {
    /// A creature on the current level: the player, or a monster by index into `monsters`.
    public enum CreatureRef: Hashable, Sendable {
        case player
        case monster(Int)
    }

    /// Who stands on `cell`, if anyone alive.
    public func creature(at cell: Point) -> CreatureRef? {
        if player.position == cell { return .player }
        if let i = monsters.firstIndex(where: { $0.position == cell && $0.hp > 0 }) { return .monster(i) }
        return nil
    }

    /// How many items lie on `cell` of the current level.
    public func itemCount(at cell: Point) -> Int { level.items.reduce(0) { $0 + ($1.position == cell ? 1 : 0) } }

    /// Walking distance from `cell` to the player (hazards and walls count as blocked), or nil when it cannot be walked.
    public mutating func distanceToPlayer(from cell: Point) -> Int? {
        guard level.flags.contains(cell) else { return nil }
        refreshPlayerMap()
        let d = scratch.playerMap.distances[cell]
        return d < DijkstraMap.unreachable ? Int(d) : nil
    }

    /// Adds a message to the events of the current action.
    public func say(_ text: String, _ kind: MessageKind, _ events: inout [GameEvent]) {
        events.append(.message(text, kind))
    }

    /// Takes hit points from whoever stands on `cell`; kills it at 0.
    /// - Returns: whether someone was there.
    @discardableResult
    public mutating func damage(at cell: Point, amount: Int, cause: String, _ events: inout [GameEvent]) -> Bool {
        switch creature(at: cell) {
        case nil: return false
        case .player:
            player.hp -= max(0, amount)
            if player.hp <= 0 && outcome == .playing { die(cause: cause, &events) }
        case .monster(let i):
            monsters[i].hp -= max(0, amount)
            if monsters[i].hp <= 0 { killMonster(i, &events) }
        }
        return true
    }

    /// Gives hit points, up to the maximum, to whoever stands on `cell`.
    /// - Returns: whether someone was there.
    @discardableResult
    public mutating func heal(at cell: Point, amount: Int) -> Bool {
        switch creature(at: cell) {
        case nil: return false
        case .player: player.hp = min(player.maxHP, player.hp + max(0, amount))
        case .monster(let i): monsters[i].hp = min(monsters[i].maxHP, monsters[i].hp + max(0, amount))
        }
        return true
    }

    /// A status a plugin may apply.
    public enum ExtensionStatus: Int, Sendable, CaseIterable {
        case hasted = 1
        case confused, paralyzed, telepathic, darkened, poisoned
    }

    /// Sets a status on whoever stands on `cell` to at least `turns`.
    /// - Returns: whether someone was there.
    @discardableResult
    public mutating func applyStatus(_ status: ExtensionStatus, turns: Int, at cell: Point) -> Bool {
        func raise(_ s: inout StatusEffects) {
            let t = max(0, turns)
            switch status {
            case .hasted: s.hasted = max(s.hasted, t)
            case .confused: s.confused = max(s.confused, t)
            case .paralyzed: s.paralyzed = max(s.paralyzed, t)
            case .telepathic: s.telepathic = max(s.telepathic, t)
            case .darkened: s.darkened = max(s.darkened, t)
            case .poisoned: s.poisoned = max(s.poisoned, t)
            }
        }
        switch creature(at: cell) {
        case nil: return false
        case .player: raise(&player.status)
        case .monster(let i): raise(&monsters[i].status)
        }
        return true
    }

    /// Puts an item of kind `kindID` on `cell`, quantity and enchantment rolled from the game's
    /// stream, if the cell is open floor (no wall, no hazard).
    /// - Returns: whether it was placed.
    @discardableResult
    public mutating func placeItem(kindID: String, at cell: Point) -> Bool {
        guard let kind = catalog.itemIndexByID[kindID], isOpenFloor(cell) else { return false }
        level.items.append(FloorItem(item: rollItem(kind), position: cell))
        return true
    }

    /// Puts a monster of kind `kindID` on `cell`, hunting, if the cell is open floor with no one on it.
    /// - Returns: whether it was placed.
    @discardableResult
    public mutating func spawnMonster(kindID: String, at cell: Point) -> Bool {
        guard let kind = catalog.monsterIndexByID[kindID], isOpenFloor(cell), creature(at: cell) == nil else { return false }
        let k = catalog.monsters[kind]
        monsters.append(Creature(id: nextCreatureID, kind: kind, position: cell, hp: k.hp, state: .hunting))
        nextCreatureID += 1
        return true
    }

    /// Calls every hook registered for `event`, in the order they were added.
    mutating func fireHooks(_ event: RuleEvent, at cell: Point, _ events: inout [GameEvent]) {
        let hooks = catalog.extensions.hooks
        guard !hooks.isEmpty else { return }
        for h in hooks where h.event == event { h.hook.fire(event, at: cell, game: &self, events: &events) }
    }
}
