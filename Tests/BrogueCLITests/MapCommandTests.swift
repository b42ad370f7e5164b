import Foundation
import Testing

@Suite struct MapCommandTests {
    /// The map is 29 rows of 79 columns at most, then a legend naming what it shows; two runs
    /// print the same text, and a depth outside the dungeon is refused.
    @Test func printsALevelWithALegend() throws {
        let args = ["map", "--seed", "4", "--depth", "14", "--ascii"]
        let a = try BrogueProcess.run(args)
        let b = try BrogueProcess.run(args)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        let lines = a.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "seed 4 depth 14 (profile 'caverns')")
        let rows = lines.dropFirst().prefix(29)
        #expect(rows.count == 29 && rows.allSatisfy { $0.count <= 79 && $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(a.stdout.contains("\n>  down-stairs\n") || a.stdout.contains("\n>  down-stairs"))
        #expect(a.stdout.contains("@  you"))
        let bad = try BrogueProcess.run(["map", "--depth", "41"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--depth must be between 1 and 40"))
    }

    /// The legend comes from the catalog, so hazards, bridges and hidden traps show in it.
    @Test func legendNamesHazards() throws {
        let out = try BrogueProcess.run(["map", "--seed", "1", "--depth", "20", "--ascii", "--terrain-only"])
        #expect(out.status == 0, "\(out.stderr)")
        for line in ["~  lava", "=  bridge", ".  hidden-trap-door (secret)"] { #expect(out.stdout.contains("\n\(line)"), "\(line)") }
    }

    @Test func verifiesSeeds() throws {
        let out = try BrogueProcess.run(["map", "--verify", "3"])
        #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
        #expect(out.stdout.contains("verified 120 levels (seeds 1-3 x depths 1-40): 0 with problems"))
    }
}
