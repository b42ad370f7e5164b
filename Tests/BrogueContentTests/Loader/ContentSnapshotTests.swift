import BrogueContent
import Foundation
import Testing

/// What a development session sees change between two polls.
@Suite("Content snapshots")
struct ContentSnapshotTests {
    @Test("edits, new files and removed files are noticed by size and modification time")
    func changes() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let plugins = try ContentLoader().load(plugins: [core]).plugins
        let before = ContentSnapshot.take(plugins)
        #expect(ContentSnapshot.take(plugins).changes(since: before).isEmpty)

        let goblin = core + "/monsters/goblin.yaml"
        let text = try String(contentsOfFile: goblin, encoding: .utf8)
        temp.write("core/monsters/goblin.yaml", text.replacingOccurrences(of: "hp: 15", with: "hp: 150"))
        temp.write("core/monsters/gremlin.yaml", "id: gremlin\n")
        temp.remove("core/monsters/rat.yaml")
        temp.write("core/notes.txt", "not content")
        let changes = ContentSnapshot.take(plugins).changes(since: before)
        #expect(changes.yaml == ["changed \(goblin)", "added \(core)/monsters/gremlin.yaml", "removed \(core)/monsters/rat.yaml"])
        #expect(changes.libraries.isEmpty)
    }

    @Test("the differences between two loads are told entry by entry, field by field")
    func contentChanges() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let old = try ContentLoader().load(plugins: [core])
        #expect(old.changes(from: old).isEmpty)
        let goblin = core + "/monsters/goblin.yaml"
        let text = try String(contentsOfFile: goblin, encoding: .utf8)
        temp.write(
            "core/monsters/goblin.yaml",
            text.replacingOccurrences(of: "hp: 15", with: "hp: 150").replacingOccurrences(of: "xp: 6", with: "xp: 7")
        )
        temp.remove("core/monsters/toad.yaml")
        let spawns = try String(contentsOfFile: core + "/spawns.yaml", encoding: .utf8)
        temp.write("core/spawns.yaml", spawns.split(separator: "\n").filter { !$0.contains("monster: toad") }.joined(separator: "\n") + "\n")
        let mod = temp.plugin(
            "mod",
            files: [
                "monsters/gremlin.yaml":
                    "id: gremlin\nname: gremlin\nglyph: \"g\"\ncolor: \"#aa2222\"\nhp: 5\ndefense: 0\naccuracy: 50\ndamage: {min: 1, max: 2}\nxp: 2\n"
            ]
        )
        let new = try ContentLoader().load(plugins: [core, mod])
        #expect(
            new.changes(from: old) == [
                "plugins: core 1.0.0 -> core 1.0.0, mod 0.1.0",
                "removed monster 'toad'",
                "monster 'goblin': hp 15 -> 150, xp 6 -> 7",
                "added monster 'gremlin'",
            ]
        )
        #expect(new.changes(from: old, limit: 2).last == "... and 2 more changes")
    }
}
