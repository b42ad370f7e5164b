import Foundation
import Testing

/// docker-compose.multiplayer.yml agrees with the rest of the stack: every node service runs the
/// brogue image as a read-only node with a health check and a stop grace longer than the drain,
/// sets only variables the node documents, and listens where nginx's upstreams and Prometheus'
/// targets say it does. (scripts/pods-trial.sh --compose runs the file itself.)
@Suite struct ComposeFileTests {
    static let file = BrogueProcess.repoRoot.appendingPathComponent("docker-compose.multiplayer.yml")

    /// The file's services, read with PyYAML (merge keys resolved).
    static func services() throws -> [String: [String: Any]]? {
        guard let python = HostTool.required("python3") else { return nil }
        let json = try HostTool.run(python, ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file.path])
        try #require(json.status == 0, "PyYAML could not read the compose file: \(json.output)")
        let compose = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        return try #require(compose["services"] as? [String: [String: Any]])
    }

    static func nodes(_ services: [String: [String: Any]]) -> [(name: String, service: [String: Any])] {
        services.filter { ($0.value["image"] as? String ?? "").contains("BROGUE_IMAGE") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    @Test func everyNodeServiceRunsAsDeclaredForTheNode() throws {
        guard let services = try Self.services() else { return }
        let nodes = Self.nodes(services)
        #expect(nodes.map(\.name) == ["game-1", "game-2", "game-3", "gateway-1", "gateway-2"])
        let documented = try ["docs/node.md", "docs/config.md", "docs/cluster.md"].map {
            try String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        for (name, service) in nodes {
            #expect(service["command"] as? [String] == ["brogue", "node"], "\(name)")
            #expect(service["read_only"] as? Bool == true, "\(name)")
            #expect((service["volumes"] as? [String])?.contains { $0.hasSuffix(":/app/data") } == true, "\(name) keeps no data volume")
            let health = (service["healthcheck"] as? [String: Any])?["test"] as? [String]
            #expect(health?.starts(with: ["CMD", "brogue", "healthcheck"]) == true, "\(name): \(health ?? [])")
            // The drain bound is 25 s by default (BROGUE_DRAIN_SECONDS).
            let grace = (service["stop_grace_period"] as? String).flatMap { Int($0.dropLast()) } ?? 10
            #expect(grace > 25, "\(name): stop_grace_period \(grace) s is no longer than the drain")
            let environment = try #require(service["environment"] as? [String: Any], "\(name)")
            #expect(environment["INSTANCE_ID"] as? String == name)
            #expect(environment["BROGUE_ROLE"] as? String == String(name.prefix { $0 != "-" }))
            for key in environment.keys.sorted() {
                #expect(documented.contains("`\(key)`") || documented.contains(key + ","), "\(name) sets \(key), which no doc describes")
            }
        }
    }

    /// The gateways are where nginx sends players, and every node is where Prometheus scrapes.
    @Test func nginxAndPrometheusFindEveryNodeWhereItListens() throws {
        guard let services = try Self.services() else { return }
        let listening = Self.nodes(services).map { node -> String in
            let listen = (node.service["environment"] as? [String: Any])?["BROGUE_LISTEN"] as? String ?? ""
            return "\(node.name):\(listen.split(separator: ":").last ?? "")"
        }
        let docker = BrogueProcess.repoRoot.appendingPathComponent("docker")
        let upstreams = try String(contentsOf: docker.appendingPathComponent("nginx/brogue-upstreams.conf"), encoding: .utf8)
        let proxied = upstreams.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.first == "server" && words.count > 1 ? String(words[1]) : nil
        }
        #expect(proxied == listening.filter { $0.hasPrefix("gateway-") })
        var scraped: [String] = []
        for file in ["gateways", "games"] {
            let data = try Data(contentsOf: docker.appendingPathComponent("prometheus/targets/\(file).json"))
            let groups = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
            scraped += groups.flatMap { $0["targets"] as? [String] ?? [] }
        }
        #expect(scraped.sorted() == listening.sorted())
    }
}
