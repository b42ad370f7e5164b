import BrogueContent
import BrogueCore
import Testing

/// Bolts, staffs and wands from YAML: the core's load, and a bad field is refused where it is written.
@Suite("Bolts, staffs and wands")
struct BoltContentTests {
    @Test("the core defines 13 staffs and 9 wands, each naming a bolt it has")
    func coreStaffsAndWands() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        #expect(catalog.items.filter { $0.category == .staff }.count == 13)
        #expect(catalog.items.filter { $0.category == .wand }.count == 9)
        for item in catalog.items where item.category == .staff || item.category == .wand {
            #expect(item.bolt.flatMap { catalog.boltIndexByID[$0] } != nil, "\(item.id)")
        }
        let firebolt = catalog.bolts[try #require(catalog.boltIndexByID["firebolt"])]
        #expect(firebolt.effect == .damage && firebolt.lights == "burning-grass")
        #expect(catalog.bolts[try #require(catalog.boltIndexByID["lightning"])].passesThroughCreatures)
    }

    @Test("the core's wraith casts dread, which frightens, and the fear immunity charm and extra healing potion name their effects")
    func fearAndExtraHealing() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        #expect(catalog.bolts[try #require(catalog.boltIndexByID["dread"])].effect == .frighten)
        let wraith = catalog.monsters[try #require(catalog.monsterIndexByID["wraith"])]
        #expect(wraith.abilities.contains { $0.rule == .castsBolt && $0.bolt == "dread" })
        #expect(catalog.items[try #require(catalog.itemIndexByID["fear-immunity-charm"])].effect == "fear-immunity")
        #expect(catalog.items[try #require(catalog.itemIndexByID["potion-of-extra-healing"])].effect == "extra-healing")
    }

    @Test("a bolt with a bad field, an unknown effect or a missing parameter is refused at file:line:column")
    func badBoltFields() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let bad = dir.write(
            "core/bolts/firebolt.yaml",
            """
            id: firebolt
            name: "firebolt"
            effect: damgae
            reach: far
            lights: burning-gras
            """
        )
        let obstruct = dir.write("core/bolts/obstruction.yaml", "id: obstruction\nname: \"obstruction\"\neffect: obstruct\nsummons: rat\n")
        let diagnostics = loadDiagnostics([core])
        let lines = errorLines(diagnostics, in: bad)
        #expect(lines.contains { $0.hasPrefix("3:9 'effect' in bolt 'firebolt' must be one of damage, poison") })
        #expect(lines.contains("4:8 expected an integer for 'reach' in bolt 'firebolt', found 'far'"))
        #expect(diagnostics.contains { $0.file == bad && $0.message.contains("names unknown terrain 'burning-gras'") })
        let obstructLines = errorLines(diagnostics, in: obstruct)
        #expect(obstructLines.contains { $0.contains("effect 'obstruct' of bolt 'obstruction' needs 'terrain'") })
        #expect(obstructLines.contains { $0.hasPrefix("4:1 'summons' does not apply to effect 'obstruct'") })
    }

    @Test("a staff naming an unknown bolt, or none, is refused at file:line:column")
    func badStaffFields() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let misspelt = dir.write(
            "core/items/staff-of-firebolt.yaml",
            "id: staff-of-firebolt\nname: \"staff of firebolt\"\ncategory: staff\nbolt: firebolt-x\ncharges: \"0\"\n"
        )
        let boltless = dir.write("core/items/wand-of-plenty.yaml", "id: wand-of-plenty\nname: \"wand of plenty\"\ncategory: wand\nrecharge: 10\n")
        let diagnostics = loadDiagnostics([core])
        let lines = errorLines(diagnostics, in: misspelt)
        #expect(lines.contains { $0.hasPrefix("4:7 'bolt' of item 'staff-of-firebolt' names unknown bolt 'firebolt-x'") })
        #expect(lines.contains { $0.hasPrefix("5:10") && $0.contains("'charges'") })
        let wand = errorLines(diagnostics, in: boltless)
        #expect(wand.contains { $0.contains("wand item 'wand-of-plenty' needs 'bolt'") })
        #expect(wand.contains { $0.hasPrefix("4:1 'recharge' does not apply to wand item 'wand-of-plenty'") })
    }
}
