import BrogueContent
import BrogueCore
import Testing

/// Monster abilities and hordes from YAML: the core's load, and a bad ability or horde is refused
/// where it is written.
@Suite("Monster abilities and hordes")
struct MonsterAbilityContentTests {
    @Test("the core's goblin packs, thieves and water dwellers carry their abilities")
    func coreAbilities() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        func kind(_ id: String) throws -> MonsterKind { catalog.monsters[try #require(catalog.monsterIndexByID[id])] }
        let summons = try #require(try kind("goblin-conjurer").ability(.summons))
        #expect(summons.monster == "spectral-blade" && summons.turns > 0)
        #expect(try kind("goblin-mystic").ability(.castsBolt)?.bolt == "spectral-shield")
        #expect(try kind("monkey").ability(.steals) != nil)
        #expect(try kind("eel").flags.contains(.submerges) && kind("bog-monster").flags.contains(.submerges))
        let hordes = catalog.spawns.monsters
        #expect(hordes.contains { $0.kind == "eel" } && hordes.contains { $0.kind == "bog-monster" })
        #expect(hordes.contains { $0.kind == "goblin-conjurer" && $0.followers.contains { $0.kind == "goblin" } })
        #expect(hordes.contains { $0.kind == "goblin" && $0.followers.map(\.kind).contains("goblin-mystic") })
    }

    @Test("a bad ability is refused at file:line:column: unknown rule, stray or missing parameter, unknown or uncastable bolt")
    func badAbilities() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let monkey = dir.write(
            "core/monsters/monkey.yaml",
            """
            id: monkey
            name: "monkey"
            glyph: "m"
            color: "#a07850"
            hp: 12
            defense: 17
            accuracy: 100
            damage: {min: 1, max: 3}
            xp: 3
            abilities:
              - {ability: steals, bolt: firebolt}
              - {ability: sumons, monster: rat}
              - {ability: summons, monster: spectral-blad}
              - {ability: casts-bolt, bolt: teleport-other}
              - {ability: casts-bolt}
            """
        )
        let lines = errorLines(loadDiagnostics([core]), in: monkey)
        #expect(lines.contains { $0.hasPrefix("11:23 'bolt' does not apply to ability 'steals' of monster 'monkey'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("12:15 'ability' in ability of monster 'monkey' must be one of") && $0.contains("summons") })
        #expect(lines.contains { $0.hasPrefix("13:33 ability 'summons' of monster 'monkey' names unknown monster 'spectral-blad'") })
        #expect(lines.contains { $0.hasPrefix("14:33 ability 'casts-bolt' of monster 'monkey' names bolt 'teleport-other', whose effect") })
        #expect(lines.contains { $0.hasPrefix("15:15 ability 'casts-bolt' of monster 'monkey' needs 'bolt'") })
    }

    @Test("a horde naming an unknown leader or follower, or a follower with a bad count, is refused at file:line:column")
    func badHordes() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let spawns = dir.write(
            "core/spawns.yaml",
            """
            hordes:
              - {leader: goblin-conjuror, depths: "3-10", weight: 8}
              - {leader: goblin, depths: "3-10", weight: 8, followers: [{monster: gobln, count: "1-2"}]}
              - {leader: goblin, depths: "3-10", weight: 8, followers: [{monster: goblin, count: "2-1"}]}
            population:
              - {depths: "1-26", monsters: "2-3", items: "3-5", gold: "1-3"}
            """
        )
        let lines = errorLines(loadDiagnostics([core]), in: spawns)
        #expect(lines.contains { $0.hasPrefix("2:14 horde names unknown monster 'goblin-conjuror'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("3:71 horde of 'goblin' names unknown follower 'gobln'") })
        #expect(lines.contains { $0.hasPrefix("4:86") && $0.contains("minimum above its maximum") })
    }
}
