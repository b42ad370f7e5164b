import BrogueContent
import BrogueCore
import Testing

/// Rings and charms from YAML: the core's load, and a bad field is refused where it is written.
@Suite("Rings and charms")
struct RingCharmContentTests {
    @Test("the core defines 8 rings, one per ring power, and 12 charms (Brogue's twelve) that each name an effect or a bolt")
    func coreRingsAndCharms() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        let rings = catalog.items.filter { $0.category == .ring }
        #expect(rings.count == 8)
        #expect(Set(rings.compactMap(\.ring)) == Set(RingPower.allCases))
        let charms = catalog.items.filter { $0.category == .charm }
        #expect(charms.count == 12)
        for charm in charms {
            let effect = charm.effect.flatMap(ItemEffect.init(rawValue:))
            let bolt = charm.bolt.flatMap { catalog.boltIndexByID[$0] }
            #expect(effect != nil || bolt != nil, "\(charm.id)")
        }
        #expect(catalog.appearances.ringGems.count >= rings.count)
    }

    @Test("a ring with an unknown power or a field rings do not read is refused at file:line:column")
    func badRingFields() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let bad = dir.write(
            "core/items/ring-of-light.yaml",
            "id: ring-of-light\nname: \"ring of light\"\ncategory: ring\nring: lihgt\nrecharge: 10\ncharges: \"1-3\"\n"
        )
        let powerless = dir.write("core/items/ring-of-wisdom.yaml", "id: ring-of-wisdom\nname: \"ring of wisdom\"\ncategory: ring\n")
        let diagnostics = loadDiagnostics([core])
        let lines = errorLines(diagnostics, in: bad)
        #expect(lines.contains { $0.hasPrefix("4:7 'ring' in item 'ring-of-light' must be one of clairvoyance") && $0.contains("light") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("5:1 'recharge' does not apply to ring item 'ring-of-light'") }, "\(lines)")
        #expect(errorLines(diagnostics, in: powerless).contains { $0.contains("ring item 'ring-of-wisdom' needs 'ring'") })
    }

    @Test("a charm with neither effect nor bolt, an unknown effect or a bad level is refused at file:line:column")
    func badCharmFields() {
        let dir = TempFolder()
        let core = dir.copyCore()
        let empty = dir.write("core/items/health-charm.yaml", "id: health-charm\nname: \"health charm\"\ncategory: charm\nrecharge: 100\n")
        let bad = dir.write(
            "core/items/haste-charm.yaml",
            "id: haste-charm\nname: \"haste charm\"\ncategory: charm\neffect: hasten\ncharges: \"0\"\nring: light\n"
        )
        let diagnostics = loadDiagnostics([core])
        #expect(errorLines(diagnostics, in: empty).contains { $0.contains("charm item 'health-charm' needs 'effect' or 'bolt'") })
        let lines = errorLines(diagnostics, in: bad)
        #expect(lines.contains { $0.hasPrefix("4:9 'effect' in item 'haste-charm' must be a built-in effect") && $0.contains("haste") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("5:10") && $0.contains("'charges'") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("6:1 'ring' does not apply to charm item 'haste-charm'") }, "\(lines)")
    }
}
