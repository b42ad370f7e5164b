import BrogueContent
import Testing

@Suite("Plugin manifests")
struct PluginManifestTests {
    private func manifestProblems(_ text: String) -> [String] {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = temp.write("core/plugin.yaml", text)
        return loadDiagnostics([core]).filter { $0.file == path }.map {
            "\($0.line):\($0.column) \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
        }
    }

    @Test("the core manifest reads as the brief gives it")
    func coreManifest() throws {
        let manifest = try #require(try ContentLoader().load(plugins: [corePlugin]).manifests.first)
        #expect(manifest.id == "core" && manifest.name == "Brogue core" && manifest.version == "1.0.0")
        #expect(manifest.description == "The core game.")
        #expect(manifest.folder == corePlugin)
        #expect(manifest.content[.monsters] == ["monsters/*.yaml"])
        #expect(manifest.content[.appearances] == ["appearances.yaml"])
    }

    @Test("an unknown content kind gets a did-you-mean; bad versions and globs are errors")
    func problems() {
        let text = """
            id: core
            name: Brogue core
            version: 1.0
            content:
              terrain: ["terrain/*.yaml"]
              monster: ["monsters/*.yaml"]
              items: ["../items/*.yaml"]

            """
        #expect(
            manifestProblems(text) == [
                "3:10 'version' in plugin manifest 'core' must be a version like 1.0.0, found '1.0' (it has 2 numbers where major.minor.patch needs 3; versions are semantic: major.minor.patch, then optionally -prerelease and +build)",
                "6:3 unknown key 'monster' in content of plugin 'core' (did you mean 'monsters'?)",
                "7:11 glob '../items/*.yaml' may not leave the plugin folder with '..'",
            ]
        )
    }

    @Test("a glob that matches nothing is a warning; a file claimed by two kinds is an error")
    func globMatches() {
        let text = """
            id: core
            name: Brogue core
            version: 1.0.0
            content:
              terrain: ["terrain/*.yaml", "terain/*.yaml"]
              monsters: ["monsters/*.yaml"]
              items: ["items/*.yaml", "monsters/rat.yaml"]
              spawns: ["spawns.yaml"]
              player: ["player.yaml"]
              appearances: ["appearances.yaml"]

            """
        #expect(
            manifestProblems(text) == [
                "5:31 content glob 'terain/*.yaml' for terrain matches no files",
                "7:3 file 'monsters/rat.yaml' is matched by the globs of both monsters and items (a file holds one kind of content; narrow one of the globs)",
            ]
        )
    }
}
