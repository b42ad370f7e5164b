import BrogueContent
import BrogueCore
import Foundation
import Testing

/// Checks that span files: ids, references, layering of plugins, what the catalog needs.
@Suite("Across files")
struct CrossFileTests {
    private func lines(_ diagnostics: [Diagnostic], in path: String) -> [String] {
        diagnostics.filter { $0.file == path }.map {
            "\($0.line):\($0.column) \($0.severity.rawValue): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
        }
    }

    private func rewrite(_ temp: TempFolder, _ relative: String, _ change: (String) -> String) -> String {
        let path = temp.path + "/" + relative
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return temp.write(relative, change(text))
    }

    @Test("a duplicate id across two files is an error naming both places")
    func duplicateID() {
        let temp = TempFolder()
        let core = temp.copyCore()
        rewrite(temp, "core/plugin.yaml") {
            $0.replacingOccurrences(of: "monsters: [\"monsters/*.yaml\"]", with: "monsters: [\"monsters/*.yaml\", \"extra/*.yaml\"]")
        }
        let rat = (try? String(contentsOfFile: core + "/monsters/rat.yaml", encoding: .utf8)) ?? ""
        temp.write("core/extra/rat.yaml", rat)
        // Files are read in path order, so extra/ comes first and the monsters/ copy is the duplicate.
        let found = lines(loadDiagnostics([core]), in: core + "/monsters/rat.yaml")
        #expect(
            found == [
                "1:5 error: duplicate monster id 'rat'; it is also defined at \(core)/extra/rat.yaml:1:5 (ids are unique within a plugin; rename one of the two)"
            ]
        )
    }

    @Test("an unknown id in spawns.yaml is reported where it is written, with a did-you-mean")
    func unknownSpawnReference() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let spawns = rewrite(temp, "core/spawns.yaml") {
            $0.replacingOccurrences(of: "{leader: kobold,", with: "{leader: kobbold,").replacingOccurrences(
                of: "{item: mango,",
                with: "{item: mangoes,"
            )
        }
        let found = lines(loadDiagnostics([core]), in: spawns)
        #expect(
            found == [
                "7:14 error: horde names unknown monster 'kobbold' (did you mean 'kobold'?)",
                "99:12 error: item spawn names unknown item 'mangoes' (did you mean 'mango'?)",
            ]
        )
    }

    @Test("the amulet may not be in the random item table")
    func amuletNotRandom() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let spawns = rewrite(temp, "core/spawns.yaml") {
            $0.replacingOccurrences(of: "\npopulation:", with: "  - {item: amulet-of-yendor, depths: 26, weight: 1}\n\npopulation:")
        }
        let found = lines(loadDiagnostics([core]), in: spawns)
        #expect(found.count == 1)
        #expect(found.first?.contains("error: the amulet 'amulet-of-yendor' is not a random item; the rules place it on depth 26") == true)
    }

    @Test("starting items must exist, and only weapons and armor are equipped")
    func startingItems() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let player = rewrite(temp, "core/player.yaml") {
            $0.replacingOccurrences(
                of: "{item: food-ration}",
                with: "{item: food-ration, equipped: true}\n  - {item: sword, equipped: true}\n  - {item: dager}"
            )
        }
        #expect(
            lines(loadDiagnostics([core]), in: player) == [
                "16:12 error: starting item 'food-ration' is food and cannot be equipped (only weapons and armor are equipped; remove 'equipped: true')",
                "17:12 error: starting item 'sword' is the second equipped weapon (after 'dagger') (equip one weapon and one armor at most)",
                "18:12 error: player starts with unknown item 'dager' (did you mean 'dagger'?)",
            ]
        )
    }

    @Test("a secret names the terrain it becomes; an unknown one is an error at 'discover-as'")
    func discoverAs() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = rewrite(temp, "core/terrain/secret-door.yaml") { $0.replacingOccurrences(of: "discover-as: door", with: "discover-as: dor") }
        #expect(
            lines(loadDiagnostics([core]), in: path) == [
                "10:14 error: 'discover-as' of terrain 'secret-door' names unknown terrain 'dor' (did you mean 'door'?)"
            ]
        )
    }

    @Test("a missing required terrain is reported at the manifest's terrain globs")
    func requiredTerrain() {
        let temp = TempFolder()
        let core = temp.copyCore()
        temp.remove("core/terrain/down-stairs.yaml")
        let found = lines(loadDiagnostics([core]), in: core + "/plugin.yaml")
        #expect(found == ["6:3 error: content defines no terrain 'down-stairs', which the level generator needs (add terrain/down-stairs.yaml)"])
    }

    @Test("a file that cannot be parsed does not also make its id unknown elsewhere")
    func noCascade() {
        let temp = TempFolder()
        let core = temp.copyCore()
        temp.write("core/monsters/rat.yaml", "id: [rat\n")
        temp.write("core/items/dagger.yaml", "")
        let found = loadDiagnostics([core]).errors
        #expect(found.count == 2, "\(found)")
        #expect(found.allSatisfy { $0.file.hasSuffix("rat.yaml") || $0.file.hasSuffix("dagger.yaml") })
    }

    @Test("a later plugin's 'override: true' entry replaces the earlier one in place")
    func layering() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        temp.write(
            "mod/plugin.yaml",
            "id: stronger-goblins\nname: Stronger goblins\nversion: 0.1.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n"
        )
        let goblin = (try? String(contentsOfFile: core + "/monsters/goblin.yaml", encoding: .utf8)) ?? ""
        temp.write("mod/monsters/goblin.yaml", "override: true\n" + goblin.replacingOccurrences(of: "hp: 15", with: "hp: 25"))
        let loaded = try ContentLoader().load(plugins: [temp.path + "/mod", core])
        let coreOnly = try ContentLoader().load(plugins: [core])
        #expect(loaded.manifests.map(\.id) == ["core", "stronger-goblins"])
        let index = try #require(loaded.catalog.monsterIndexByID["goblin"])
        #expect(index == coreOnly.catalog.monsterIndexByID["goblin"])
        #expect(loaded.catalog.monsters[index].hp == 25)
        #expect(loaded.catalog.contentHash != coreOnly.catalog.contentHash)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    }

    @Test("the same plugin twice is an error")
    func samePluginTwice() {
        let temp = TempFolder()
        let core = temp.copyCore()
        let second = temp.copyCore(to: "again")
        #expect(
            lines(loadDiagnostics([core, second]), in: second + "/plugin.yaml") == [
                "1:5 error: plugin id 'core' is also the id of \(core)/plugin.yaml (load each plugin once; give different plugins different ids)"
            ]
        )
    }

    @Test("no folders, a missing folder, or a folder without a manifest is a clear error")
    func missingPlugins() {
        #expect(
            loadDiagnostics([]).map(\.description) == ["<plugins>:1:1: error: no plugin folders given (pass at least the core plugin, content/core)"]
        )
        let temp = TempFolder()
        #expect(loadDiagnostics([temp.path + "/nowhere"]).map(\.message) == ["plugin folder not found"])
        #expect(
            loadDiagnostics([temp.path]).map(\.description) == [
                "\(temp.path)/plugin.yaml:1:1: error: plugin folder has no plugin.yaml (every plugin folder starts with a manifest; see docs/content/manifest.md)"
            ]
        )
    }

    @Test("the catalog is the same on every load")
    func deterministic() throws {
        let a = try ContentLoader().load(plugins: [corePlugin]).catalog
        let b = try ContentLoader().load(plugins: [corePlugin + "/"]).catalog
        #expect(a.contentHash == b.contentHash)
        #expect(a.monsters.map(\.id) == b.monsters.map(\.id))
        // Kinds keep the order their files were read in: sorted by path, so "goblin-mystic.yaml" before "goblin.yaml".
        let files = try FileManager.default.contentsOfDirectory(atPath: corePlugin + "/monsters").sorted {
            $0.utf8.lexicographicallyPrecedes($1.utf8)
        }
        #expect(a.monsters.map { "\($0.id).yaml" } == files)
    }
}
