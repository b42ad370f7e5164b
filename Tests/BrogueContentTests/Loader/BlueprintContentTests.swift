import BrogueContent
import BrogueCore
import Foundation
import Testing

/// Machine blueprints: read from the core plugin, every mistake refused where it is written,
/// and a blueprint that can never fit refused at load rather than tried forever.
@Suite("Blueprints")
struct BlueprintContentTests {
    @Test("the core content has at least 12 blueprints, each buildable somewhere")
    func coreBlueprints() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let catalog = try ContentLoader().load(plugins: [core]).catalog
        #expect(catalog.blueprints.count >= 12)
        let built = Set(
            (1...20).flatMap { seed -> [String] in
                var game = Game(seed: UInt64(seed), catalog: catalog)
                var ids: [String] = []
                for depth in 1...catalog.deepestLevel {
                    if depth > 1 { game.visit(depth: depth) }
                    ids += game.level.machines.map { catalog.blueprints[$0.blueprint].id }
                }
                return ids
            }
        )
        #expect(built == Set(catalog.blueprints.map(\.id)), "never built: \(Set(catalog.blueprints.map(\.id)).subtracting(built).sorted())")
    }

    @Test("unknown names, a misplaced key and an empty feature are refused at file:line:column")
    func mistakesAreLocated() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let file = temp.write(
            "core/blueprints/locked-vault.yaml",
            """
            id: locked-vault
            name: "locked vault"
            depths: 3-26
            width: 3-6
            height: 3-4
            entrance: lockd-door
            features:
              - {terrain: altar-cage-open, placement: edge, count: 2-4, item: {categories: [weapon, jewel]}}
              - {placement: interior, item: {kind: vault-key, key: true}}
              - {placement: edge}
              - {placement: far, monster: {kind: gobln, state: asleep}}

            """
        )
        let found = errorLines(loadDiagnostics([core]), in: file)
        #expect(found.contains { $0.hasPrefix("6:11 ") && $0.contains("unknown terrain 'lockd-door'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("8:89 ") && $0.contains("jewel") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("9:17 ") && $0.contains("must be placed 'outside'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("10:5 ") && $0.contains("places nothing") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("11:38 ") && $0.contains("unknown monster 'gobln'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("11:52 ") && $0.contains("asleep") }, "\(found)")
    }

    @Test("a blueprint that can never fit is refused at load")
    func neverFits() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let big = temp.write(
            "core/blueprints/huge.yaml",
            """
            id: huge
            name: "huge hall"
            depths: 1-26
            width: 10-80
            height: 3-4
            features:
              - {terrain: statue}

            """
        )
        let crowded = temp.write(
            "core/blueprints/crowded.yaml",
            """
            id: crowded
            name: "crowded closet"
            depths: 1-26
            width: 2-3
            height: 2
            features:
              - {terrain: statue, count: 4-6}
              - {placement: center, item: {categories: [potion]}, count: 3}

            """
        )
        let all = loadDiagnostics([core])
        let inBig = errorLines(all, in: big)
        let inCrowded = errorLines(all, in: crowded)
        #expect(inBig.contains { $0.hasPrefix("4:8 ") && $0.contains("must lie within 1-\(Blueprint.maxWidth)") }, "\(inBig)")
        #expect(inCrowded.contains { $0.hasPrefix("7:3 ") && $0.contains("needs 7 inside cells") && $0.contains("can never fit") }, "\(inCrowded)")
    }

    @Test("a wired terrain without promotes-to, and promotes-to without wiring, are refused")
    func wiring() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let lever = temp.write(
            "core/terrain/lever.yaml",
            """
            id: lever
            name: "a lever"
            glyph: "/"
            ascii-glyph: "/"
            foreground: "#e0c070"
            background: "#3c3c3c"
            layer: dungeon
            flags: [wired, fires-on-bump, blocks-movement]
            draw-priority: 10

            """
        )
        let statue = temp.write(
            "core/terrain/statue.yaml",
            """
            id: statue
            name: "a statue"
            glyph: "&"
            ascii-glyph: "&"
            foreground: "#e0c070"
            background: "#3c3c3c"
            layer: dungeon
            flags: [blocks-movement]
            promotes-to: floor
            draw-priority: 10

            """
        )
        let all = loadDiagnostics([core])
        #expect(errorLines(all, in: lever).contains { $0.hasPrefix("8:8 ") && $0.contains("has no 'promotes-to'") }, "\(errorLines(all, in: lever))")
        #expect(errorLines(all, in: statue).contains { $0.hasPrefix("9:1 ") && $0.contains("applies only to a terrain flagged 'wired'") })
    }

    @Test("the worked example in docs/content/blueprints.md loads, is built and works")
    func workedExample() throws {
        let root = BrogueContentTestsRoot.url
        let catalog = try ContentLoader().load(plugins: [
            root.appendingPathComponent("content/core").path, root.appendingPathComponent("docs/examples/bone-shrine").path,
        ]).catalog
        let shrine = try #require(catalog.blueprints.firstIndex { $0.id == "bone-shrine" })
        var found = false
        for seed in 1...30 where !found {
            var game = Game(seed: UInt64(seed), catalog: catalog)
            for depth in 4...12 where !found {
                game.visit(depth: depth)
                guard let m = game.level.machines.firstIndex(where: { $0.blueprint == shrine }) else { continue }
                found = true
                let n = m + 1
                #expect(LevelInvariants.problems(game.level).isEmpty)
                #expect(game.level.items.contains { $0.item.opensMachine == n && game.level.machineAt[$0.position] == 0 })
                #expect(game.monsters.filter { $0.machine == n && $0.state == .dormant }.count >= 2)
                #expect(game.monsters.contains { $0.state == .captive && Int(game.level.machineAt[$0.position]) == n })
                let entries = SeedCatalog.entries(of: game)
                #expect(entries.contains { $0.machine == "bone shrine" && $0.kind == .item })
            }
        }
        #expect(found, "no bone shrine on seeds 1-30, depths 4-12")
    }
}
