import Foundation
import Testing

/// Help texts say what the commands do today.
@Suite struct HelpTextTests {
    @Test func simHelpSaysWhatPluginLibraryIsFor() throws {
        let out = try BrogueProcess.run(["sim", "--help"])
        #expect(out.status == 0)
        let text = out.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(!text.contains("until plugin.yaml"), "\(text)")
        #expect(text.contains("A plugin folder's library (plugin.yaml `library:`) loads with its plugin, without this option."), "\(text)")
    }

    @Test func contentShowHelpListsEveryKindItTakes() throws {
        let out = try BrogueProcess.run(["content", "show", "--help"])
        #expect(out.status == 0)
        let text = out.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("KIND is terrain, monster, item, generator, blueprint, bolt or runic"), "\(text)")
        let shown = try BrogueProcess.run(["content", "show", "blueprint", "ambush", "--content", "content/core"])
        #expect(shown.status == 0 && shown.stdout.hasPrefix("# blueprint 'ambush'"), "\(shown.stderr)")
    }
}
