import Testing

@testable import BrogueCore

/// The machine parts of `Game+MachineEffects` and key rooms, each in a constructed machine:
/// pressure plates, vents that fill a room with gas, sluices that flood it, cages and burrows
/// that open, ground that gives way, a key held in another room, a key carried by a monster.
@Suite struct MachineEffectTests {
    static let gasTrap = Blueprint(
        id: "gas-trap",
        name: "paralysis trap",
        depths: 1...26,
        width: 5...7,
        height: 4...5,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "pressure-plate", placement: .center),
            BlueprintFeature(terrain: "paralysis-vent", placement: .edge, count: 2...2),
        ]
    )
    static let burrows = Blueprint(
        id: "burrows",
        name: "worm tunnels",
        depths: 1...26,
        width: 5...7,
        height: 4...5,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "hidden-pressure-plate", placement: .center),
            BlueprintFeature(terrain: "tunnel-wall", placement: .edge, count: 2...2, monster: MonsterChoice(kind: "rat", state: .dormant)),
        ]
    )
    static let sluices = Blueprint(
        id: "sluices",
        name: "flooded vault",
        depths: 1...26,
        width: 5...7,
        height: 4...5,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "altar-switch", placement: .far, item: ItemChoice(categories: [.weapon])),
            BlueprintFeature(terrain: "sluice", placement: .edge, count: 2...2),
        ]
    )
    static let hollow = Blueprint(
        id: "hollow",
        name: "crumbling hall",
        depths: 1...25,
        width: 4...6,
        height: 3...4,
        entrance: "door",
        floor: "cracked-ground",
        features: [BlueprintFeature(terrain: "altar-switch", placement: .far, item: ItemChoice(categories: [.armor]))]
    )
    static let vault = Blueprint(
        id: "vault",
        name: "treasure vault",
        depths: 1...26,
        width: 3...5,
        height: 3...4,
        entrance: "locked-door",
        features: [
            BlueprintFeature(
                terrain: "altar-cage-open",
                placement: .edge,
                count: 2...3,
                item: ItemChoice(categories: [.weapon, .armor], leastEnchant: 2)
            ),
            BlueprintFeature(placement: .outside, item: ItemChoice(kind: "vault-key", key: true, heldIn: ["menagerie"])),
        ]
    )
    static let menagerie = Blueprint(
        id: "menagerie",
        name: "menagerie",
        depths: 1...26,
        frequency: 0,
        width: 5...7,
        height: 3...5,
        entrance: "door",
        features: [
            BlueprintFeature(terrain: "altar-switch", placement: .far, keySlot: true),
            BlueprintFeature(terrain: "monster-cage", placement: .edge, count: 2...2, monster: MonsterChoice(kind: "rat", state: .dormant)),
        ]
    )
    static let keeperVault = Blueprint(
        id: "keeper-vault",
        name: "locked vault",
        depths: 1...26,
        width: 3...5,
        height: 3...4,
        entrance: "locked-door",
        features: [
            BlueprintFeature(terrain: "altar", placement: .far, item: ItemChoice(categories: [.potion])),
            BlueprintFeature(placement: .outside, item: ItemChoice(kind: "vault-key", key: true, heldIn: ["lair"])),
        ]
    )
    static let lair = Blueprint(
        id: "lair",
        name: "keeper's lair",
        depths: 1...26,
        frequency: 0,
        width: 3...5,
        height: 3...4,
        entrance: "door",
        features: [BlueprintFeature(placement: .far, monster: MonsterChoice(kind: "goblin", state: .sleeping), keySlot: true)]
    )
    static let all = [gasTrap, burrows, sluices, hollow, vault, menagerie, keeperVault, lair]

    /// A game on `depth` of the first seed whose level has a machine of `blueprint` (built with
    /// `others` in the catalog); the level's other monsters are removed.
    func game(with blueprint: Blueprint, _ others: [Blueprint] = [], depth: Int = 4) -> (Game, Int) {
        let catalog = TestCatalog.withMachines([blueprint] + others)
        for seed in 1...60 as ClosedRange<UInt64> {
            var game = Game(seed: seed, catalog: catalog)
            game.visit(depth: depth)
            if let n = game.level.machines.firstIndex(where: { catalog.blueprints[$0.blueprint].id == blueprint.id }) {
                game.monsters.removeAll { $0.machine == 0 && $0.state != .captive && $0.carried == nil }
                return (game, n + 1)
            }
        }
        Issue.record("no seed in 1-60 built a \(blueprint.id)")
        return (Game(seed: 1, catalog: catalog), 0)
    }

    func cells(_ game: Game, _ id: String, layer: TerrainLayer = .dungeon, machine n: Int? = nil) -> [Point] {
        let t = Int16(game.catalog.terrainIndexByID[id]!)
        return game.level.layers[layer.rawValue].cells.indices.filter { game.level.layers[layer.rawValue].cells[$0] == t }
            .map { game.level.flags.point(at: $0) }
            .filter { n == nil || Int(game.level.machineAt[$0]) == n }
    }

    /// Steps the player onto `target` from a passable neighbour.
    func step(_ game: inout Game, onto target: Point) -> [GameEvent] {
        for d in Direction.cardinals where game.level.isPassable(target - d.offset) && game.monsterIndex(at: target - d.offset) == nil {
            game.player.position = target - d.offset
            game.updateVision()
            return game.apply(.move(d))
        }
        Issue.record("no cell beside \(target) to step from")
        return []
    }

    @Test(arguments: 0..<2)
    func levelsWithTheNewMachinesKeepTheirPromises(batch: Int) {
        let catalog = TestCatalog.withMachines(Self.all, machines: 6)
        var built: [String: Int] = [:]
        for seed in (batch * 10 + 1)...(batch * 10 + 10) {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 1...catalog.deepestLevel {
                if depth > 1 { game.visit(depth: depth) }
                for m in game.level.machines { built[catalog.blueprints[m.blueprint].id, default: 0] += 1 }
                let problems = LevelInvariants.problems(game.level)
                #expect(problems.isEmpty, "seed \(seed) depth \(depth): \(problems)")
            }
        }
        print("machines built on 260 levels:", Self.all.map { "\($0.id) \(built[$0.id] ?? 0)" }.joined(separator: ", "))
        for b in Self.all { #expect(built[b.id, default: 0] > 0, "no \(b.id) was built") }
    }

    @Test func firingThePlateFillsTheRoomWithGasFromTheVents() throws {
        var (game, n) = game(with: Self.gasTrap)
        let plate = try #require(cells(game, "pressure-plate", machine: n).first)
        var events: [GameEvent] = []
        game.steppedOnPlate(at: plate, by: nil, &events)
        #expect(game.level.machines[n - 1].fired)
        #expect(cells(game, "paralysis-vent-open", machine: n).count == 2)
        #expect(cells(game, "pressure-plate-pressed", machine: n) == [plate])
        let room = game.level.machines[n - 1]
        let gas = cells(game, "paralytic-gas", layer: .gas)
        let inside = gas.filter { room.contains($0) }.count
        print("gas trap: \(gas.count) cells of gas, \(inside) of the room's \(room.width * room.height)")
        #expect(inside == room.width * room.height)
        // The gas clears in its own time.
        game.player.position = game.level.upStairs
        for _ in 0..<20 { _ = game.apply(.rest) }
        #expect(cells(game, "paralytic-gas", layer: .gas).isEmpty)
    }

    @Test func steppingOnThePlateParalysesThePlayerUntilTheGasClears() throws {
        var (game, n) = game(with: Self.gasTrap)
        let plate = try #require(cells(game, "pressure-plate", machine: n).first)
        let before = game.turn
        let events = step(&game, onto: plate)
        #expect(events.contains { if case .message(let m, _) = $0 { m.contains("pressure plate") } else { false } })
        #expect(events.contains(.message("The gas numbs you. You cannot move!", .bad)))
        // The step returns only when the player can act again: once the gas round it is gone.
        print("paralysis trap: the step took \(game.turn - before) turns")
        #expect(game.turn - before >= 10)
        #expect(game.level.terrain(.gas, at: game.player.position) == nil)
    }

    @Test func aHiddenPlateOpensTheBurrowsAndWakesWhatWaitsInThem() throws {
        var (game, n) = game(with: Self.burrows)
        let walls = cells(game, "tunnel-wall", machine: n)
        #expect(walls.count == 2)
        let worms = game.monsters.indices.filter { game.monsters[$0].state == .dormant && walls.contains(game.monsters[$0].position) }
        #expect(worms.count == 2)
        let plate = try #require(cells(game, "hidden-pressure-plate", machine: n).first)
        _ = step(&game, onto: plate)
        #expect(cells(game, "tunnel-wall", machine: n).isEmpty)
        #expect(walls.allSatisfy { game.level.isPassable($0) })
        let monsters = game.monsters
        #expect(worms.allSatisfy { monsters[$0].state != .dormant })
        #expect(cells(game, "pressure-plate-pressed", machine: n) == [plate])
    }

    @Test func liftingTheTreasureOpensTheSluicesAndTheRoomFloods() throws {
        var (game, n) = game(with: Self.sluices)
        let altar = try #require(cells(game, "altar-switch", machine: n).first)
        game.player.position = altar
        _ = game.apply(.pickUp)
        let room = game.level.machines[n - 1]
        let flooded = cells(game, "flood-water", layer: .liquid).filter { room.contains($0) }
        print("sluices: \(flooded.count) of the room's \(room.width * room.height) cells flooded")
        #expect(flooded.count >= room.width * room.height - 2)
        #expect(game.level.has(.isDeep, at: game.player.position))
        // The flood ebbs to shallows when its turns run out.
        for _ in 0..<5 { _ = game.apply(.rest) }
        #expect(cells(game, "flood-water", layer: .liquid).isEmpty)
        #expect(cells(game, "shallow-water", layer: .liquid).filter { room.contains($0) }.count == flooded.count)
    }

    @Test func liftingTheTreasureFromHollowGroundDropsThePlayerADepth() throws {
        var (game, n) = game(with: Self.hollow)
        let altar = try #require(cells(game, "altar-switch", machine: n).first)
        game.player.position = altar
        let events = game.apply(.pickUp)
        #expect(events.contains(.message("The ground gives way beneath you!", .bad)))
        #expect(game.depth == 5)
    }

    @Test func theVaultKeyLiesInAKeyRoomAndLiftingItOpensTheCages() throws {
        var (game, n) = game(with: Self.vault, [Self.menagerie])
        let catalog = game.catalog
        let key = try #require(game.level.items.first { $0.item.opensMachine == n })
        let holder = Int(game.level.machineAt[key.position])
        #expect(holder > 0 && holder != n)
        #expect(catalog.blueprints[game.level.machines[holder - 1].blueprint].id == "menagerie")
        // Good treasure: every caged item in the vault is at least +2.
        let treasure = game.level.items.filter { Int(game.level.machineAt[$0.position]) == n }
        #expect(!treasure.isEmpty && treasure.allSatisfy { $0.item.enchant >= 2 })
        let cages = cells(game, "monster-cage", machine: holder)
        #expect(cages.count == 2 && cages.allSatisfy { !game.level.isPassable($0) })
        let rats = game.monsters.indices.filter { game.monsters[$0].state == .dormant && cages.contains(game.monsters[$0].position) }
        #expect(rats.count == 2)
        game.player.position = key.position
        _ = game.apply(.pickUp)
        #expect(game.inventory.letters.contains { game.inventory[$0]!.opensMachine == n })
        #expect(cages.allSatisfy { game.level.isPassable($0) })
        let monsters = game.monsters
        #expect(rats.allSatisfy { monsters[$0].state != .dormant })
    }

    @Test func aKeyRoomsKeeperCarriesTheKeyAndDropsItWhenKilled() throws {
        var (game, n) = game(with: Self.keeperVault, [Self.lair])
        #expect(!game.level.items.contains { $0.item.opensMachine == n })
        let keeper = try #require(game.monsters.firstIndex { $0.carried?.opensMachine == n })
        #expect(game.catalog.monsters[game.monsters[keeper].kind].id == "goblin")
        var events: [GameEvent] = []
        let at = game.monsters[keeper].position
        game.hazardKill(keeper, &events)
        #expect(game.level.items.contains { $0.item.opensMachine == n && $0.position.distance(to: at) <= 1 })
    }

    @Test func keyRoomMistakesAreRefused() {
        var badVault = Self.vault
        badVault.features[1].item?.heldIn = ["menagery", "lair-without-slot"]
        var noSlot = Self.lair
        noSlot.id = "lair-without-slot"
        noSlot.features[0].keySlot = false
        var slotWithItem = Self.menagerie
        slotWithItem.features[0].item = ItemChoice(categories: [.potion])
        let catalog = TestCatalog.withMachines(Self.all)
        let problems = Blueprint.problems(
            [badVault, noSlot, slotWithItem],
            terrainIndexByID: catalog.terrainIndexByID,
            monsterIndexByID: catalog.monsterIndexByID,
            itemIndexByID: catalog.itemIndexByID,
            items: catalog.items
        )
        #expect(problems.contains("feature 2 of blueprint 'vault' names unknown key room 'menagery' in 'held-in'"), "\(problems)")
        #expect(problems.contains("feature 2 of blueprint 'vault': key room 'lair-without-slot' needs exactly one 'key-slot' feature"), "\(problems)")
        #expect(problems.contains { $0.contains("is a key slot; it holds the key, so give it no 'item'") }, "\(problems)")
    }
}
