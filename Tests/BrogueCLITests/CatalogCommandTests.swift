import Foundation
import Testing

@Suite struct CatalogCommandTests {
    static let fixture = BrogueProcess.repoRoot.appendingPathComponent("Tests/BrogueCLITests/Fixtures/catalog-seeds-1-25.txt")

    /// Any change to level generation or content changes some seed's catalog. When the change
    /// is intended, `scripts/regenerate-catalog` rewrites the file (review its diff).
    @Test func seedsOneToTwentyFiveMatchTheCheckedInCatalog() throws {
        let expected = try String(contentsOf: Self.fixture, encoding: .utf8)
        let out = try BrogueProcess.run(["catalog", "--seeds", "1-25", "--depths", "1-26", "--content", "content/core"])
        #expect(out.status == 0, "\(out.stderr)")
        let got = out.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(
            got == want,
            """
            the catalog differs from \(Self.fixture.lastPathComponent) (\(got.count) lines against \(want.count)); \
            first difference at line \((firstDifference?.offset ?? min(got.count, want.count)) + 1): \
            got '\(firstDifference?.element.0 ?? "")', expected '\(firstDifference?.element.1 ?? "")'. \
            If generation changed on purpose, run scripts/regenerate-catalog.
            """
        )
        // The catalog has vaults, keys and captives to show.
        #expect(expected.contains("[locked vault]") && expected.contains("(key to the locked vault at"))
        #expect(expected.contains("(captive)") && expected.contains("(leader of"))
        #expect(expected.components(separatedBy: "\nseed ").count == 25)
    }

    @Test func jsonAndCsvCarryTheSameLines() throws {
        let json = try BrogueProcess.run(["catalog", "--seeds", "3-4", "--depths", "2-6", "--format", "json", "--content", "content/core"])
        let csv = try BrogueProcess.run(["catalog", "--seeds", "3-4", "--depths", "2-6", "--format", "csv", "--content", "content/core"])
        #expect(json.status == 0 && csv.status == 0, "\(json.stderr)\(csv.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "seed,depth,kind,x,y,name,machine,note")
        #expect(rows.count == lines.count - 1 && rows.count > 10)
        #expect(
            rows.allSatisfy {
                ($0["seed"] as? Int).map { (3...4).contains($0) } == true && ($0["depth"] as? Int).map { (2...6).contains($0) } == true
            }
        )
        let first = try #require(rows.first)
        #expect(lines[1].hasPrefix("\(first["seed"]!),\(first["depth"]!),\(first["kind"]!),\(first["x"]!),\(first["y"]!),"))
    }

    @Test func badRangesAreRefusedWithAHint() throws {
        let bad = try BrogueProcess.run(["catalog", "--seeds", "9-2"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--seeds takes a seed or a range such as 1-25 (got '9-2')"))
        let deep = try BrogueProcess.run(["catalog", "--depths", "30-45"])
        #expect(deep.status != 0)
        #expect(deep.stderr.contains("--depths takes a depth or a range within 1-40"))
    }
}
