import BrogueContent
import BrogueCore
import Foundation
import Testing

/// Generator profiles: read from the core plugin, and every mistake refused where it is written.
@Suite("Generator profiles")
struct GeneratorContentTests {
    @Test("the core profiles cover every depth and reach the catalog")
    func coreProfiles() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let catalog = try ContentLoader().load(plugins: [core]).catalog
        #expect(catalog.generators.map(\.id) == ["caverns", "deep", "standard", "upper"])
        for depth in 1...catalog.deepestLevel { #expect(catalog.generatorProfile(at: depth).id != GeneratorProfile.builtIn.id) }
        #expect(catalog.generatorProfile(at: 14).rooms.first?.design == .cave)
        #expect(catalog.generatorProfile(at: 26).secretDoors.value(at: 26) == 67)
    }

    @Test("unknown terrain, a room larger than the map and a bad curve are refused at file:line:column")
    func mistakesAreLocated() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let file = temp.write(
            "core/generators/deep.yaml",
            """
            id: deep
            depths: 16-26
            entrance: {design: small, width: 80-90}
            rooms:
              - {design: hexagon}
            secret-doors: {start: 0, end: 67, from-depth: 20, to-depth: 10}
            lakes:
              - {deep: deep-watr, chance: {start: 10, end: 10}}
            decorations:
              - {terrain: granite, count: {start: 1, end: 1}}

            """
        )
        let found = errorLines(loadDiagnostics([core]), in: file)
        #expect(found.contains { $0.hasPrefix("3:34 ") && $0.contains("must lie within 1-77") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("5:14 ") && $0.contains("hexagon") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("6:61 ") && $0.contains("'to-depth' 10") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("8:12 ") && $0.contains("unknown terrain 'deep-watr'") }, "\(found)")
    }

    @Test("depths no profile covers are an error at the manifest")
    func gapsAreRefused() {
        let temp = TempFolder()
        let core = temp.copyCore()
        try? FileManager.default.removeItem(atPath: core + "/generators/caverns.yaml")
        let all = loadDiagnostics([core]).filter { $0.severity == .error }
        #expect(all.count == 1)
        #expect(all.first?.file == core + "/plugin.yaml")
        #expect(all.first?.message == "no generator profile covers depths 13, 14, 15")
    }

    @Test("a floor decoration that blocks movement is refused")
    func blockingDecoration() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = core + "/generators/upper.yaml"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        _ = temp.write("core/generators/upper.yaml", text.replacingOccurrences(of: "{terrain: rubble,", with: "{terrain: wall,"))
        let messages = loadDiagnostics([core]).filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains { $0.contains("floor decoration 'wall' blocks movement") }, "\(messages)")
    }
}
