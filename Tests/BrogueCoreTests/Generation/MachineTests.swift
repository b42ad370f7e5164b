import Testing

@testable import BrogueCore

/// Machines built from blueprints, and their rules at play: locks and keys, caged altars,
/// levers and portcullises, captives, dormant monsters, guardians.
@Suite struct MachineTests {
    static let lockedVault = Blueprint(
        id: "locked-vault",
        name: "locked vault",
        depths: 1...26,
        width: 3...5,
        height: 3...4,
        entrance: "locked-door",
        features: [
            BlueprintFeature(terrain: "altar-cage-open", placement: .edge, count: 2...3, item: ItemChoice(categories: [.weapon, .armor])),
            BlueprintFeature(placement: .outside, item: ItemChoice(kind: "vault-key", key: true)),
        ]
    )
    static let portcullisVault = Blueprint(
        id: "portcullis-vault",
        name: "portcullis vault",
        depths: 1...26,
        width: 3...5,
        height: 2...4,
        entrance: "portcullis",
        features: [
            BlueprintFeature(placement: .far, item: ItemChoice(categories: [.potion])),
            BlueprintFeature(terrain: "lever", placement: .outsideWall),
        ]
    )
    static let prison = Blueprint(
        id: "prison",
        name: "prison cell",
        depths: 1...26,
        width: 3...4,
        height: 3...4,
        entrance: "door",
        features: [BlueprintFeature(placement: .center, monster: MonsterChoice(kind: "goblin", state: .captive))]
    )
    static let ambush = Blueprint(
        id: "ambush",
        name: "ambush",
        depths: 1...26,
        width: 5...7,
        height: 4...5,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "altar-switch", placement: .center, item: ItemChoice(categories: [.weapon])),
            BlueprintFeature(placement: .edge, count: 2...2, monster: MonsterChoice(kind: "rat", state: .dormant)),
        ]
    )
    static let hall = Blueprint(
        id: "hall",
        name: "guardian hall",
        depths: 1...26,
        width: 6...9,
        height: 3...4,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "altar", placement: .far, item: ItemChoice(categories: [.armor])),
            BlueprintFeature(placement: .edge, monster: MonsterChoice(kind: "guardian", state: .guarding)),
        ]
    )
    static let secret = Blueprint(
        id: "secret",
        name: "secret room",
        depths: 1...26,
        width: 2...4,
        height: 2...3,
        entrance: "secret-door",
        features: [BlueprintFeature(placement: .interior, count: 1...2, item: ItemChoice(categories: [.scroll]))]
    )
    static let statues = Blueprint(
        id: "statues",
        name: "statuary",
        depths: 1...26,
        width: 3...6,
        height: 3...5,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "statue", placement: .interior, count: 3...8),
            BlueprintFeature(placement: .far, item: ItemChoice(categories: [.food])),
        ]
    )
    static let all = [lockedVault, portcullisVault, prison, ambush, hall, secret, statues]

    /// A game on `depth` of the first seed whose level has a machine of `blueprint`; the
    /// level's other monsters are removed so they cannot interfere.
    func game(with blueprint: Blueprint, depth: Int = 4) -> (Game, Int) {
        let catalog = TestCatalog.withMachines([blueprint])
        for seed in 1...60 as ClosedRange<UInt64> {
            var game = Game(seed: seed, catalog: catalog)
            game.visit(depth: depth)
            if let n = game.level.machines.firstIndex(where: { catalog.blueprints[$0.blueprint].id == blueprint.id }) {
                game.monsters.removeAll { $0.machine != n + 1 && $0.state != .captive }
                return (game, n + 1)
            }
        }
        Issue.record("no seed in 1-60 built a \(blueprint.id)")
        return (Game(seed: 1, catalog: catalog), 0)
    }

    /// Puts the player next to `target` on an open cell outside the machine and returns the
    /// direction from there to `target`.
    func stand(_ game: inout Game, beside target: Point) -> Direction? {
        for d in Direction.cardinals {
            let p = target - d.offset
            if game.level.isPassable(p) && game.level.machineAt[p] == 0 && game.monsterIndex(at: p) == nil {
                game.player.position = p
                game.updateVision()
                return d
            }
        }
        return nil
    }

    func cells(_ game: Game, _ id: String) -> [Point] {
        let t = game.catalog.terrainIndexByID[id]!
        return game.level.layers[TerrainLayer.dungeon.rawValue].cells.indices.filter { game.level.layers[0].cells[$0] == Int16(t) }
            .map { game.level.flags.point(at: $0) }
    }

    @Test(arguments: 0..<4)
    func everyLevelKeepsItsPromisesWithMachines(batch: Int) {
        let catalog = TestCatalog.withMachines(Self.all, machines: 5)
        var built = 0
        for seed in (batch * 10 + 1)...(batch * 10 + 10) {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 1...catalog.deepestLevel {
                if depth > 1 { game.visit(depth: depth) }
                built += game.level.machines.count
                let problems = LevelInvariants.problems(game.level)
                #expect(problems.isEmpty, "seed \(seed) depth \(depth): \(problems)")
            }
        }
        #expect(built > 260, "only \(built) machines on 260 levels")
    }

    @Test func machinesNeverOverlapAndOwnTheirBoxes() {
        let catalog = TestCatalog.withMachines(Self.all, machines: 6)
        var seeder = SplitMix64(state: 99)
        for depth in 1...catalog.deepestLevel {
            let level = LevelGenerator.standard.generate(depth: depth, seed: seeder.next(), catalog: catalog)
            for (i, m) in level.machines.enumerated() {
                for y in (m.origin.y - 1)...(m.origin.y + m.height) {
                    for x in (m.origin.x - 1)...(m.origin.x + m.width) {
                        #expect(Int(level.machineAt[x, y]) == i + 1, "depth \(depth) machine \(i + 1) cell \(x),\(y)")
                    }
                }
            }
        }
    }

    @Test func aBrokenLevelIsCaught() {
        // The invariant check must see a vault whose key was moved into the vault itself.
        var (game, n) = game(with: Self.lockedVault)
        let m = game.level.machines[n - 1]
        let keyIndex = game.level.items.firstIndex { $0.item.opensMachine == n }!
        game.level.machines[n - 1].spots = m.spots.map { s in
            m.keyFeatures.contains(s.feature) ? MachineSpot(position: m.origin, feature: s.feature) : s
        }
        game.level.items[keyIndex].position = m.origin
        let problems = LevelInvariants.problems(game.level)
        #expect(problems.contains { $0.contains("cannot be reached without its own vault") }, "\(problems)")
    }

    @Test func theKeyOpensItsVaultAndIsUsedUp() throws {
        var (game, n) = game(with: Self.lockedVault)
        let door = game.level.machines[n - 1].entrance
        let dir = try #require(stand(&game, beside: door))
        let refused = game.apply(.move(dir))
        #expect(refused.contains { if case .refused(let why) = $0 { why.contains("locked") } else { false } })
        #expect(game.level.has(.isLocked, at: door))
        // Pick up the key where it lies, then come back.
        let key = try #require(game.level.items.first { $0.item.opensMachine == n })
        game.player.position = key.position
        _ = game.apply(.pickUp)
        #expect(game.inventory.letters.contains { game.inventory[$0]!.opensMachine == n })
        _ = try #require(stand(&game, beside: door))
        let events = game.apply(.move(dir))
        #expect(events.contains(.message("You unlock it with a vault key.", .good)))
        #expect(!game.level.has(.isLocked, at: door) && game.level.isPassable(door))
        #expect(!game.inventory.letters.contains { game.inventory[$0]!.opensMachine == n })
    }

    @Test func liftingOneCagedTreasureCagesTheOthers() throws {
        var (game, n) = game(with: Self.lockedVault)
        let altars = cells(game, "altar-cage-open").filter { Int(game.level.machineAt[$0]) == n }
        #expect(altars.count >= 2)
        game.player.position = altars[0]
        let before = game.inventory.letters.count
        let events = game.apply(.pickUp)
        #expect(game.inventory.letters.count == before + 1, "\(events)")
        #expect(game.level.machines[n - 1].fired)
        for a in altars.dropFirst() {
            #expect(game.level.has(.holdsItem, at: a))
            game.player.position = a
            let held = game.apply(.pickUp)
            #expect(held.contains { if case .refused = $0 { true } else { false } })
        }
    }

    @Test func theLeverRaisesThePortcullis() throws {
        var (game, n) = game(with: Self.portcullisVault)
        let gate = game.level.machines[n - 1].entrance
        #expect(!game.level.isPassable(gate))
        let lever = try #require(cells(game, "lever").first { Int(game.level.machineAt[$0]) == n })
        let dir = try #require(stand(&game, beside: lever))
        let events = game.apply(.move(dir))
        #expect(events.contains { if case .message(let m, _) = $0 { m.contains("lever") } else { false } })
        #expect(game.level.isPassable(gate))
        #expect(cells(game, "lever-pulled").contains(lever))
        // A pulled lever does nothing more and takes no time.
        let again = game.apply(.move(dir))
        #expect(again.contains { if case .refused = $0 { true } else { false } })
    }

    @Test func aFreedCaptiveBecomesAnAllyAndFights() throws {
        var (game, _) = game(with: Self.prison)
        let i = try #require(game.monsters.firstIndex { $0.state == .captive })
        let captive = game.monsters[i].position
        // Captives do nothing while shackled.
        for _ in 0..<5 { _ = game.apply(.rest) }
        #expect(game.monsters[i].position == captive && game.monsters[i].state == .captive)
        var from: Point?
        for d in Direction.allCases where game.level.isPassable(captive - d.offset) && game.level.canStep(from: captive - d.offset, d) {
            from = captive - d.offset
            game.player.position = from!
            let events = game.apply(.move(d))
            #expect(events.contains { if case .message(let m, _) = $0 { m.contains("free the goblin") } else { false } })
            break
        }
        #expect(from != nil)
        #expect(game.monsters[i].state == .ally)
        // An ally fights a hostile monster next to it.
        let summoned = game.summon("rat", near: captive, state: .hunting)
        #expect(summoned)
        let rat = game.monsters.count - 1
        game.monsters[rat].position = try #require(
            Direction.allCases.map { captive + $0.offset }.first { p in
                game.level.isPassable(p) && game.monsterIndex(at: p) == nil && p != game.player.position
                    && game.level.canStep(from: captive, Direction(delta: p - captive)!)
            }
        )
        game.player.position = game.level.upStairs
        var fought = false
        for _ in 0..<20 where !fought {
            let events = game.apply(.rest)
            fought = events.contains {
                if case .attacked(let a, let d, _, _) = $0 { a == game.monsters[i].id || d == game.monsters[i].id } else { false }
            }
        }
        #expect(fought)
    }

    @Test func liftingTheTreasureWakesTheDormant() throws {
        var (game, n) = game(with: Self.ambush)
        let sleepers = game.monsters.indices.filter { game.monsters[$0].state == .dormant && game.monsters[$0].machine == n }
        #expect(sleepers.count == 2)
        let plate = try #require(cells(game, "altar-switch").first { Int(game.level.machineAt[$0]) == n })
        game.player.position = plate
        let events = game.apply(.pickUp)
        #expect(events.contains(.message("You hear something stir.", .warning)))
        let monsters = game.monsters
        let awake = sleepers.allSatisfy { monsters[$0].state != .dormant && monsters[$0].machine == 0 }
        #expect(awake)
    }

    @Test func guardiansCannotBeHurtAndNeverLeaveTheirHall() throws {
        var (game, n) = game(with: Self.hall)
        let g = try #require(game.monsters.firstIndex { catalog($0, game) == "guardian" })
        #expect(game.monsters[g].machine == n)
        let hp = game.monsters[g].hp
        // Blows glance off it, even against a guardian that does not see them coming.
        let at = game.monsters[g].position
        let from = try #require(
            Direction.allCases.first { d in
                game.level.isPassable(at - d.offset) && game.monsterIndex(at: at - d.offset) == nil && game.level.canStep(from: at - d.offset, d)
            }
        )
        game.player.position = at - from.offset
        for _ in 0..<5 {
            game.player.hp = game.player.maxHP
            guard let d = Direction(delta: game.monsters[g].position - game.player.position) else { break }
            let events = game.apply(.move(d))
            #expect(events.contains { if case .message(let m, _) = $0 { m.contains("glances off") } else { false } })
        }
        #expect(game.monsters[g].hp == hp)
        // Wait outside its door: it hunts but never steps out of its hall.
        let entrance = game.level.machines[n - 1].entrance
        _ = try #require(stand(&game, beside: entrance))
        var moved = false
        for _ in 0..<60 {
            game.player.hp = game.player.maxHP
            let before = game.monsters[g].position
            _ = game.apply(.rest)
            moved = moved || game.monsters[g].position != before
            #expect(Int(game.level.machineAt[game.monsters[g].position]) == n)
        }
        #expect(moved, "the guardian never moved, so the test proved nothing")
    }

    func catalog(_ m: Creature, _ game: Game) -> String { game.catalog.monsters[m.kind].id }

    @Test func theSeedCatalogMarksVaultItemsAndNotableMonsters() {
        let catalog = TestCatalog.withMachines(Self.all, machines: 5)
        let entries = SeedCatalog.entries(seed: 5, depths: 1...26, catalog: catalog)
        #expect(entries == SeedCatalog.entries(seed: 5, depths: 1...26, catalog: catalog))
        #expect(entries.contains { $0.kind == .item && $0.machine == "locked vault" })
        #expect(entries.contains { $0.note?.hasPrefix("key to the locked vault") == true })
        #expect(entries.contains { $0.kind == .monster && $0.note == "captive" })
        #expect(entries.contains { $0.note?.hasPrefix("leader of") == true })
        // A catalog of some depths lists exactly those depths' lines of the full catalog.
        let some = SeedCatalog.entries(seed: 5, depths: 3...5, catalog: catalog)
        #expect(some == entries.filter { (3...5).contains($0.depth) })
    }
}
