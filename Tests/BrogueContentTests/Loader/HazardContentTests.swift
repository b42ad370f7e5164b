import BrogueContent
import BrogueCore
import Foundation
import Testing

/// Hazard terrain, traps and bridges: read from the core plugin, and every mistake refused at
/// the place it is written.
@Suite("Hazards and traps")
struct HazardContentTests {
    private func errors(_ diagnostics: [Diagnostic], in path: String) -> [String] {
        diagnostics.filter { $0.file == path && $0.severity == .error }.map { "\($0.line):\($0.column) \($0.message)" }
    }

    @Test("the core plugin's hazards, traps and bridges reach the catalog")
    func coreHazards() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        func kind(_ id: String) throws -> TerrainKind { catalog.terrains[try #require(catalog.terrainIndexByID[id])] }
        #expect(try kind("lava").flags.contains(.lethalFire))
        #expect(try kind("chasm").flags.contains(.autoDescent))
        #expect(try kind("brimstone").onStep == "burning-brimstone")
        #expect(try kind("burning-brimstone").decaysTo == "brimstone" && kind("burning-brimstone").damage != nil)
        #expect(try kind("bridge").flags.contains(.isBridge))
        for effect in TrapEffect.allCases {
            let visible = catalog.terrains.first { $0.trap == effect && !$0.flags.contains(.isSecret) }
            let hidden = catalog.terrains.first { $0.trap == effect && $0.flags.contains(.isSecret) }
            #expect(visible != nil && hidden?.discoverAs == visible?.id, "trap '\(effect.rawValue)'")
        }
        #expect(try kind("hidden-trap-door").flags.contains([.isTrap, .autoDescent, .isSecret]))
        let dragon = try #require(catalog.monsterIndexByID["dragon"])
        #expect(catalog.monsters[dragon].flags.contains(.fireImmune))
        for depth in 4...catalog.deepestLevel {
            let profile = catalog.generatorProfile(at: depth)
            #expect(profile.bridges != nil, "depth \(depth)")
            #expect(profile.lakes.contains { $0.deep == "lava" }, "depth \(depth)")
            #expect(profile.decorations.contains { $0.placement == .trap }, "depth \(depth)")
        }
        #expect(!catalog.generatorProfile(at: 1).lakes.contains { $0.deep == "lava" })
    }

    @Test("a bad trap or hazard field is refused at file:line:column")
    func badTerrainFields() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let typo = temp.write(
            "core/terrain/paralysis-trap.yaml",
            """
            id: paralysis-trap
            name: "a paralysis trap"
            glyph: "^"
            ascii-glyph: "^"
            foreground: "#e070e0"
            layer: dungeon
            flags: [is-trap]
            trap: paralyse
            draw-priority: 30

            """
        )
        let unflagged = temp.write(
            "core/terrain/alarm-trap.yaml",
            """
            id: alarm-trap
            name: "an alarm trap"
            glyph: "^"
            ascii-glyph: "^"
            foreground: "#f0f0f0"
            layer: dungeon
            trap: alarm
            draw-priority: 30

            """
        )
        let noDamage = temp.write(
            "core/terrain/burning-brimstone.yaml",
            """
            id: burning-brimstone
            name: "burning brimstone"
            glyph: "^"
            ascii-glyph: "^"
            foreground: "#ffb43c"
            layer: liquid
            flags: [liquid, causes-damage, glows]
            decays-to: floor
            draw-priority: 35

            """
        )
        let all = loadDiagnostics([core])
        let a = errors(all, in: typo)
        #expect(a.contains { $0.hasPrefix("8:7 ") && $0.contains("must be one of paralysis, poison, confusion, alarm, fire") }, "\(a)")
        #expect(all.contains { $0.file == typo && $0.hint?.contains("paralysis") == true })
        let b = errors(all, in: unflagged)
        #expect(b.contains { $0.hasPrefix("7:1 ") && $0.contains("applies only to a terrain flagged 'is-trap'") }, "\(b)")
        let c = errors(all, in: noDamage)
        #expect(c.contains { $0.hasPrefix("7:8 ") && $0.contains("'causes-damage' but gives no 'damage'") }, "\(c)")
        #expect(c.contains { $0.hasPrefix("8:12 ") && $0.contains("is on the dungeon layer, not the liquid layer") }, "\(c)")
    }

    @Test("a trap, bridge or lake naming the wrong kind of terrain is refused where it is named")
    func badGeneratorUses() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let file = temp.write(
            "core/generators/deep.yaml",
            """
            id: deep
            depths: 16-26
            entrance: {design: small}
            rooms:
              - {design: cross}
            lakes:
              - {deep: chasm, shallow: lava, chance: {start: 10, end: 10}}
            decorations:
              - {terrain: rubble, placement: trap, count: {start: 1, end: 1}}
              - {terrain: lava, count: {start: 1, end: 1}}
            bridges: {terrain: floor, count: {start: 1, end: 1}, max-lenght: 4}

            """
        )
        let found = errors(loadDiagnostics([core]), in: file)
        #expect(found.contains { $0.hasPrefix("7:28 ") && $0.contains("lake wreath 'lava' must be a liquid") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("9:15 ") && $0.contains("trap decoration 'rubble' is not flagged 'is-trap'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("10:15 ") && $0.contains("floor decoration 'lava' is a hazard") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("11:20 ") && $0.contains("bridge terrain 'floor' is not flagged 'bridge'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("11:54 ") && $0.contains("unknown key 'max-lenght'") }, "\(found)")
    }

    @Test("every terrain and monster flag is explained in the docs")
    func flagsAreDocumented() throws {
        let terrain = try String(contentsOfFile: repositoryRoot + "/docs/content/terrain.md", encoding: .utf8)
        for (name, _) in TerrainFlags.names { #expect(terrain.contains("`\(name)`"), "terrain.md does not explain '\(name)'") }
        for effect in TrapEffect.allCases {
            #expect(terrain.contains("`\(effect.rawValue)`"), "terrain.md does not explain trap '\(effect.rawValue)'")
        }
        let monsters = try String(contentsOfFile: repositoryRoot + "/docs/content/monsters.md", encoding: .utf8)
        for (name, _) in MonsterFlags.names { #expect(monsters.contains("`\(name)`"), "monsters.md does not explain '\(name)'") }
    }
}
