import BrogueContent
import BrogueCore
import Foundation
import Testing

/// Later plugins replacing (`override: true`) or changing (`patch: true`) earlier plugins' entries.
@Suite("Layering")
struct LayeringTests {
    private func lines(_ diagnostics: [Diagnostic], in path: String) -> [String] {
        diagnostics.filter { $0.file == path }.map {
            "\($0.line):\($0.column) \($0.severity.rawValue): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
        }
    }

    @Test("a patch changes only the fields it gives; content show's origins name the plugin of each field")
    func patch() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = temp.plugin("stronger-goblins", files: ["monsters/goblin.yaml": "id: goblin\npatch: true\nhp: 25\nflags: [flees-near-death]\n"])
        let loaded = try ContentLoader().load(plugins: [core, mod])
        let coreOnly = try ContentLoader().load(plugins: [core])
        let i = try #require(loaded.catalog.monsterIndexByID["goblin"])
        #expect(i == coreOnly.catalog.monsterIndexByID["goblin"])
        let goblin = loaded.catalog.monsters[i]
        let before = coreOnly.catalog.monsters[i]
        #expect(goblin.hp == 25 && goblin.flags.contains(.fleesNearDeath))
        #expect(goblin.name == before.name && goblin.damage == before.damage && goblin.accuracy == before.accuracy)

        let entry = try #require(loaded.entry(.monsters, "goblin"))
        #expect(entry.layers.map { "\($0.action) \($0.origin.plugin)" } == ["defined core", "patched stronger-goblins"])
        let origins = Dictionary(
            uniqueKeysWithValues: entry.fields.map { ($0.name, $0.origin.map { "\($0.plugin) \($0.file):\($0.line)" } ?? "default") }
        )
        #expect(origins["hp"] == "stronger-goblins \(mod)/monsters/goblin.yaml:3")
        #expect(origins["flags"] == "stronger-goblins \(mod)/monsters/goblin.yaml:4")
        #expect(origins["id"] == "core \(core)/monsters/goblin.yaml:1")
        #expect(origins["name"] == "core \(core)/monsters/goblin.yaml:2")
        #expect(origins["movement-duration"] == "default")
        // Every field of the schema, in schema order.
        #expect(entry.fields.map(\.name) == ContentLoader.schema(for: .monsters).tables[0].fields.map(\.name))
        let text = entry.render(origins: true)
        #expect(text.contains("hp: 25"))
        #expect(text.contains("# stronger-goblins  \(mod)/monsters/goblin.yaml:3:1"))
        #expect(text.contains("movement-duration: 100") && text.contains("# default"))
        #expect(entry.render(origins: false).split(separator: "\n").first == "id: goblin")
    }

    @Test("an override replaces the whole entry in its place; a later patch applies on top of it")
    func overrideThenPatch() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let rat =
            "id: rat\noverride: true\nname: giant rat\nglyph: \"r\"\ncolor: \"#806040\"\nhp: 12\ndefense: 1\naccuracy: 80\ndamage: {min: 1, max: 4}\nxp: 2\n"
        let big = temp.plugin("big-rats", files: ["monsters/rat.yaml": rat])
        let fast = temp.plugin("fast-rats", depends: "[big-rats]", files: ["monsters/rat.yaml": "id: rat\npatch: true\nmovement-duration: 50\n"])
        let loaded = try ContentLoader().load(plugins: [fast, big, core])
        #expect(loaded.manifests.map(\.id) == ["core", "big-rats", "fast-rats"])
        let r = loaded.catalog.monsters[try #require(loaded.catalog.monsterIndexByID["rat"])]
        #expect(r.name == "giant rat" && r.hp == 12 && r.movementDuration == 50 && r.description == "")
        let entry = try #require(loaded.entry(.monsters, "rat"))
        #expect(entry.layers.map { "\($0.action) \($0.origin.plugin)" } == ["overridden big-rats", "patched fast-rats"])
    }

    @Test("an entry whose id another plugin defined, with neither override nor patch, is an error naming both files")
    func clash() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let goblin = (try? String(contentsOfFile: core + "/monsters/goblin.yaml", encoding: .utf8)) ?? ""
        let mod = temp.plugin("mod", files: ["monsters/goblin.yaml": goblin])
        #expect(
            lines(loadDiagnostics([core, mod]), in: mod + "/monsters/goblin.yaml") == [
                "1:5 error: monster 'goblin' is already defined by plugin 'core' (\(core)/monsters/goblin.yaml:1:5) (write 'override: true' to replace it, or 'patch: true' with only the fields to change; or rename it)"
            ]
        )
    }

    @Test("override or patch with nothing to lay over is an error: a typo, or a missing depends")
    func nothingBelow() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let typo = temp.plugin("typo", files: ["monsters/gobln.yaml": "id: gobln\npatch: true\nhp: 3\n"])
        #expect(
            lines(loadDiagnostics([core, typo]), in: typo + "/monsters/gobln.yaml") == [
                "2:1 error: 'patch: true' for monster 'gobln', but no plugin loaded before 'typo' defines it (did you mean 'goblin'?)"
            ]
        )
        // "aaa" sorts before "core" and does not depend on it, so it loads first.
        let early = temp.plugin("aaa", depends: "[]", files: ["monsters/goblin.yaml": "id: goblin\noverride: true\nhp: 3\n"])
        #expect(
            lines(loadDiagnostics([core, early]), in: early + "/monsters/goblin.yaml") == [
                "2:1 error: 'override: true' for monster 'goblin', but no plugin loaded before 'aaa' defines it (list the plugin that defines it under 'depends' so it loads first, or remove 'override' to add a new monster)"
            ]
        )
    }

    @Test("a patch's mistakes are reported in the patch file, at the line it wrote")
    func patchErrorsInPatchFile() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = temp.plugin("mod", files: ["monsters/goblin.yaml": "id: goblin\npatch: true\nhp: -3\nhp_max: 9\nflags: [fleez]\n"])
        let found = loadDiagnostics([core, mod])
        #expect(
            lines(found, in: mod + "/monsters/goblin.yaml") == [
                "4:1 error: unknown key 'hp_max' in monster 'goblin' (did you mean 'hp'?)",
                "3:5 error: 'hp' in monster 'goblin' must be at least 1, found -3",
                "5:9 error: unknown monster flag 'fleez' in monster 'goblin' (did you mean 'flies'?)",
            ]
        )
        #expect(lines(found, in: core + "/monsters/goblin.yaml").isEmpty)
    }

    @Test("override and patch are booleans, not both; a plugin does not layer over itself")
    func layerKeys() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let both = temp.plugin("both", files: ["monsters/goblin.yaml": "id: goblin\noverride: true\npatch: yes\nhp: 3\n"])
        #expect(
            lines(loadDiagnostics([core, both]), in: both + "/monsters/goblin.yaml") == ["3:8 error: expected true or false for 'patch', found 'yes'"]
        )
        let twice = temp.plugin("twice", files: ["monsters/goblin.yaml": "id: goblin\noverride: true\npatch: true\nhp: 3\n"])
        #expect(
            lines(loadDiagnostics([core, twice]), in: twice + "/monsters/goblin.yaml") == [
                "3:1 error: 'override' and 'patch' are both true (override replaces the whole entry; patch changes only the fields given; keep one)"
            ]
        )
        let gremlin =
            "id: gremlin\nname: gremlin\nglyph: \"g\"\ncolor: \"#aa2222\"\nhp: 5\ndefense: 0\naccuracy: 50\ndamage: {min: 1, max: 2}\nxp: 2\n"
        let own = temp.plugin(
            "own",
            files: ["monsters/gremlin.yaml": gremlin, "more/gremlin.yaml": "id: gremlin\npatch: true\nhp: 6\n"],
        )
        temp.write(
            "own/plugin.yaml",
            "id: own\nname: own\nversion: 0.1.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\", \"more/*.yaml\"]\n"
        )
        let found = lines(loadDiagnostics([core, own]), in: own + "/more/gremlin.yaml")
        #expect(
            found == [
                "2:1 error: plugin 'own' already gives monster 'gremlin' (\(own)/monsters/gremlin.yaml:1:5); a plugin overrides or patches only other plugins' entries (change that file instead)"
            ]
        )
    }

    @Test("validating a lone patch file checks its keys; validating the plugin checks it against what it patches")
    func validatePatch() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let mod = temp.plugin("mod", files: ["monsters/goblin.yaml": "id: goblin\npatch: true\nhp: 25\nhpp: 3\n"])
        let file = mod + "/monsters/goblin.yaml"
        // Without core among the plugins found, the file's references cannot be checked, and a warning says so.
        let unchecked =
            "\(file):1:1: warning: its references were checked only as far as the rest of its plugin loads, which has 1 error(s) in other files, "
            + "the first: \(mod)/plugin.yaml:4:11: error: plugin 'mod' depends on 'core', which is not among the plugins found "
        let lone = ContentLoader().validate(paths: [file]).map(\.description)
        #expect(lone.count == 2)
        #expect(lone.first == "\(file):4:1: error: unknown key 'hpp' in patch of monster 'goblin' (did you mean 'hp'?)")
        #expect(lone.last?.hasPrefix(unchecked) == true, "\(lone)")
        temp.write("mod/monsters/goblin.yaml", "id: goblin\npatch: true\nhp: 25\n")
        let clean = ContentLoader().validate(paths: [file]).map(\.description)
        #expect(clean.count == 1 && clean[0].hasPrefix(unchecked), "\(clean)")
        let context = [PluginCandidate(folder: core, required: true, source: "content/")]
        #expect(ContentLoader().validate(paths: [file], context: context).isEmpty)
        // Checked with its plugin, a mistake the lone check found is not told twice.
        temp.write("mod/monsters/goblin.yaml", "id: goblin\npatch: true\nhp: 25\nhpp: 3\n")
        #expect(ContentLoader().validate(paths: [file], context: context).map(\.description) == [lone[0]])
        temp.write("mod/monsters/goblin.yaml", "id: goblin\npatch: true\nhp: 25\n")
        // The plugin alone depends on core, which the context provides.
        #expect(ContentLoader().validate(paths: [mod], context: context).filter { $0.severity == .error }.isEmpty)
        #expect(ContentLoader().validate(paths: [mod]).contains { $0.message.contains("depends on 'core', which is not among the plugins found") })
    }
}

/// The mod docs/modding.md walks through loads as the page says.
@Suite("Modding guide")
struct ModdingGuideTests {
    @Test("docs/examples/goblin-war adds a monster and a staff with a new bolt, overrides the jackal and patches the dagger")
    func goblinWar() throws {
        let mod = repositoryRoot + "/docs/examples/goblin-war"
        let loaded = try ContentLoader().load(plugins: [mod, corePlugin])
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.manifests.map(\.id) == ["core", "goblin-war"])
        let catalog = loaded.catalog
        let warlord = catalog.monsters[try #require(catalog.monsterIndexByID["goblin-warlord"])]
        #expect(warlord.hp == 40)
        #expect(catalog.spawns.monsters.contains { $0.kind == "goblin-warlord" })
        #expect(catalog.monsters[try #require(catalog.monsterIndexByID["jackal"])].name == "dire jackal")
        let dagger = catalog.items[try #require(catalog.itemIndexByID["dagger"])]
        #expect(dagger.damage == DamageRange(min: 3, max: 6, clump: 1) && dagger.value == 190)
        #expect(loaded.entry(.items, "dagger")?.layers.map(\.action) == ["defined", "patched"])
        let staff = catalog.items[try #require(catalog.itemIndexByID["staff-of-ice-shards"])]
        #expect(staff.category == .staff && staff.bolt == "ice-shard" && staff.charges == 2...3 && staff.recharge == 400)
        let bolt = catalog.bolts[try #require(catalog.boltIndexByID["ice-shard"])]
        #expect(bolt.effect == .damage && bolt.reach == 10 && bolt.damage == DamageRange(min: 2, max: 6, clump: 1))
        #expect(catalog.spawns.items.contains { $0.kind == "staff-of-ice-shards" })
        #expect(ContentLoader().validate(paths: [mod], context: [PluginCandidate(folder: corePlugin, required: true, source: "content/")]).isEmpty)
    }
}
