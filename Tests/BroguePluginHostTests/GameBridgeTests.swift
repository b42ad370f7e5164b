import BrogueContent
import BroguePluginHost
import Foundation
import Testing

@testable import BrogueCore

/// The C example in a real game: its behaviour, effect and generator stage, called through the ABI.
@Suite struct GameBridgeTests {
    static let core: ContentCatalog = {
        do {
            return try ContentLoader().load(plugins: [CPluginBuilder.repoRoot.appendingPathComponent("content/core").path]).catalog
        } catch {
            fatalError("content/core does not load: \(error)")
        }
    }()

    /// Core content where every monster is skittish and the first potion kind is the alchemist's brew.
    static func catalog(loading lib: String) throws -> (ContentCatalog, brew: Int) {
        let base = core
        let brew = try #require(base.items.firstIndex { $0.category == .potion })
        var items = base.items
        items[brew].effect = "alchemy.brew"
        var player = base.player
        player.startingItems.append(StartingItem(kind: items[brew].id))
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters.map { m in
                var m = m
                m.behaviour = "alchemy.skittish"
                return m
            },
            items: items,
            spawns: base.spawns,
            player: player,
            appearances: base.appearances,
            generators: base.generators,
            blueprints: base.blueprints,
            bolts: base.bolts
        )
        let loader = PluginLoader()
        return (try loader.extend(plain, libraries: ["alchemy=\(lib)"]), brew)
    }

    static func buildExample() throws -> (String, URL)? {
        guard let cc = CPluginBuilder.compiler() else { return nil }
        let dir = try CPluginBuilder.temporaryFolder()
        return (try CPluginBuilder.build(file: CPluginBuilder.exampleSource, name: "example_c", in: dir, cc: cc), dir)
    }

    @Test func theCExamplesStageBehaviourAndEffectRunInAGame() throws {
        guard let (lib, dir) = try Self.buildExample() else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (catalog, brew) = try Self.catalog(loading: lib)
        #expect(
            catalog.extensions.names == [
                "monster behaviour alchemy.skittish", "item effect alchemy.brew", "generator stage alchemy.flooded-ruins",
            ]
        )

        // The stage: more shallow water on depth 1 than the same seed builds without it.
        let water = catalog.terrainIndexByID["shallow-water"]!
        func wet(_ level: Level) -> Int { level.layers[TerrainLayer.liquid.rawValue].cells.filter { Int($0) == water }.count }
        var game = Game(seed: 3, catalog: catalog)
        let plain = Game(seed: 3, catalog: Self.core)
        #expect(wet(game.level) > wet(plain.level))

        // The behaviour: a hunting monster diagonal to the player steps straight away instead of attacking.
        func openDiagonal(_ game: Game) -> Direction? {
            let p = game.player.position
            return [Direction.northEast, .northWest, .southEast, .southWest].first { d in
                let n = p + d.offset
                return game.level.canStep(from: p, d) && game.level.canStep(from: n, d) && game.creature(at: n) == nil
                    && game.creature(at: n + d.offset) == nil && game.level.flags[n + d.offset].isDisjoint(with: .hazards)
                    && game.level.flags[n].isDisjoint(with: .hazards)
            }
        }
        var seed: UInt64 = 3
        while openDiagonal(game) == nil && seed < 40 {
            seed += 1
            game = Game(seed: seed, catalog: catalog)
        }
        let d = try #require(openDiagonal(game), "some seed below 40 starts the player with an open diagonal")
        let p = game.player.position
        game.monsters.removeAll()
        let placed = game.spawnMonster(kindID: "rat", at: p + d.offset)
        #expect(placed)
        // Half a turn in, so it acts exactly once during the player's rest.
        game.monsters[0].ticksUntilTurn = 50
        let restEvents = game.apply(.rest)
        #expect(!restEvents.contains { if case .attacked = $0 { true } else { false } })
        #expect(game.monsters[0].position == p + d.offset + d.offset, "skittish: stepped away from the player")

        // The effect: heals the drinker by the brew's strength and says so.
        game.player.hp = 1
        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == brew })
        let events = game.apply(.quaff(letter))
        #expect(game.player.hp > 1)
        #expect(events.contains(.message("The brew fizzes warmly.", .good)))
    }

    @Test func theSameSeedWithTheCExampleGivesTheSameStateHash() throws {
        guard let (lib, dir) = try Self.buildExample() else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (catalog, _) = try Self.catalog(loading: lib)
        let first = Simulation.run(seed: 9, catalog: catalog, turns: 400)
        let second = Simulation.run(seed: 9, catalog: catalog, turns: 400)
        #expect(first.turns > 50)
        #expect(first.stateHash == second.stateHash)
        #expect(catalog.contentHash != Self.core.contentHash)
    }
}
