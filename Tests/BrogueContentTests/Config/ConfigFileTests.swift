import BrogueContent
import Foundation
import Testing

@Suite struct ConfigFileTests {
    let commands = ["search", "explore", "move-west", "eat", "rest"]

    func load(_ text: String) -> (ConfigFile?, [Diagnostic]) {
        let folder = TempFolder()
        let path = folder.write("brogue.yaml", text)
        do {
            return (try ConfigFile.load(path: path, commands: commands), [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    @Test func readsKeysAndAscii() throws {
        let (config, problems) = load("ascii: true\nkeys:\n  search: [s, F]\n  explore: x\n")
        #expect(problems.isEmpty)
        let c = try #require(config)
        #expect(c.ascii == true)
        #expect(c.keys.map(\.command) == ["search", "explore"])
        #expect(c.keys.map(\.keys) == [["s", "F"], ["x"]])
    }

    @Test func unknownCommandGetsPositionAndSuggestion() {
        let (_, problems) = load("keys:\n  serch: s\n")
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2 && problems.first?.column == 3)
        #expect(problems.first?.description.contains("did you mean 'search'") == true)
    }

    @Test func everyMistakeIsReported() {
        let (_, problems) = load("ascii: maybe\nkeys:\n  search: s\n  explore: s\n  eat: [{a: 1}]\ncolour: red\n")
        let lines = problems.filter { $0.severity == .error }.map(\.line)
        #expect(lines == [1, 4, 5, 6], "\(problems.map(\.description))")
    }

    @Test func hostileFilesAreRefusedNotCrashed() {
        let (_, nested) = load(String(repeating: "[", count: 100_000))
        #expect(!nested.isEmpty)
        let (_, empty) = load("")
        #expect(empty.first?.message.contains("empty") == true)
        let (_, list) = load("- a\n- b\n")
        #expect(list.first?.message.contains("must be a mapping") == true)
    }

    @Test func locateFollowsFlagThenEnvironment() {
        #expect(ConfigFile.locate(explicit: "/x.yaml", environment: ["BROGUE_CONFIG": "/y.yaml"]) == "/x.yaml")
        #expect(ConfigFile.locate(explicit: nil, environment: ["BROGUE_CONFIG": "/y.yaml"]) == "/y.yaml")
        #expect(ConfigFile.locate(explicit: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent-brogue"]) == nil)
    }

    @Test func readsThePluginsList() throws {
        let folder = TempFolder()
        let path = folder.write(
            "brogue.yaml",
            "plugins:\n  - mods\n  - {path: /opt/brogue/alchemy, required: true}\n  - ~/more\n  - {path: ../shared, required: false}\n"
        )
        let config = try ConfigFile.load(path: path, commands: commands, environment: ["HOME": "/home/me"])
        let base = URL(fileURLWithPath: folder.path).standardizedFileURL
        #expect(
            config.plugins.map(\.folder) == [
                base.appendingPathComponent("mods").path, "/opt/brogue/alchemy", "/home/me/more",
                base.deletingLastPathComponent().appendingPathComponent("shared").path,
            ]
        )
        #expect(config.plugins.map(\.required) == [false, true, false, false])
        #expect(config.plugins.map { "\($0.line):\($0.column)" } == ["2:5", "3:12", "4:5", "5:12"])
        let candidates = PluginDiscovery.fromConfig(config)
        #expect(candidates.map(\.source) == config.plugins.map { "\(path):\($0.line):\($0.column)" })
        #expect(candidates.map(\.required) == [false, true, false, false])
    }

    @Test func pluginsListMistakesArePositioned() {
        let (_, problems) = load("plugins:\n  - \"https://example.com/mod\"\n  - {path: x, requird: true}\n  - {required: yes}\n  - [a]\n")
        #expect(
            problems.map { "\($0.line):\($0.column) \($0.message)" + ($0.hint.map { " (\($0))" } ?? "") } == [
                "2:5 'https://example.com/mod' is not a folder on this machine; plugins are only ever read from local folders, never downloaded (copy the plugin to a folder on this machine and name that folder)",
                "3:15 unknown key 'requird' in a plugins entry (did you mean 'required'?)",
                "4:16 'required' must be true or false, found 'yes'",
                "4:5 a plugins entry needs 'path' (write {path: /folder/of/plugin, required: true})",
                "5:5 a plugins entry is a folder or {path, required}, found a list",
            ]
        )
        let (_, notAList) = load("plugins: mods\n")
        #expect(notAList.first?.message == "'plugins' must be a list of plugin folders, found 'mods'")
    }
}
