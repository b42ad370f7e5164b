import BrogueContent
import BrogueCore
import Foundation
import Testing

extension TempFolder {
    /// Writes a small plugin `<id>/` with a manifest and optional content files; returns its folder.
    @discardableResult
    func plugin(_ id: String, version: String = "0.1.0", depends: String = "[core]", extra: String = "", files: [String: String] = [:]) -> String {
        var globs = ""
        if files.keys.contains(where: { $0.hasPrefix("monsters/") }) { globs += "  monsters: [\"monsters/*.yaml\"]\n" }
        if files.keys.contains(where: { $0.hasPrefix("items/") }) { globs += "  items: [\"items/*.yaml\"]\n" }
        if files.keys.contains(where: { $0.hasPrefix("terrain/") }) { globs += "  terrain: [\"terrain/*.yaml\"]\n" }
        let content = globs.isEmpty ? "" : "content:\n" + globs
        write("\(id)/plugin.yaml", "id: \(id)\nname: \(id)\nversion: \(version)\ndepends: \(depends)\n" + extra + content)
        for (relative, text) in files { write("\(id)/\(relative)", text) }
        return path + "/" + id
    }
}

/// Finding plugins, their load order, and what happens to the ones that cannot be loaded.
@Suite("Plugin sets")
struct PluginSetTests {
    private func errors(_ diagnostics: [Diagnostic], in file: String) -> [String] {
        diagnostics.filter { $0.file == file && $0.severity == .error }.map {
            "\($0.line):\($0.column) \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
        }
    }

    private let monster =
        "id: gremlin\nname: imp\nglyph: \"i\"\ncolor: \"#aa2222\"\nhp: 5\ndefense: 0\naccuracy: 50\ndamage: {min: 1, max: 2}\nxp: 2\n"

    @Test("a dependency cycle is an error naming the plugins, at each plugin's depends entry")
    func cycle() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let a = temp.plugin("a", depends: "[core, b]")
        let b = temp.plugin("b", depends: "[c]")
        let c = temp.plugin("c", depends: "[a]")
        let found = loadDiagnostics([core, c, b, a])
        let message = "plugins depend on each other in a cycle: a -> b -> c -> a (remove one of these dependencies)"
        #expect(errors(found, in: a + "/plugin.yaml") == ["4:17 " + message])
        #expect(errors(found, in: b + "/plugin.yaml") == ["4:11 " + message])
        #expect(errors(found, in: c + "/plugin.yaml") == ["4:11 " + message])
    }

    @Test("a missing dependency is an error with a did-you-mean")
    func missingDependency() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = temp.plugin("mod", depends: "[core, {id: alchemi, version: \"^1\"}]")
        temp.plugin("alchemy")
        #expect(
            errors(loadDiagnostics([core, mod, temp.path + "/alchemy"]), in: mod + "/plugin.yaml") == [
                "4:22 plugin 'mod' depends on 'alchemi', which is not among the plugins found (did you mean 'alchemy'?)"
            ]
        )
        let alone = errors(loadDiagnostics([core, mod]), in: mod + "/plugin.yaml")
        #expect(alone.first?.hasSuffix("(add the folder of 'alchemi' to BROGUE_PLUGIN_PATH or to 'plugins:' in brogue.yaml)") == true, "\(alone)")
    }

    @Test("a version outside the range asked for is an error naming both plugins and the versions")
    func versionUnsatisfied() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = temp.plugin("mod", depends: "[{id: core, version: \">=1.1 <2\"}]")
        #expect(
            errors(loadDiagnostics([core, mod]), in: mod + "/plugin.yaml") == [
                "4:16 plugin 'mod' needs 'core' >=1.1 <2, but 'core' is version 1.0.0 (\(core)) (load a version of 'core' in that range, or change the range under 'depends')"
            ]
        )
    }

    @Test("two plugins with one id: the first found loads; the second is refused, an error when it is required")
    func duplicateID() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let copy = temp.copyCore(to: "copy")
        let report = ContentLoader().load([
            PluginCandidate(folder: core, required: true, source: "content/"),
            PluginCandidate(folder: copy, required: false, source: "BROGUE_PLUGIN_PATH"),
        ])
        #expect(report.content?.manifests.map(\.folder) == [core])
        let refused = try #require(report.plugins.last)
        #expect(refused.candidate.folder == copy && !refused.isLoaded)
        #expect(
            refused.refusal?.description
                == "\(copy)/plugin.yaml:1:5: error: plugin id 'core' is also the id of \(core)/plugin.yaml (load each plugin once; give different plugins different ids)"
        )
        // The same folder found twice is one plugin, not a clash.
        #expect(
            ContentLoader().load([
                PluginCandidate(folder: core, required: true, source: "a"), PluginCandidate(folder: core + "/", required: false, source: "b"),
            ]).plugins.count == 1
        )
    }

    @Test("load order follows depends, and ties go by id whatever order the folders were found in")
    func order() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let z = temp.plugin("z-mod")
        let a = temp.plugin("a-mod", depends: "[z-mod]")
        let m = temp.plugin("m-mod")
        let b = temp.plugin("b-mod", depends: "[]")
        for folders in [[core, z, a, m, b], [b, m, a, z, core]] {
            let loaded = try ContentLoader().load(plugins: folders)
            #expect(loaded.manifests.map(\.id) == ["b-mod", "core", "m-mod", "z-mod", "a-mod"])
        }
    }

    @Test("a plugin that is not required and has errors is skipped with its reason, with the plugins that depend on it")
    func skipBroken() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let broken = temp.plugin("broken", files: ["monsters/gremlin.yaml": monster.replacingOccurrences(of: "hp: 5", with: "hp: many")])
        let dependent = temp.plugin(
            "dependent",
            depends: "[broken]",
            files: ["monsters/gremlin-lord.yaml": monster.replacingOccurrences(of: "id: gremlin", with: "id: gremlin-lord")]
        )
        let fine = temp.plugin("fine", files: ["monsters/gremlin.yaml": monster])
        let report = ContentLoader().load(
            [core, broken, dependent, fine].enumerated().map { i, f in PluginCandidate(folder: f, required: i == 0, source: "test") }
        )
        let content = try #require(report.content, "\(report.diagnostics)")
        #expect(content.manifests.map(\.id) == ["core", "fine"])
        #expect(content.catalog.monsterIndexByID["gremlin"] != nil)
        #expect(report.plugins.map { "\($0.manifest?.id ?? "?") \($0.isLoaded)" } == ["core true", "fine true", "broken false", "dependent false"])
        #expect(
            report.plugins[2].refusal?.description
                == "\(broken)/monsters/gremlin.yaml:5:5: error: expected an integer for 'hp' in monster 'gremlin', found 'many'"
        )
        #expect(
            report.plugins[3].refusal?.message.hasPrefix(
                "plugin 'dependent' depends on 'broken', which was not loaded: \(broken)/monsters/gremlin.yaml:5:5"
            ) == true
        )
        #expect(report.plugins[3].refusal.map { "\($0.line):\($0.column)" } == "4:11")
    }

    @Test("a required plugin that cannot be loaded stops the load with every diagnostic")
    func requiredStops() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let broken = temp.plugin("broken", files: ["monsters/gremlin.yaml": monster.replacingOccurrences(of: "hp: 5", with: "hp: many")])
        let report = ContentLoader().load([
            PluginCandidate(folder: core, required: true, source: "x"), PluginCandidate(folder: broken, required: true, source: "y"),
        ])
        #expect(report.content == nil)
        #expect(report.diagnostics.contains { $0.file == broken + "/monsters/gremlin.yaml" && $0.line == 5 })
        let missing = ContentLoader().load([
            PluginCandidate(folder: core, required: true, source: "x"), PluginCandidate(folder: temp.path + "/gone", required: true, source: "y"),
        ])
        #expect(missing.content == nil)
        #expect(missing.diagnostics.map(\.message) == ["plugin folder not found"])
        let optional = ContentLoader().load([
            PluginCandidate(folder: core, required: true, source: "x"), PluginCandidate(folder: temp.path + "/gone", required: false, source: "y"),
        ])
        #expect(optional.content != nil)
        #expect(optional.plugins.last?.refusal?.message == "plugin folder not found")
    }

    @Test("plugin paths: plugin folders or folders of them; URLs are refused")
    func discovery() {
        let temp = TempFolder()
        temp.plugin("b-mod")
        temp.plugin("a-mod")
        temp.write(".hidden/plugin.yaml", "id: hidden\n")
        temp.write("notes/readme.txt", "not a plugin")
        let single = temp.plugin("single", depends: "[]")
        let (found, problems) = PluginDiscovery.fromPath("\(temp.path):https://example.com/mods:\(single)/::/nowhere")
        #expect(found.map(\.folder) == [temp.path + "/a-mod", temp.path + "/b-mod", temp.path + "/single", single, "/nowhere"])
        #expect(found.allSatisfy { !$0.required && $0.source == "BROGUE_PLUGIN_PATH" })
        #expect(
            problems == [
                "BROGUE_PLUGIN_PATH: 'https://example.com/mods' is not a folder on this machine; plugins are only ever read from local folders, never downloaded"
            ]
        )
    }
}
