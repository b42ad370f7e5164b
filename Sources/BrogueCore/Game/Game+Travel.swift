extension Game {
    /// Whether the player knows what is at `p` (seen it, or had it magically mapped).
    public func isKnown(_ p: Point) -> Bool { level.discovered[p] || level.magicMapped[p] }

    /// Fills `scratch.costs` for the player's travel: known passable cells cost 1, every
    /// other cell is blocked.
    private mutating func refreshTravelCosts() {
        let lvl = level
        for i in scratch.costs.cells.indices {
            let known = lvl.discovered.cells[i] || lvl.magicMapped.cells[i]
            let f = lvl.flags.cells[i]
            // A hazard the player can see is a wall to travel; a hidden trap is not (that is the trap).
            let avoid = f.contains(.blocksMovement) || (!f.isDisjoint(with: .hazards) && !f.contains(.isSecret))
            scratch.costs.cells[i] = known && !avoid ? 1 : DijkstraMap.blocked
        }
    }

    /// Whether travel may lead through `p`: no monster the player can see stands there, or
    /// only an ally (travel swaps places with it).
    private func freeOfVisibleMonsters(_ p: Point) -> Bool {
        guard let m = monsterIndex(at: p) else { return true }
        return monsters[m].state == .ally || !canSee(monsters[m])
    }

    /// One step along the shortest known path to `to`.
    mutating func travelStep(to: Point, _ events: inout [GameEvent]) -> Int? {
        guard level.contains(to), isKnown(to), !level.has(.blocksMovement, at: to) else {
            return refuse("You don't know a way there.", &events)
        }
        guard to != player.position else { return refuse("You are already there.", &events) }
        refreshTravelCosts()
        scratch.travelMap.compute(goals: [(to, 0)], costs: scratch.costs, corners: level.flags)
        guard let dir = scratch.travelMap.downhill(from: player.position, level: level, allowed: freeOfVisibleMonsters) else {
            return refuse("You don't know a way there.", &events)
        }
        return stepTowards(dir, &events)
    }

    /// One step toward the nearest unexplored cell or item worth picking up. When nothing is
    /// left, returns `.explored` and takes no time.
    mutating func exploreStep(_ events: inout [GameEvent]) -> Int? {
        if let i = level.itemIndex(at: player.position), wantsItem(level.items[i].item), !level.has(.holdsItem, at: player.position) {
            return pickUp(&events) ? 100 : nil
        }
        switch exploreDirection() {
        case .step(let dir): return stepTowards(dir, &events)
        case .blocked: return refuse("Something is in the way.", &events)
        case .done:
            events.append(.explored)
            return refuse("Explored this level.", &events)
        }
    }

    /// Where exploring leads from here.
    public enum ExploreStep: Equatable, Sendable {
        case step(Direction)
        /// Something left to explore, but a visible monster stands on every way forward.
        case blocked
        /// Nothing left that can be reached.
        case done
    }

    /// The first step of an exploration from where the player stands.
    ///
    /// Goals are the frontier (known open cells next to unknown ones) and items worth taking;
    /// the map is rebuilt only when the player's knowledge changed.
    public mutating func exploreDirection() -> ExploreStep {
        if scratch.exploreEpoch != scratch.epoch {
            refreshTravelCosts()
            var goals: [(Point, Int32)] = []
            let lvl = level
            let w = Dungeon.width
            let h = Dungeon.height
            let discovered = lvl.discovered.cells
            let mapped = lvl.magicMapped.cells
            let offsets = Direction.allCases.map { $0.offset }
            for i in scratch.costs.cells.indices where scratch.costs.cells[i] > 0 {
                let x = i % w
                let y = i / w
                // A frontier cell is known and open with an unknown neighbour inside the map.
                let frontier = offsets.contains { o in
                    let nx = x + o.x
                    let ny = y + o.y
                    guard nx >= 0, ny >= 0, nx < w, ny < h else { return false }
                    let n = ny * w + nx
                    return !discovered[n] && !mapped[n]
                }
                if frontier { goals.append((Point(x, y), 0)) }
            }
            for fi in lvl.items where isKnown(fi.position) && wantsItem(fi.item) && !lvl.has(.holdsItem, at: fi.position) {
                goals.append((fi.position, 0))
            }
            scratch.exploreMap.compute(goals: goals, costs: scratch.costs, corners: lvl.flags)
            scratch.exploreEpoch = scratch.epoch
        }
        let here = scratch.exploreMap[player.position]
        // Standing on a hazard (a trap just sprung), the map holds no value here: step off downhill.
        if here >= DijkstraMap.unreachable && isKnownHazard(player.position) {
            return scratch.exploreMap.downhill(from: player.position, level: level, allowed: freeOfVisibleMonsters).map { .step($0) } ?? .done
        }
        guard here < DijkstraMap.unreachable, here > 0 else { return .done }
        return scratch.exploreMap.downhill(from: player.position, level: level, allowed: freeOfVisibleMonsters).map { .step($0) } ?? .blocked
    }

    private func wantsItem(_ item: Item) -> Bool {
        catalog.items[item.kind].category == .gold || !inventory.isFull
            || inventory.letters.contains {
                inventory[$0]!.stacks(with: item, kind: catalog.items[item.kind])
            }
    }

    private mutating func stepTowards(_ dir: Direction, _ events: inout [GameEvent]) -> Int? {
        let to = player.position + dir.offset
        if let m = monsterIndex(at: to) {
            guard monsters[m].state == .ally else { return refuse("Something is in the way.", &events) }
            swapWithAlly(m, &events)
            return 100
        }
        let from = player.position
        player.position = to
        scratch.invalidate()
        events.append(.moved(creature: player.id, from: from, to: to))
        if let i = level.itemIndex(at: to), wantsItem(level.items[i].item), !level.has(.holdsItem, at: to) { _ = pickUp(&events) }
        playerEnteredCell(&events)
        return 100
    }
}
