import Testing

@testable import BrogueContent

@Suite("Validating paths")
struct ValidateTests {
    @Test("a clean plugin folder or file gives nothing")
    func clean() {
        #expect(ContentLoader().validate(paths: [corePlugin, corePlugin + "/monsters/goblin.yaml", corePlugin + "/plugin.yaml"]).isEmpty)
    }

    @Test("a file is checked as the kind its manifest glob gives it, on its own")
    func singleFile() {
        let temp = TempFolder()
        temp.copyCore()
        let path = temp.write("core/monsters/goblin.yaml", "id: goblin\nname: goblin\nhp: 15\nhp_max: 3\n")
        let found = ContentLoader().validate(paths: [path]).map { "\($0.line):\($0.column) \($0.message)" }
        #expect(found.first == "4:1 unknown key 'hp_max' in monster 'goblin'")
        #expect(found.contains("1:1 missing required field 'glyph' in monster 'goblin'"))
        #expect(ContentLoader().validate(paths: [path]).allSatisfy { $0.file == path })
    }

    @Test("a file in no plugin, or in none of its plugin's globs, is a clear error")
    func strayFiles() {
        let temp = TempFolder()
        let loose = temp.write("loose/goblin.yaml", "id: goblin\n")
        #expect(
            ContentLoader().validate(paths: [loose]).map(\.description) == [
                "\(loose):1:1: error: file is not inside a plugin folder (no plugin.yaml in its folder or any folder above it) (content is read through a plugin's manifest; add a plugin.yaml or move the file into a plugin)"
            ]
        )
        let core = temp.copyCore()
        let stray = temp.write("core/notes/todo.yaml", "a: 1\n")
        #expect(
            ContentLoader().validate(paths: [stray]).map(\.description) == [
                "\(stray):1:1: error: file is not matched by any content glob of plugin 'core' (\(core)/plugin.yaml) (add a glob for it under 'content' in plugin.yaml, or move it)"
            ]
        )
        #expect(ContentLoader().validate(paths: [temp.path + "/missing.yaml"]).map(\.message) == ["file not found"])
    }

    @Test("a relative path keeps its spelling in diagnostics")
    func relativePath() {
        let temp = TempFolder()
        temp.copyCore()
        temp.write("core/monsters/goblin.yaml", "id: goblin\nhp_max: 3\n")
        #expect(ContentLoader.pluginRoot(of: temp.path + "/core/monsters/goblin.yaml")?.relative == "monsters/goblin.yaml")
    }
}
