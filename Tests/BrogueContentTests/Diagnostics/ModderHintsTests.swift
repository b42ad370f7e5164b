import BrogueContent
import Foundation
import Testing

/// Mistakes a modder makes in their first hour, answered with what to write.
@Suite("Modder hints")
struct ModderHintsTests {
    @Test("damage written as a range is answered with the mapping it means")
    func damageAsARange() {
        let temp = TempFolder()
        temp.write(
            "mod/plugin.yaml",
            "id: mod\nname: mod\nversion: 0.1.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n"
        )
        let file = temp.write(
            "mod/monsters/frost-goblin.yaml",
            "id: frost-goblin\nname: \"frost goblin\"\nglyph: \"g\"\ncolor: \"#a0c0ff\"\nhp: 15\ndefense: 10\naccuracy: 70\ndamage: 3-6\nxp: 10\n"
        )
        let errors = loadDiagnostics([corePlugin, temp.path + "/mod"]).errors.map(\.description)
        #expect(
            errors == [
                "\(file):8:9: error: 'damage' of monster 'frost-goblin' must be a mapping with min and max, found '3-6' (write damage: {min: 3, max: 6})"
            ]
        )
    }

    @Test("an unknown machine monster state gets a did-you-mean from a shared stem")
    func stateDidYouMean() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = core + "/blueprints/ambush.yaml"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        #expect(text.contains("state: dormant"))
        temp.write("core/blueprints/ambush.yaml", text.replacingOccurrences(of: "state: dormant", with: "state: asleep"))
        let errors = loadDiagnostics([core]).errors
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasSuffix("must be one of sleeping, captive, dormant, guarding; found 'asleep'") == true)
        #expect(errors.first?.hint == "did you mean 'sleeping'?")
    }
}
