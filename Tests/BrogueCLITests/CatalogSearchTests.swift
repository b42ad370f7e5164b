import Foundation
import Testing

/// `catalog --monster ID` and `--item ID` find every one of a kind; a spawn line's `group` is how
/// many appear together, as docs/content/spawns.md says; `map --legend` says where each thing is.
@Suite struct CatalogSearchTests {
    /// A mod whose only new monster is common on depths 1-3 and comes one or two at a time.
    static func packRats(in dir: URL) throws -> String {
        let mod = dir.appendingPathComponent("pack-rats")
        try FileManager.default.createDirectory(at: mod.appendingPathComponent("monsters"), withIntermediateDirectories: true)
        try
            "id: pack-rats\nname: Pack rats\nversion: 0.1.0\ndepends: [core]\ncontent:\n  monsters: [\"monsters/*.yaml\"]\n  spawns: [\"spawns.yaml\"]\n"
            .write(to: mod.appendingPathComponent("plugin.yaml"), atomically: true, encoding: .utf8)
        try """
        id: pack-rat
        name: "pack rat"
        glyph: "r"
        color: "#a08060"
        hp: 5
        defense: 0
        accuracy: 70
        damage: {min: 1, max: 2}
        xp: 1

        """.write(to: mod.appendingPathComponent("monsters/pack-rat.yaml"), atomically: true, encoding: .utf8)
        try "monsters:\n  - {monster: pack-rat, depths: \"1-3\", weight: 1000, group: \"1-2\"}\n"
            .write(to: mod.appendingPathComponent("spawns.yaml"), atomically: true, encoding: .utf8)
        return mod.path
    }

    @Test func everyMonsterOfAKindIsListedAndGroupsAreAsLargeAsTheSpawnLineSays() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let mod = try Self.packRats(in: dir)
        let out = try BrogueProcess.run([
            "catalog", "--seeds", "1-12", "--depths", "1-5", "--monster", "pack-rat", "--content", "content/core", "--plugin", mod,
        ])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("    monster") }
        #expect(lines.count > 30, "\(out.stdout)")
        #expect(lines.allSatisfy { $0.contains(" pack rat ") })
        // Machines place monsters of their own (captives, guardians); the spawn table's groups are the rest.
        let notes = lines.filter { !$0.contains("  [") }.compactMap { $0.split(separator: "(").last.map { String($0.dropLast()) } }
        #expect(Set(notes).isSubset(of: ["alone", "leader of 2", "in a horde of 2"]), "\(Set(notes))")
        #expect(notes.contains("alone") && notes.contains("leader of 2"))
        #expect(notes.filter { $0 == "leader of 2" }.count == notes.filter { $0 == "in a horde of 2" }.count)
        #expect(!out.stdout.contains("depth 4") && !out.stdout.contains("depth 5"), "depths 4-5 have no pack rats")
    }

    @Test func anItemIsFoundAndAnUnknownIdGetsADidYouMean() throws {
        let items = try BrogueProcess.run(["catalog", "--seeds", "1-5", "--item", "dagger", "--content", "content/core"])
        #expect(items.status == 0, "\(items.stderr)")
        let lines = items.stdout.split(separator: "\n").filter { $0.hasPrefix("    ") }
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("    item") && $0.contains("dagger") }, "\(items.stdout)")
        let typo = try BrogueProcess.run(["catalog", "--monster", "jakal", "--content", "content/core"])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("the content has no monster 'jakal' (did you mean 'jackal'?)"), "\(typo.stderr)")
    }

    @Test func theMapLegendSaysWhereEachThingIs() throws {
        let out = try BrogueProcess.run(["map", "--seed", "3", "--depth", "4", "--legend", "--content", "content/core"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let map = Array(rows[1...29])
        let legend = rows.drop { !$0.isEmpty }.dropFirst().filter { !$0.isEmpty }
        #expect(legend.allSatisfy { $0.contains(" at ") || $0.hasSuffix(" cells") }, "\(legend)")
        // Every position a legend line gives shows that line's glyph on the map.
        for line in legend where line.contains(" at ") {
            let glyph = line.first!
            for place in line.components(separatedBy: " at ")[1].split(separator: " ") {
                let xy = place.split(separator: ",").compactMap { Int($0) }
                let row = Array(map[xy[1]])
                #expect(xy[0] < row.count && row[xy[0]] == glyph, "\(line)")
            }
        }
    }
}
