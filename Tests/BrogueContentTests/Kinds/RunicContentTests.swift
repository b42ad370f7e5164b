import BrogueContent
import BrogueCore
import Testing

/// Runics from YAML: the core's load, and a bad field is refused where it is written.
@Suite("Runics")
struct RunicContentTests {
    @Test("the core defines every weapon and armor runic rule, good and bad")
    func coreRunics() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        let weapon = Set(catalog.runics.filter { $0.slot == .weapon }.map(\.rule))
        let armor = Set(catalog.runics.filter { $0.slot == .armor }.map(\.rule))
        #expect(weapon == [.speed, .quietus, .paralysis, .multiplicity, .slowing, .confusion, .force, .slaying, .mercy, .plenty])
        #expect(
            armor == [
                .multiplicity, .mutuality, .absorption, .reprisal, .immunity, .reflection, .respiration, .dampening, .burden, .vulnerability,
                .immolation,
            ]
        )
        #expect(Set(catalog.runics.filter(\.bad).map(\.rule)) == [.mercy, .plenty, .burden, .vulnerability, .immolation])
        let slaying = catalog.runics[try #require(catalog.runicIndexByID["goblin-slaying"])]
        #expect(slaying.monsters.contains("goblin-conjurer"))
    }

    @Test("a runic with a bad field, a rule off its slot or a missing parameter is refused at file:line:column")
    func badRunicFields() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let bad = dir.write(
            "core/runics/quietus.yaml",
            """
            id: quietus
            name: "quietus"
            slot: weapon
            rule: quietus
            chance: often
            chance-per-enchant: 200
            """
        )
        let offSlot = dir.write("core/runics/speed.yaml", "id: speed\nname: \"speed\"\nslot: armor\nrule: speed\n")
        let slaying = dir.write(
            "core/runics/goblin-slaying.yaml",
            "id: goblin-slaying\nname: \"goblin slaying\"\nslot: weapon\nrule: slaying\nmonsters: [goblin, goblinn]\nterrain: lava\n"
        )
        let unknown = dir.write("core/runics/force.yaml", "id: force\nname: \"force\"\nslot: weapon\nrule: forse\nturns: 3\n")
        let diagnostics = loadDiagnostics([core])
        let lines = errorLines(diagnostics, in: bad)
        #expect(lines.contains("5:9 expected an integer for 'chance' in runic 'quietus', found 'often'"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("6:21") && $0.contains("'chance-per-enchant'") }, "\(lines)")
        #expect(errorLines(diagnostics, in: offSlot).contains { $0.hasPrefix("4:7 rule 'speed' of runic 'speed' cannot be on an armor") })
        let slayingLines = errorLines(diagnostics, in: slaying)
        #expect(slayingLines.contains { $0.hasPrefix("6:1 'terrain' does not apply to rule 'slaying'") }, "\(slayingLines)")
        #expect(diagnostics.contains { $0.file == slaying && $0.line == 5 && $0.message.contains("names unknown monster 'goblinn'") })
        #expect(errorLines(diagnostics, in: unknown).contains { $0.hasPrefix("4:7 'rule' in runic 'force' must be one of speed, quietus") })
    }

    @Test("a runic of multiplicity without summons is refused")
    func multiplicityNeedsSummons() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let file = dir.write("core/runics/multiplicity.yaml", "id: multiplicity\nname: \"multiplicity\"\nslot: weapon\nrule: multiplicity\n")
        let lines = errorLines(loadDiagnostics([core]), in: file)
        #expect(lines.contains { $0.hasPrefix("4:7 rule 'multiplicity' of runic 'multiplicity' needs 'summons'") }, "\(lines)")
    }
}
