extension Game {
    /// Applies one player action and lets the world run until the player's next turn.
    ///
    /// - Returns: what happened, in order. An action that cannot be done returns `.refused`
    ///   and changes nothing, so it is harmless in an action log.
    public mutating func apply(_ action: Action) -> [GameEvent] {
        guard outcome == .playing else { return [.refused("The game is over.")] }
        var events: [GameEvent] = []
        noise = 0
        let duration: Int?
        if player.status.paralyzed > 0 {
            events.append(.message("You cannot move!", .bad))
            duration = 100
        } else {
            duration = perform(action, &events)
        }
        if let duration {
            // A refused action changes nothing, the run of searches included.
            if action != .search { searchTurns = 0 }
            passTime(duration, &events)
            updateVision()
        }
        return events
    }

    /// Does the action; returns the ticks it took, or nil when it was refused.
    private mutating func perform(_ action: Action, _ events: inout [GameEvent]) -> Int? {
        switch action {
        case .move(let dir): return move(dir, &events)
        case .rest:
            noise = -1
            return 100
        case .search:
            noise = -1
            searchTurn(&events)
            return 100
        case .pickUp:
            guard level.itemIndex(at: player.position) != nil else { return refuse("There is nothing here to pick up.", &events) }
            return pickUp(&events) ? 100 : nil
        case .drop(let l): return drop(l, &events)
        case .equip(let l): return equip(l, &events)
        case .remove(let l): return unequip(l, &events)
        case .quaff(let l): return use(l, as: .potion, target: nil, &events)
        case .read(let l, let target): return use(l, as: .scroll, target: target, &events)
        case .eat(let l): return eat(l, &events)
        case .throwItem(let l, let at): return throwItem(l, at: at, &events)
        case .zap(let l, let at): return zap(l, at: at, &events)
        case .use(let l): return useCharm(l, &events)
        case .descend:
            guard level.has(.stairsDown, at: player.position) else { return refuse("There are no stairs down here.", &events) }
            changeDepth(depth + 1, arriving: .down, &events)
            return 100
        case .ascend:
            guard level.has(.stairsUp, at: player.position) else { return refuse("There are no stairs up here.", &events) }
            if level.has(.isDungeonExit, at: player.position) {
                guard carriesAmulet else { return refuse("You may not leave the dungeon without the Amulet.", &events) }
                outcome = .won
                events.append(.message("You escape the dungeon with the Amulet of Yendor!", .good))
                events.append(.gameOver(.won))
                return nil
            }
            changeDepth(depth - 1, arriving: .up, &events)
            return 100
        case .travel(let to):
            if catalog.player.runningNoise { noise = 1 }
            return travelStep(to: to, &events)
        case .exploreStep:
            if catalog.player.runningNoise { noise = 1 }
            return exploreStep(&events)
        }
    }

    func refuse(_ why: String, _ events: inout [GameEvent]) -> Int? {
        events.append(.refused(why))
        return nil
    }

    public var carriesAmulet: Bool {
        inventory.letters.contains { catalog.items[inventory[$0]!.kind].category == .amulet }
    }

    mutating func changeDepth(_ newDepth: Int, arriving: Arrival, _ events: inout [GameEvent]) {
        let first = levels[newDepth - 1] == nil
        // Allies come by the stairs only; they are placed after the new level is populated, so it starts the same.
        let allies = arriving == .fall ? [] : alliesTakingStairs()
        enterLevel(newDepth, arriving: arriving)
        events.append(.depthChanged(newDepth))
        events.append(.message(first ? "You enter depth \(newDepth)." : "You return to depth \(newDepth).", .info))
        arrive(allies, &events)
        fireHooks(.levelEntered, at: player.position, &events)
    }

    private mutating func move(_ requested: Direction, _ events: inout [GameEvent]) -> Int? {
        var dir = requested
        if player.status.confused > 0, rng.percent(50) { dir = Direction.allCases[rng.below(8)] }
        let to = player.position + dir.offset
        if monsterIndex(at: to) == nil, let j = lashTarget(dir) {
            events.append(.message("You lash the \(seenName(of: monsters[j]))!", .combat))
            return playerAttack(j, &events)
        }
        if let m = monsterIndex(at: to), level.canStep(from: player.position, dir) {
            switch monsters[m].state {
            case .captive: freeCaptive(m, &events)
            case .ally: swapWithAlly(m, &events)
            default: return strike(m, toward: dir, &events)
            }
            return 100
        }
        guard level.canStep(from: player.position, dir) else {
            if dir != requested {
                events.append(.message("You stagger into the wall.", .bad))
                return 100
            }
            if level.contains(to), let ticks = bumpMachinePart(at: to, &events) { return ticks }
            if case .refused = events.last { return nil }
            return refuse("Something blocks the way.", &events)
        }
        let lungingAt = lungeTarget(dir)
        let from = player.position
        player.position = to
        scratch.invalidate()
        events.append(.moved(creature: player.id, from: from, to: to))
        mirrorEntranced(dir, &events)
        if level.itemIndex(at: to) != nil {
            if level.has(.holdsItem, at: to) {
                events.append(.message("An item lies locked in a cage here.", .info))
            } else {
                _ = pickUp(&events)
            }
        }
        playerEnteredCell(&events)
        if let id = lungingAt, let ticks = lunge(at: id, toward: dir, &events) { return ticks }
        if outcome == .playing { flailAfterStep(&events) }
        return 100
    }

    /// Lets time pass until the player may act again: monsters act in turn, the world ticks.
    mutating func passTime(_ duration: Int, _ events: inout [GameEvent]) {
        let s = player.status
        player.ticksUntilTurn = s.hasted > 0 ? duration / 2 : s.slowed > 0 ? duration * 2 : duration
        monsters.removeAll { $0.hp <= 0 }
        while outcome == .playing {
            var soonest = player.ticksUntilTurn
            for m in monsters where m.ticksUntilTurn < soonest { soonest = m.ticksUntilTurn }
            if soonest > 0 { advance(by: soonest, &events) }
            if outcome != .playing { return }
            var i = 0
            while i < monsters.count && outcome == .playing {
                if monsters[i].ticksUntilTurn <= 0 && monsters[i].hp > 0 { monsterTurn(i, &events) }
                i += 1
            }
            monsters.removeAll { $0.hp <= 0 }
            if player.ticksUntilTurn <= 0 {
                guard player.status.paralyzed > 0 else { return }
                player.ticksUntilTurn += 100
            }
        }
    }

    /// Moves every clock forward; each full 100 ticks is a turn of hunger, regeneration and
    /// status countdowns.
    private mutating func advance(by t: Int, _ events: inout [GameEvent]) {
        ticks += t
        player.ticksUntilTurn -= t
        for i in monsters.indices { monsters[i].ticksUntilTurn -= t }
        environmentTicks += t
        while environmentTicks >= 100 && outcome == .playing {
            environmentTicks -= 100
            environmentTurn(&events)
        }
    }

    private mutating func environmentTurn(_ events: inout [GameEvent]) {
        turn += 1
        hazardTurn(&events)
        if outcome != .playing { return }
        let before = player.status
        player.status.tick()
        if before.hasted > 0 && player.status.hasted == 0 { events.append(.message("You slow down.", .info)) }
        if before.confused > 0 && player.status.confused == 0 { events.append(.message("You feel less confused.", .info)) }
        if before.darkened > 0 && player.status.darkened == 0 { events.append(.message("The darkness around you lifts.", .info)) }
        if before.telepathic > 0 && player.status.telepathic == 0 { events.append(.message("Your mind goes quiet.", .info)) }
        if before.poisoned > 0 && player.status.poisoned == 0 { events.append(.message("You feel less sick.", .info)) }
        if before.levitating > 0 && player.status.levitating == 0 {
            events.append(.message("You are no longer levitating.", .info))
            playerEnteredCell(&events)
            if outcome != .playing { return }
        }
        if before.fireImmune > 0 && player.status.fireImmune == 0 {
            events.append(.message("You no longer feel immune to fire.", .info))
            playerEnteredCell(&events)
            if outcome != .playing { return }
        }
        regenerate(&player, turns: playerRegenTurns)
        nutrition -= 1
        switch nutrition {
        case 300: events.append(.message("You are hungry.", .warning))
        case 150: events.append(.message("You feel weak with hunger.", .warning))
        case 50: events.append(.message("You feel faint with hunger.", .bad))
        case ...0:
            die(cause: "starved to death", &events)
            return
        default: break
        }
        for i in monsters.indices {
            monsters[i].status.tick()
            regenerate(&monsters[i], turns: catalog.monsters[monsters[i].kind].regenTurns)
        }
        remainsTurn()
        magicTurn(&events)
        fireHooks(.turn, at: player.position, &events)
    }

    /// The dead do not heal: a monster killed earlier in this turn (by fire, say) keeps its
    /// place in the list, at no position, until the scheduler sweeps it.
    private func regenerate(_ c: inout Creature, turns: Int) {
        guard turns > 0, c.hp > 0, c.hp < c.maxHP, c.status.poisoned == 0 else {
            c.regenCounter = 0
            return
        }
        c.regenCounter += 1
        if c.regenCounter >= turns {
            c.regenCounter = 0
            c.hp += 1
        }
    }

    mutating func die(cause: String, _ events: inout [GameEvent]) {
        player.hp = min(player.hp, 0)
        outcome = .died(cause: cause, depth: depth)
        events.append(.message("You die: \(cause) on depth \(depth).", .bad))
        events.append(.gameOver(outcome))
    }

    /// Looks for secrets within `radius` steps: adjacent cells surely when `adjacentSurely`, cells
    /// in view with `chance` percent.
    mutating func search(radius: Int, adjacentSurely: Bool, chance: Int, _ events: inout [GameEvent]) {
        let origin = player.position
        for dy in -radius...radius {
            for dx in -radius...radius {
                let p = Point(origin.x + dx, origin.y + dy)
                guard level.contains(p), level.has(.isSecret, at: p) else { continue }
                let near = adjacentSurely && p.distance(to: origin) <= 1
                guard near || (visible[p] && rng.percent(chance)) else { continue }
                discoverSecret(at: p, &events)
            }
        }
    }

    mutating func discoverSecret(at p: Point, _ events: inout [GameEvent]) {
        for layer in TerrainLayer.allCases {
            guard let t = level.terrain(layer, at: p), catalog.terrains[t].flags.contains(.isSecret) else { continue }
            let becomes = catalog.terrains[t].discoverAs.flatMap { catalog.terrainIndexByID[$0] }
            level.setTerrain(becomes, layer: layer, at: p, catalog: catalog)
            level.discovered[p] = true
            scratch.invalidate()
            scratch.epoch += 1
            events.append(.message("You discover \(becomes.map { catalog.terrains[$0].name } ?? "a hidden passage")!", .good))
        }
    }
}
