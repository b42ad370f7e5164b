import Foundation
import Testing

/// docker/prometheus and docker/grafana: the scrape config is valid, every alert rule has a case
/// that passes, and every metric the rules and the dashboard's panels name is one a running node
/// serves (a misspelt name would alert never, or draw an empty panel). `scripts/cluster-trial.sh
/// --steps dashboard` also runs each panel's query against a Prometheus scraping a cluster.
@Suite struct MonitoringConfigTests {
    static let folder = BrogueProcess.repoRoot.appendingPathComponent("docker/prometheus")

    @Test func promtoolChecksTheConfigAndRunsTheRuleCases() throws {
        guard let promtool = HostTool.required("promtool") else { return }
        let config = try HostTool.run(promtool, ["check", "config", Self.folder.appendingPathComponent("prometheus.yml").path])
        #expect(config.status == 0, "\(config.output)")
        let rules = try HostTool.run(promtool, ["test", "rules", Self.folder.appendingPathComponent("alerts.test.yml").path])
        #expect(rules.status == 0 && rules.output.contains("SUCCESS"), "\(rules.output)")
        // Every alert has a case.
        let alerts = try String(contentsOf: Self.folder.appendingPathComponent("alerts.yml"), encoding: .utf8)
        let cases = try String(contentsOf: Self.folder.appendingPathComponent("alerts.test.yml"), encoding: .utf8)
        for name in Self.matches(#"alert: (\w+)"#, in: alerts) {
            #expect(cases.contains("alertname: \(name)"), "\(name) has no case in alerts.test.yml")
        }
    }

    @Test(.timeLimit(.minutes(10))) func everyMetricTheRulesAndPanelsNameIsServedByANode() throws {
        let folder = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let node = try NodeProcess(data: folder.appendingPathComponent("data"), log: folder.appendingPathComponent("node.log"), environment: [:])
        defer { node.stop() }
        let python = try #require(HostTool.find("python3"))
        let fetched = try HostTool.run(
            python,
            [
                "-c", "import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1], timeout=60).read().decode())",
                "http://127.0.0.1:\(node.port)/metrics",
            ]
        )
        try #require(fetched.status == 0, "\(fetched.output)")
        let served = Set(Self.matches(#"# TYPE (\w+)"#, in: fetched.output))
        let dashboard = BrogueProcess.repoRoot.appendingPathComponent("docker/grafana/brogue-dashboard.json")
        for file in [Self.folder.appendingPathComponent("alerts.yml"), dashboard] {
            let text = try String(contentsOf: file, encoding: .utf8)
            let named = Set(Self.matches(#"(brogue_[a-z_]+?)(?:_bucket|_sum|_count)?\b"#, in: text))
            #expect(!named.isEmpty)
            for name in named.sorted() {
                #expect(served.contains(name), "\(file.lastPathComponent) names \(name), which the node does not serve")
            }
        }
    }

    /// The first capture group of every match.
    static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
