import Testing

@testable import BrogueCore

/// What lava, chasms, brimstone and each trap do to whoever steps in, and that monsters,
/// travel and exploration keep out of them.
@Suite struct HazardRulesTests {
    let catalog = HazardCatalog.shared

    /// A game on depth 1 with no monsters or items, the player moved to a cell with plain floor
    /// for `radius` cells all round, so a terrain set near it is the only thing there.
    func arena(seed: UInt64 = 1, radius: Int = 3) -> Game {
        var game = Game(seed: seed, catalog: catalog)
        game.monsters.removeAll()
        game.level.items.removeAll()
        let lvl = game.level
        func plain(_ p: Point) -> Bool {
            lvl.contains(p) && lvl.terrain(.dungeon, at: p) == catalog.roles.floor && lvl.terrain(.liquid, at: p) == nil
                && lvl.terrain(.surface, at: p) == nil
        }
        let spot = lvl.flags.cells.indices.map { lvl.flags.point(at: $0) }.first { p in
            (-radius...radius).allSatisfy { dy in (-radius...radius).allSatisfy { dx in plain(Point(p.x + dx, p.y + dy)) } }
        }
        game.player.position = spot!
        game.scratch.invalidate()
        game.scratch.epoch += 1
        game.updateVision()
        return game
    }

    func set(_ game: inout Game, _ id: String, at p: Point) {
        let k = catalog.terrainIndexByID[id]!
        game.level.setTerrain(k, layer: catalog.terrains[k].layer, at: p, catalog: catalog)
        game.scratch.invalidate()
        game.scratch.epoch += 1
    }

    func messages(_ events: [GameEvent]) -> [String] {
        events.compactMap { if case .message(let text, _) = $0 { text } else { nil } }
    }

    /// Summons a monster exactly at `p` (which must be free).
    func place(_ game: inout Game, _ id: String, at p: Point, state: MonsterState = .hunting) -> Int {
        let summoned = game.summon(id, near: p, state: state)
        #expect(summoned)
        let i = game.monsters.count - 1
        #expect(game.monsters[i].position == p)
        return i
    }

    // MARK: - Lava, chasm, brimstone

    @Test func walkingIntoLavaKillsThePlayer() {
        var game = arena()
        set(&game, "lava", at: game.player.position + Direction.east.offset)
        #expect(game.hazardWarning(for: .east) == "Really step into lava?")
        #expect(game.hazardWarning(for: .west) == nil)
        let events = game.apply(.move(.east))
        #expect(game.isOver)
        #expect(game.outcome == .died(cause: "burned to death by lava", depth: 1))
        #expect(messages(events).contains("You are consumed by lava!"))
        #expect(events.contains(.gameOver(game.outcome)))
    }

    @Test func confusedNextToLavaTheWarningCoversEveryStep() {
        var game = arena()
        set(&game, "lava", at: game.player.position + Direction.north.offset)
        game.player.status.confused = 5
        #expect(game.hazardWarning(for: .south) == "You are confused. Risk stumbling into lava?")
    }

    /// Hunting monsters never cross lava, even with the player in reach beyond it.
    @Test func monstersNeverWalkIntoLava() {
        var game = arena()
        let p = game.player.position
        for dy in -2...2 {
            for dx in -2...2 where (dx, dy) != (0, 0) { set(&game, "lava", at: Point(p.x + dx, p.y + dy)) }
        }
        for offset in [Point(3, 0), Point(-3, 1), Point(0, 3)] { _ = place(&game, "goblin", at: p + offset) }
        for _ in 0..<40 {
            _ = game.apply(.rest)
            for m in game.monsters { #expect(game.level.flags[m.position].isDisjoint(with: .hazards), "\(m.position)") }
        }
        #expect(game.monsters.count == 3)
        #expect(!game.isOver)
    }

    /// A confused monster stumbles where it would never choose to go, and burns.
    @Test func aConfusedMonsterStumblesIntoLava() {
        var game = arena()
        let m = game.player.position + Point(2, 0)
        for d in Direction.allCases { set(&game, "lava", at: m + d.offset) }
        let calm = game
        var confused = game
        let i = place(&confused, "goblin", at: m)
        confused.monsters[i].status.confused = 50
        var died = false
        for _ in 0..<5 where !died {
            died = confused.apply(.rest).contains { if case .died(let id, _) = $0, id != 0 { true } else { false } }
        }
        #expect(died)
        #expect(confused.monsters.isEmpty)
        #expect(confused.experience == 0, "a death by lava gives the player no experience")
        var still = calm
        _ = place(&still, "goblin", at: m)
        for _ in 0..<10 { _ = still.apply(.rest) }
        #expect(still.monsters.count == 1 && still.monsters[0].position == m)
    }

    @Test func steppingIntoAChasmDropsThePlayerADepth() {
        var game = arena()
        set(&game, "chasm", at: game.player.position + Direction.east.offset)
        let hp = game.player.hp
        let events = game.apply(.move(.east))
        #expect(game.depth == 2)
        #expect(events.contains(.depthChanged(2)))
        #expect(messages(events).contains("You are hurt by the fall."))
        #expect(game.player.hp < hp && game.player.hp >= hp - Game.fallDamage.max)
        #expect(game.level.isPassable(game.player.position))
        #expect(game.level.flags[game.player.position].isDisjoint(with: TerrainFlags.hazards.union([.stairsDown, .stairsUp])))
        #expect(!game.isOver)
    }

    /// A monster that falls is gone from the level: no corpse, no experience.
    @Test func aMonsterThatFallsLeavesTheLevel() {
        var game = arena()
        let m = game.player.position + Point(2, 0)
        for d in Direction.allCases { set(&game, "chasm", at: m + d.offset) }
        let i = place(&game, "goblin", at: m)
        game.monsters[i].status.confused = 50
        var sawDeath = false
        for _ in 0..<5 where !game.monsters.isEmpty {
            sawDeath = sawDeath || game.apply(.rest).contains { if case .died = $0 { true } else { false } }
        }
        #expect(game.monsters.isEmpty)
        #expect(!sawDeath)
        #expect(game.depth == 1)
    }

    @Test func flyersCrossChasmsAndLava() {
        var game = arena()
        let m = game.player.position + Point(2, 0)
        for d in Direction.allCases { set(&game, d.rawValue % 2 == 0 ? "chasm" : "lava", at: m + d.offset) }
        let i = place(&game, "bat", at: m)
        game.monsters[i].status.confused = 50
        for _ in 0..<6 { _ = game.apply(.rest) }
        #expect(game.monsters.count == 1)
    }

    /// Brimstone flares when stepped on, burns whoever stands in it, and dies down again.
    @Test func brimstoneFlaresBurnsAndDiesDown() {
        var game = arena()
        let to = game.player.position + Direction.east.offset
        set(&game, "brimstone", at: to)
        let hp = game.player.hp
        _ = game.apply(.move(.east))
        #expect(game.level.terrain(.liquid, at: to) == catalog.terrainIndexByID["burning-brimstone"])
        #expect(game.level.has(.causesDamage, at: to) && game.level.lit[to])
        #expect(game.player.hp <= hp - 1, "one turn standing in fire burns")
        #expect(game.level.timers.count == 1)
        _ = game.apply(.move(.west))
        for _ in 0..<3 { _ = game.apply(.rest) }
        #expect(game.level.terrain(.liquid, at: to) == catalog.terrainIndexByID["brimstone"])
        #expect(game.level.timers.isEmpty)
    }

    /// A monster that burns to death in the environment turn stays dead, though its
    /// regeneration was due in that same turn: it is swept from the level, not left alive at no
    /// position (which crashed the sidebar and the bots the next time monsters were listed).
    @Test func aMonsterBurnedToDeathDoesNotRegenerateInTheSameTurn() {
        var game = arena()
        let m = game.player.position + Point(2, 0)
        let i = place(&game, "bat", at: m, state: .sleeping)
        set(&game, "burning-brimstone", at: m)
        game.monsters[i].status.paralyzed = 10
        game.monsters[i].hp = 2
        game.monsters[i].regenCounter = catalog.monsters[game.monsters[i].kind].regenTurns - 1
        let events = game.apply(.rest)
        #expect(events.contains { if case .died = $0 { true } else { false } })
        #expect(game.monsters.isEmpty, "\(game.monsters.map { ($0.position, $0.hp) })")
        #expect(game.visibleMonsters.isEmpty)
    }

    @Test func aFireImmuneMonsterWalksThroughFire() {
        var game = arena()
        let m = game.player.position + Point(2, 0)
        for d in Direction.allCases { set(&game, "lava", at: m + d.offset) }
        let i = place(&game, "salamander", at: m)
        game.monsters[i].status.confused = 50
        for _ in 0..<3 { _ = game.apply(.rest) }
        #expect(game.monsters.count == 1)
        #expect(game.monsters[0].hp == game.monsters[0].maxHP)
    }

    @Test func aThrownItemBurnsUpInLava() throws {
        var game = arena()
        let target = game.player.position + Point(2, 0)
        set(&game, "lava", at: target)
        let darts = try #require(game.inventory.letters.first { catalog.items[game.inventory[$0]!.kind].id == "dart" })
        let before = game.inventory[darts]!.quantity
        let events = game.apply(.throwItem(darts, at: target))
        #expect(messages(events).contains("A +0 dart burns up."))
        #expect(game.inventory[darts]!.quantity == before - 1)
        #expect(game.level.items.isEmpty)
    }

    // MARK: - Traps

    @Test func aHiddenParalysisTrapSpringsAndShowsItself() {
        var game = arena()
        let to = game.player.position + Direction.east.offset
        set(&game, "hidden-paralysis-trap", at: to)
        #expect(game.hazardWarning(for: .east) == nil, "a hidden trap gives no warning")
        let turn = game.turn
        let events = game.apply(.move(.east))
        #expect(messages(events).contains("You step on paralysis-trap!"))
        #expect(messages(events).contains("You are paralyzed!"))
        #expect(game.turn >= turn + Game.trapGasTurns, "the paralysis runs its course inside the one action")
        #expect(game.level.terrain(.dungeon, at: to) == catalog.terrainIndexByID["paralysis-trap"])
        #expect(!game.level.has(.isSecret, at: to))
    }

    /// Each gas reaches creatures within its radius, and not past a wall.
    @Test func trapGasReachesCreaturesNearIt() {
        var game = arena()
        let trap = game.player.position + Direction.east.offset
        set(&game, "paralysis-trap", at: trap)
        let near = place(&game, "goblin", at: trap + Point(2, 0), state: .sleeping)
        let far = place(&game, "goblin", at: trap + Point(0, -3), state: .sleeping)
        var events: [GameEvent] = []
        game.springTrap(at: trap, by: nil, &events)
        #expect(game.player.status.paralyzed == Game.trapGasTurns)
        #expect(game.monsters[near].status.paralyzed == Game.trapGasTurns)
        #expect(game.monsters[far].status.paralyzed == 0)
    }

    @Test func causticGasPoisonsAndStopsRegeneration() {
        var game = arena()
        game.player.hp = game.player.maxHP - 10
        set(&game, "hidden-poison-trap", at: game.player.position + Direction.east.offset)
        let hp = game.player.hp
        let events = game.apply(.move(.east))
        #expect(messages(events).contains("You feel very sick."))
        #expect(game.player.hp == hp - 1)
        #expect(game.player.status.poisoned == Game.trapGasTurns - 1)
        for _ in 0..<3 { _ = game.apply(.rest) }
        #expect(game.player.hp == hp - 4, "a point a turn, and no regeneration while poisoned")
        var cured = false
        for _ in 0..<Game.trapGasTurns where !cured { cured = messages(game.apply(.rest)).contains("You feel less sick.") }
        #expect(cured && game.player.status.poisoned == 0)
    }

    @Test func confusionTrapConfuses() {
        var game = arena()
        set(&game, "hidden-confusion-trap", at: game.player.position + Direction.east.offset)
        let events = game.apply(.move(.east))
        #expect(messages(events).contains("You feel confused."))
        #expect(game.player.status.confused == Game.trapGasTurns - 1)
    }

    @Test func alarmTrapWakesTheLevel() {
        var game = arena()
        set(&game, "hidden-alarm-trap", at: game.player.position + Direction.east.offset)
        for offset in [Point(-3, -3), Point(3, 3)] { _ = place(&game, "rat", at: game.player.position + offset, state: .sleeping) }
        var events: [GameEvent] = []
        game.springTrap(at: game.player.position + Direction.east.offset, by: nil, &events)
        #expect(game.monsters.allSatisfy { $0.state == .hunting })
        #expect(messages(events).contains("A loud alarm rings out across the level!"))
    }

    @Test func fireTrapBurnsAllButTheFireImmune() {
        var game = arena()
        let trap = game.player.position + Direction.east.offset
        set(&game, "fire-trap", at: trap)
        let goblin = place(&game, "goblin", at: trap + Point(1, 0), state: .sleeping)
        let salamander = place(&game, "salamander", at: trap + Point(1, 1), state: .sleeping)
        let hp = game.player.hp
        var events: [GameEvent] = []
        game.springTrap(at: trap, by: nil, &events)
        #expect(game.player.hp == hp - 4)
        #expect(game.monsters[goblin].hp == game.monsters[goblin].maxHP - 4)
        #expect(game.monsters[salamander].hp == game.monsters[salamander].maxHP)
        #expect(messages(events).contains("Flames burst out of the floor!"))
    }

    @Test func aTrapDoorDropsThePlayer() {
        var game = arena()
        set(&game, "hidden-trap-door", at: game.player.position + Direction.east.offset)
        let events = game.apply(.move(.east))
        #expect(game.depth == 2)
        #expect(messages(events).contains("You step on trap-door!"))
    }

    @Test func searchingFindsAHiddenTrap() {
        var game = arena()
        let to = game.player.position + Direction.east.offset
        set(&game, "hidden-fire-trap", at: to)
        let events = game.apply(.search)
        #expect(messages(events).contains("You discover fire-trap!"))
        #expect(game.level.terrain(.dungeon, at: to) == catalog.terrainIndexByID["fire-trap"])
        #expect(game.hazardWarning(for: .east) == "Really step onto fire-trap?")
    }

    /// Travel walks round a trap it knows of, and straight over one it does not.
    @Test func travelGoesRoundAKnownTrapButNotAHiddenOne() {
        for (id, springs) in [("paralysis-trap", false), ("hidden-paralysis-trap", true)] {
            var game = arena()
            let p = game.player.position
            set(&game, id, at: p + Point(1, 0))
            var sprung = false
            for _ in 0..<4 where game.player.position != p + Point(2, 0) {
                let events = game.apply(.travel(to: p + Point(2, 0)))
                sprung = sprung || messages(events).contains("You are paralyzed!")
            }
            #expect(game.player.position == p + Point(2, 0))
            #expect(sprung == springs, "\(id)")
        }
    }

    /// Travel and exploration never step onto a hazard the player can see: on levels full of
    /// lava, chasms and brimstone, with every trap revealed.
    @Test func travelAndExploreKeepOffVisibleHazards() {
        let stress = HazardCatalog.make(generators: HazardCatalog.stressProfiles())
        for seed in UInt64(1)...3 {
            var game = Game(seed: seed, catalog: stress)
            game.visit(depth: 6)
            game.monsters.removeAll()
            var ignored: [GameEvent] = []
            for i in game.level.flags.cells.indices where game.level.flags.cells[i].contains(.isSecret) {
                game.discoverSecret(at: game.level.flags.point(at: i), &ignored)
            }
            var steps = 0
            var explored = false
            while !explored && steps < 3_000 && !game.isOver {
                let events = game.apply(.exploreStep)
                explored = events.contains(.explored)
                #expect(game.level.flags[game.player.position].isDisjoint(with: .hazards), "seed \(seed) at \(game.player.position)")
                steps += 1
            }
            #expect(explored && !game.isOver, "seed \(seed)")
            for i in game.level.magicMapped.cells.indices { game.level.magicMapped.cells[i] = true }
            game.scratch.epoch += 1
            while game.player.position != game.level.downStairs && steps < 6_000 && !game.isOver {
                _ = game.apply(.travel(to: game.level.downStairs))
                #expect(game.level.flags[game.player.position].isDisjoint(with: .hazards))
                steps += 1
            }
            #expect(game.player.position == game.level.downStairs)
        }
    }

    /// The bot plays whole games on hazard-filled levels the same way twice.
    @Test func hazardGamesAreDeterministic() {
        let stress = HazardCatalog.make(generators: HazardCatalog.stressProfiles())
        let a = Simulation.run(seed: 5, catalog: stress, turns: 1_500)
        let b = Simulation.run(seed: 5, catalog: stress, turns: 1_500)
        #expect(a.stateHash == b.stateHash && a.actions == b.actions)
    }
}
