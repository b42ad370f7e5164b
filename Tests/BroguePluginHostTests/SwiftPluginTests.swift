import BrogueContent
import BroguePluginHost
import Foundation
import Testing

@testable import BrogueCore

/// The Swift example (Plugins/ExampleSwift, on BroguePluginKit), built by `swift build` as
/// libExampleSwift.so next to the test binary, loaded through the same C ABI as the C example.
@Suite(.serialized) struct SwiftPluginTests {
    /// The built library: beside the running test binary (.build/<triple>/<config>/), else nil.
    static func exampleLibrary() -> String? {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [exe.deletingLastPathComponent()]
        if let arg = CommandLine.arguments.first { candidates.append(URL(fileURLWithPath: arg).deletingLastPathComponent()) }
        for dir in candidates {
            // An .xctest bundle on some platforms is a folder; its parent holds the products then.
            for folder in [dir, dir.deletingLastPathComponent()] {
                let lib = folder.appendingPathComponent("libExampleSwift.so").path
                if FileManager.default.fileExists(atPath: lib) { return lib }
            }
        }
        Issue.record("libExampleSwift.so is not next to the test binary (\(exe.path)); `swift build` builds it")
        return nil
    }

    /// Core content where monsters alternate cowardly (Swift) and skittish (C, when given), and two
    /// potion kinds carry the tonic (Swift) and the brew (C).
    static func catalog(swift: String, c: String?) throws -> (ContentCatalog, tonic: Int) {
        let base = GameBridgeTests.core
        let potions = base.items.indices.filter { base.items[$0].category == .potion }
        try #require(potions.count >= 2)
        var items = base.items
        items[potions[0]].effect = "herbalism.tonic"
        if c != nil { items[potions[1]].effect = "alchemy.brew" }
        var player = base.player
        player.startingItems.append(StartingItem(kind: items[potions[0]].id))
        let plain = try ContentCatalog(
            terrains: base.terrains,
            monsters: base.monsters.enumerated().map { i, m in
                var m = m
                m.behaviour = c != nil && i % 2 == 1 ? "alchemy.skittish" : "herbalism.cowardly"
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
        var libraries = ["herbalism=\(swift)"]
        if let c { libraries.append("alchemy=\(c)") }
        return (try PluginLoader().extend(plain, libraries: libraries), potions[0])
    }

    @Test func theSwiftExampleLoadsAndRegistersThroughTheABI() throws {
        guard let lib = Self.exampleLibrary() else { return }
        let plugin = try PluginLoader().load(library: lib, pluginID: "herbalism")
        #expect(plugin.abi == PluginABIVersion.host)
        #expect(plugin.behaviourNames == ["cowardly"])
        #expect(plugin.itemEffectNames == ["tonic"])
    }

    @Test func theSwiftExamplesBehaviourAndEffectRunInAGame() throws {
        guard let lib = Self.exampleLibrary() else { return }
        let (catalog, tonic) = try Self.catalog(swift: lib, c: nil)
        #expect(catalog.extensions.names.contains("monster behaviour herbalism.cowardly"))
        #expect(catalog.extensions.names.contains("item effect herbalism.tonic"))
        var game = Game(seed: 5, catalog: catalog)

        // The effect: heals the drinker and says so.
        game.player.hp = 1
        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == tonic })
        let events = game.apply(.quaff(letter))
        #expect(game.player.hp > 1)
        #expect(events.contains(.message("The tonic tastes of mint.", .good)))

    }

    @Test func cowardlyFleesOnlyWhenHurtBelowHalf() throws {
        guard let lib = Self.exampleLibrary() else { return }
        let plugin = try PluginLoader().load(library: lib, pluginID: "herbalism")
        let cowardly = try #require(plugin.behaviours.first)
        let monster = PluginPoint(x: 6, y: 5)
        #expect(cowardly.act(in: OneMonsterGame(at: monster, hp: 4, maxHP: 10), monster: monster) == .flee)
        #expect(cowardly.act(in: OneMonsterGame(at: monster, hp: 5, maxHP: 10), monster: monster) == .useDefault)
        #expect(cowardly.act(in: OneMonsterGame(at: monster, hp: 10, maxHP: 10), monster: monster) == .useDefault)
    }

    @Test func theSameSeedWithBothExamplesGivesTheSameStateHash() throws {
        guard let lib = Self.exampleLibrary() else { return }
        guard let (c, dir) = try GameBridgeTests.buildExample() else { return }
        defer { try? FileManager.default.removeItem(at: dir) }
        let (catalog, _) = try Self.catalog(swift: lib, c: c)
        #expect(catalog.extensions.names.contains("monster behaviour alchemy.skittish"))
        #expect(catalog.extensions.names.contains("monster behaviour herbalism.cowardly"))
        let first = Simulation.run(seed: 9, catalog: catalog, turns: 400)
        let second = Simulation.run(seed: 9, catalog: catalog, turns: 400)
        #expect(first.turns > 50)
        #expect(first.stateHash == second.stateHash)
    }
}

/// One monster next to the player at (5, 5).
final class OneMonsterGame: PluginGameContext {
    let monster: PluginPoint
    let hp: Int32
    let maxHP: Int32
    init(at monster: PluginPoint, hp: Int32, maxHP: Int32) {
        self.monster = monster
        self.hp = hp
        self.maxHP = maxHP
    }

    var depth: Int32 { 1 }
    var playerPosition: PluginPoint { PluginPoint(x: 5, y: 5) }
    var playerHP: Int32 { 20 }
    func terrainFlags(at cell: PluginPoint) -> PluginTerrainFlags { [] }
    func randomBelow(_ bound: Int32) -> Int32 { 0 }
    func creature(at cell: PluginPoint) -> PluginCreature? {
        cell == monster ? PluginCreature(id: 1, hp: hp, maxHP: maxHP, isPlayer: false) : nil
    }
}
