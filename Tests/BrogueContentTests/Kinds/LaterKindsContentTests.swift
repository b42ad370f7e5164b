import BrogueContent
import BrogueCore
import Testing

/// The later potions, scrolls and weapons from YAML, and their new fields refused where they are wrong.
@Suite("Later kinds")
struct LaterKindsContentTests {
    @Test("the core defines hallucination, creeping death, protect armor and weapon, sanctity, the whip, flail and incendiary darts")
    func coreKinds() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        func item(_ id: String) throws -> ItemKind { catalog.items[try #require(catalog.itemIndexByID[id], "\(id)")] }
        #expect(try item("potion-of-hallucination").effect == "hallucination")
        #expect(try item("potion-of-creeping-death").malevolent)
        #expect(try item("scroll-of-protect-armor").effect == "protect-armor")
        #expect(try item("scroll-of-protect-weapon").effect == "protect-weapon")
        #expect(try item("scroll-of-sanctity").effect == "sanctity")
        #expect(try item("whip").attack == .lash)
        #expect(try item("flail").attack == .flail)
        #expect(try item("incendiary-darts").burstsInto == "burning-grass")
        #expect(catalog.monsterIndexByID["lichen"] != nil, "creeping death sprouts the core's lichen")
        #expect(catalog.terrainIndexByID["sacred-glyphs"].map { catalog.terrains[$0].flags.contains(.isSacred) } == true)
        #expect(catalog.monsters[try #require(catalog.monsterIndexByID["acid-mound"])].flags.contains(.acidic))
    }

    @Test("the core's axes sweep, spears pierce, the rapier lunges, maces strike slowly and the sickle cuts an arc, found from depth 2")
    func coreWeaponSpecials() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        let expected: [(String, WeaponAttack)] = [
            ("axe", .sweep), ("war-axe", .sweep), ("spear", .pierce), ("war-pike", .pierce), ("rapier", .lunge), ("mace", .slow),
            ("war-hammer", .slow), ("sickle", .arc), ("sword", .normal), ("dagger", .normal),
        ]
        for (id, attack) in expected {
            let kind = catalog.items[try #require(catalog.itemIndexByID[id], "\(id)")]
            #expect(kind.attack == attack, "\(id)")
        }
        let sickle = try #require(catalog.spawns.items.first { $0.kind == "sickle" })
        #expect(sickle.depths == 2...40)
    }

    @Test("a misspelt weapon attack is refused at file:line:column with every attack named")
    func misspeltAttack() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let axe = dir.write("core/items/axe.yaml", "id: axe\nname: \"axe\"\ncategory: weapon\ndamage: {min: 7, max: 9}\nattack: sweeep\n")
        let lines = errorLines(loadDiagnostics([core]), in: axe)
        let says = "5:9 'attack' in item 'axe' must be one of normal, lash, flail, sweep, pierce, lunge, slow, arc"
        #expect(lines.contains { $0.hasPrefix(says) }, "\(lines)")
    }

    @Test("an unknown attack, a burst into unknown terrain, or either on a potion is refused at file:line:column")
    func badWeaponFields() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let whip = dir.write(
            "core/items/whip.yaml",
            "id: whip\nname: \"whip\"\ncategory: weapon\ndamage: {min: 3, max: 5}\nattack: lasso\n"
        )
        let darts = dir.write(
            "core/items/incendiary-darts.yaml",
            "id: incendiary-darts\nname: \"dart\"\ncategory: weapon\ndamage: {min: 1, max: 2}\nthrowable: true\nbursts-into: burning-gras\n"
        )
        let potion = dir.write(
            "core/items/potion-of-sanctity.yaml",
            "id: potion-of-sanctity\nname: \"potion\"\ncategory: potion\neffect: sanctity\nattack: flail\n"
        )
        let diagnostics = loadDiagnostics([core])
        #expect(errorLines(diagnostics, in: whip).contains { $0.hasPrefix("5:9 'attack' in item 'whip' must be one of normal, lash, flail") })
        #expect(diagnostics.contains { $0.file == darts && $0.line == 6 && $0.message.contains("names unknown terrain 'burning-gras'") })
        #expect(errorLines(diagnostics, in: potion).contains { $0.hasPrefix("5:1 'attack' does not apply to potion item 'potion-of-sanctity'") })
    }
}
