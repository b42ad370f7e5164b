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

/// Each manifest field checked on its own, with the place of the mistake.
@Suite("Plugin manifest fields")
struct ManifestFieldTests {
    /// Errors in a lone plugin's manifest, as "line:column message (hint)".
    private func problems(_ fields: String) -> [String] {
        let temp = TempFolder()
        let path = temp.write("mod/plugin.yaml", "id: mod\nname: Mod\n" + fields)
        temp.write("mod/monsters/rat.yaml", "id: rat\n")
        return loadDiagnostics([temp.path + "/mod"]).filter { $0.file == path && $0.severity == .error }.map {
            "\($0.line):\($0.column) \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
        }
    }

    private let content = "content:\n  monsters: [\"monsters/*.yaml\"]\n"

    @Test("a version that is not semver says which part is wrong")
    func badSemver() {
        #expect(
            problems("version: 1.02.0\n" + content) == [
                "3:10 'version' in plugin manifest 'mod' must be a version like 1.0.0, found '1.02.0' (the minor number '02' has a leading zero; versions are semantic: major.minor.patch, then optionally -prerelease and +build)"
            ]
        )
        #expect(
            problems("version: 1.0.0-\n" + content).first?.hasPrefix(
                "3:10 'version' in plugin manifest 'mod' must be a version like 1.0.0, found '1.0.0-' (the prerelease has an empty identifier"
            ) == true
        )
        #expect(
            problems("version: \"1.0.0+b@d\"\n" + content).first?.contains("the build metadata 'b@d' may hold only letters, digits and '-'") == true
        )
        #expect(!problems("version: 1.0.0-rc.1+build.5\n" + content).contains { $0.contains("'version'") })
    }

    @Test("abi is major.minor, and comes with a library")
    func badABI() {
        #expect(
            problems("version: 1.0.0\nlibrary: libmod.so\nabi: \"1\"\n") == [
                "5:6 'abi' in plugin manifest 'mod' must be an ABI version major.minor like \"1.0\", found '1' (write the BROGUE_PLUGIN_ABI_MAJOR.MINOR your library was built against (brogue plugin sdk prints it))"
            ]
        )
        #expect(
            problems("version: 1.0.0\nlibrary: libmod.so\n") == [
                "4:1 plugin manifest 'mod' names a library but no 'abi' (add 'abi: \"1.0\"' (the ABI the library was built against; brogue plugin sdk prints it))"
            ]
        )
        #expect(
            problems("version: 1.0.0\nabi: \"1.0\"\n" + content) == [
                "4:1 'abi' is for a native library, but plugin manifest 'mod' names no 'library' (remove 'abi', or add 'library:')"
            ]
        )
    }

    @Test("a dependency's version range is checked where it is written")
    func badRange() {
        #expect(
            problems("version: 1.0.0\ndepends:\n  - {id: core, version: \">=1.0 =>2\"}\n" + content) == [
                "5:25 'version' in dependency 'core' is not a version range: '=>2' is not a comparison like >=1.2.0, <2, ^1.4 or ~0.3 (write e.g. \"^1.0\" or \">=1.2.0 <2.0.0\" in quotes, or \"*\" for any version)"
            ]
        )
        #expect(
            problems("version: 1.0.0\ndepends:\n  - {id: core, version: \"^1 || ^2\"}\n" + content).first?.contains(
                "alternatives ('||', ',') are not supported"
            ) == true
        )
        #expect(
            problems("version: 1.0.0\ndepends:\n  - {id: Core}\n" + content).first?.hasPrefix(
                "5:10 'id' in dependency 'Core' must be a kebab-case id"
            ) == true
        )
        #expect(problems("version: 1.0.0\ndepends: [mod]\n" + content) == ["4:11 plugin 'mod' depends on itself (remove this dependency)"])
    }

    @Test("an unknown key gets a did-you-mean")
    func unknownKey() {
        #expect(
            problems("version: 1.0.0\ndepend: [core]\n" + content) == [
                "4:1 unknown key 'depend' in plugin manifest 'mod' (did you mean 'depends'?)"
            ]
        )
        #expect(
            problems("version: 1.0.0\nlibary: libmod.so\n").first == "4:1 unknown key 'libary' in plugin manifest 'mod' (did you mean 'library'?)"
        )
        #expect(
            problems("version: 1.0.0\nlibrary: libmod.so\nabi: \"1.0\"\nnatives:\n  - {name: brew, symbol: brew, arg: [int32], returns: int32}\n")
                == ["7:32 unknown key 'arg' in native 'brew' (did you mean 'args'?)"]
        )
    }

    @Test("a library path may not leave the plugin folder")
    func libraryEscapes() {
        let hint = " (name a file inside the plugin folder, like libmyplugin.so)"
        #expect(
            problems("version: 1.0.0\nlibrary: ../other/libx.so\nabi: \"1.0\"\n") == [
                "4:10 'library' in plugin manifest 'mod' may not leave the plugin folder with '..', found '../other/libx.so'" + hint
            ]
        )
        #expect(
            problems("version: 1.0.0\nlibrary: /usr/lib/libx.so\nabi: \"1.0\"\n") == [
                "4:10 'library' in plugin manifest 'mod' must be relative to the plugin folder, found '/usr/lib/libx.so'" + hint
            ]
        )
        #expect(
            problems("version: 1.0.0\nlibrary: ~/libx.so\nabi: \"1.0\"\n").first?.hasPrefix(
                "4:10 'library' in plugin manifest 'mod' must be relative"
            ) == true
        )
        #expect(
            problems("version: 1.0.0\nlibrary: \"https://example.com/libx.so\"\nabi: \"1.0\"\n") == [
                "4:10 'library' in plugin manifest 'mod' must be a file on this machine, found 'https://example.com/libx.so'" + hint
            ]
        )
    }

    @Test("a native's types come from a fixed set, with a did-you-mean")
    func unknownNativeType() {
        let head = "version: 1.0.0\nlibrary: libmod.so\nabi: \"1.0\"\nnatives:\n"
        #expect(
            problems(head + "  - {name: brew, symbol: alchemy_brew, args: [int32, int33], returns: int32}\n") == [
                "7:54 unknown native type 'int33' in 'args' of native 'brew' (did you mean 'int32'?)"
            ]
        )
        #expect(
            problems(head + "  - {name: brew, symbol: alchemy_brew, returns: float}\n") == [
                "7:49 'returns' in native 'brew' must be one of int32, int64, double, bool, string; found 'float'"
            ]
        )
        #expect(
            problems(head + "  - {name: brew, symbol: 9lives, returns: bool}\n").first?.hasPrefix(
                "7:26 'symbol' in native 'brew' must be a C identifier"
            ) == true
        )
        #expect(
            problems("version: 1.0.0\nnatives:\n  - {name: brew, symbol: brew, returns: bool}\n" + content) == [
                "4:1 'natives' are functions of a native library, but plugin manifest 'mod' names no 'library' (add 'library:' and 'abi:')"
            ]
        )
    }

    @Test("the full form reads into plain values for the host")
    func fullManifest() throws {
        let temp = TempFolder()
        temp.write(
            "mod/plugin.yaml",
            """
            id: mod
            name: Mod
            version: 0.2.0-beta.1
            library: libmod.so
            abi: "1.0"
            depends:
              - core
              - {id: other, version: "^0.3"}
            natives:
              - {name: brew, symbol: alchemy_brew, args: [int32, string], returns: double}

            """
        )
        let report = ContentLoader().load([PluginCandidate(folder: temp.path + "/mod", required: false, source: "test")])
        let manifest = try #require(report.plugins.first?.manifest)
        #expect(manifest.kind == "native")
        #expect(manifest.abi == PluginABI(major: 1, minor: 0))
        #expect(manifest.library == "libmod.so")
        #expect(manifest.depends.map(\.id) == ["core", "other"])
        #expect(manifest.depends.map(\.range.text) == ["*", "^0.3"])
        #expect(manifest.natives == [PluginNative(name: "brew", symbol: "alchemy_brew", args: ["int32", "string"], returns: "double")])
    }
}
