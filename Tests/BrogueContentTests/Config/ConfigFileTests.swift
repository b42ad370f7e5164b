import BrogueContent
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
}
