import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `brogue report balance`: the explore bot over a few seeds, as a table, JSON and an SVG chart.
@Suite struct BalanceReportTests {
    static let core = BrogueProcess.repoRoot.appendingPathComponent("content/core").path
    static let args = ["report", "balance", "--seeds", "1-4", "--turns", "1500", "--content", core, "--quiet"]

    @Test func theSameSeedsGiveTheSameReport() throws {
        let a = try BrogueProcess.run(Self.args + ["--json"])
        let b = try BrogueProcess.run(Self.args + ["--json"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(!a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
        let text = try BrogueProcess.run(Self.args)
        #expect(text.stdout.hasPrefix("Balance: 4 explore-bot runs (seeds 1-4, at most 1500 turns each), content core "))
        #expect(text.stdout.contains("depth  reached  died  won  alive  top causes of death"))
    }

    @Test func everyRunReachesDepthOneAndEndsOnExactlyOneDepth() throws {
        let out = try BrogueProcess.run(Self.args + ["--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let depths = try #require(report["depths"] as? [[String: Any]])
        let reached = depths.compactMap { $0["reached"] as? Int }
        #expect(report["runs"] as? Int == 4)
        #expect(reached.first == 4, "every run starts on depth 1")
        #expect(reached == reached.sorted(by: >), "a run that reached a depth reached every shallower one: \(reached)")
        let ended = depths.reduce(0) { $0 + ($1["died"] as? Int ?? 0) + ($1["won"] as? Int ?? 0) + ($1["stopped"] as? Int ?? 0) }
        #expect(ended == 4, "each run ends once: died, escaped or alive at the turn limit")
        let deaths = depths.reduce(0) { total, d in total + ((d["causes"] as? [[String: Any]]) ?? []).reduce(0) { $0 + ($1["count"] as? Int ?? 0) } }
        #expect(deaths == depths.reduce(0) { $0 + ($1["died"] as? Int ?? 0) }, "every death has its cause")
        let first = try #require(depths.first)
        #expect(first["arrivals"] as? Int == 4)
        let items = try #require(first["items"] as? [[String: Any]])
        #expect(items.contains { $0["kind"] as? String == "dagger" && $0["runs"] as? Int == 4 }, "the starting kit is carried onto depth 1")
    }

    @Test func thePlotIsAnSVGDocumentWithAxesAndALegend() throws {
        let dir = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("balance.svg")
        let out = try BrogueProcess.run(Self.args + ["--plot", file.path])
        #expect(out.status == 0, "\(out.stderr)")
        let data = try Data(contentsOf: file)
        let names = ElementNames()
        let parser = XMLParser(data: data)
        parser.delegate = names
        #expect(parser.parse(), "the SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(names.elements.first == "svg")
        #expect(names.elements.filter { $0 == "rect" }.count > 4)
        #expect(names.texts.contains("Runs reaching each depth"))
        #expect(names.texts.contains("How runs ended on each depth"))
        #expect(names.texts.filter { $0 == "depth" }.count == 2, "both charts label their depth axis")
        #expect(
            names.texts.contains { $0.range(of: #"^.+ \(\d+\)$"#, options: .regularExpression) != nil },
            "the legend of how runs ended gives each band's total: \(names.texts)"
        )
    }

    @Test func aBadSeedRangeIsRefusedWithWhatToWrite() throws {
        let out = try BrogueProcess.run(["report", "balance", "--seeds", "9-2"])
        #expect(out.status != 0)
        #expect(out.stderr.contains("--seeds takes a seed or a range such as 1-1000"))
    }
}

/// Element names and texts of an XML document, in document order.
private final class ElementNames: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var texts: [String] = []
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:])
    {
        elements.append(name)
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
        current = ""
    }
}
