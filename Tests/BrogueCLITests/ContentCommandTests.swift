import Foundation
import Testing

@Suite struct ContentCommandTests {
    @Test func coreContentValidates() throws {
        let out = try BrogueProcess.run(["content", "validate", "content/core"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("ok: content/core"))
    }

    @Test func unknownKeyFailsWithPositionAndSuggestion() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = dir.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: BrogueProcess.repoRoot.appendingPathComponent("content/core"), to: plugin)
        let rat = plugin.appendingPathComponent("monsters/rat.yaml")
        var text = try String(contentsOf: rat, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let hpLine = try #require(lines.firstIndex { $0.hasPrefix("hp:") })
        text = lines.enumerated().map { i, l in i == hpLine ? "hp_max" + l.dropFirst(2) : String(l) }.joined(separator: "\n")
        try text.write(to: rat, atomically: true, encoding: .utf8)

        let out = try BrogueProcess.run(["content", "validate", plugin.path])
        #expect(out.status == 1)
        #expect(out.stderr.contains("rat.yaml:\(hpLine + 1):1:"), "\(out.stderr)")
        #expect(out.stderr.contains("hp_max"))
        #expect(out.stderr.contains("did you mean 'hp'"), "\(out.stderr)")
    }

    @Test func aBadBoltStaffRunicOrWeaponAttackIsRefusedAtFileLineColumn() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plugin = dir.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: BrogueProcess.repoRoot.appendingPathComponent("content/core"), to: plugin)
        // File, the line as written, the line broken, and what the error must say.
        let breaks = [
            ("bolts/firebolt.yaml", "effect: damage", "effect: damgae", "'effect' in bolt 'firebolt' must be one of"),
            ("items/staff-of-lightning.yaml", "bolt: lightning", "bolt: lightnin", "names unknown bolt 'lightnin'"),
            ("runics/quietus.yaml", "rule: quietus", "rule: quietis", "'rule' in runic 'quietus' must be one of"),
            ("items/axe.yaml", "attack: sweep", "attack: sweeep", "'attack' in item 'axe' must be one of"),
        ]
        var expected: [(String, String)] = []
        for (path, line, broken, says) in breaks {
            let file = plugin.appendingPathComponent(path)
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let n = try #require(lines.firstIndex(of: line), "\(path) has no line '\(line)'")
            try lines.enumerated().map { $0.offset == n ? broken : $0.element }.joined(separator: "\n").write(
                to: file,
                atomically: true,
                encoding: .utf8
            )
            let column = line.firstIndex(of: ":")!.utf16Offset(in: line) + 3
            expected.append(("\(file.path):\(n + 1):\(column): error: ", says))
        }
        let out = try BrogueProcess.run(["content", "validate", plugin.path])
        #expect(out.status == 1)
        let errors = out.stderr.split(separator: "\n").map(String.init)
        for (place, says) in expected {
            #expect(errors.contains { $0.hasPrefix(place) && $0.contains(says) }, "\(place) \(says) not in:\n\(out.stderr)")
        }
    }

    @Test func listMonstersShowsTheCatalog() throws {
        let out = try BrogueProcess.run(["content", "list", "monsters"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count >= 20)
        #expect(rows.contains { $0.hasPrefix("rat ") })
    }

    @Test func listItemsAndTerrain() throws {
        let items = try BrogueProcess.run(["content", "list", "items"])
        #expect(items.status == 0)
        #expect(items.stdout.split(separator: "\n").count > 30)
        let terrain = try BrogueProcess.run(["content", "list", "terrain"])
        #expect(terrain.status == 0)
        #expect(terrain.stdout.contains("down-stairs"))
    }

    @Test func missingContentSaysWhatToDo() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try BrogueProcess.run(["sim", "--content", dir.path, "--turns", "10"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("plugin.yaml"), "\(out.stderr)")
    }

    @Test func helpExplainsTheCommands() throws {
        let out = try BrogueProcess.run(["--help"])
        #expect(out.status == 0)
        for word in ["sim", "content", "bench", "stateHash"] { #expect(out.stdout.contains(word)) }
    }
}
