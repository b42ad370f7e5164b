import Foundation
import Testing

/// k8s/: each overlay renders with `kubectl kustomize` and passes `kubernetes-validate`; the brogue
/// containers' ports, probes and drain agree with each other and with what the binary reads.
@Suite struct KubernetesManifestTests {
    static let overlays = ["dev", "prod"]

    /// The objects an overlay renders to, as JSON values (PyYAML reads the YAML kubectl prints).
    static func render(_ overlay: String) throws -> (yaml: String, objects: [[String: Any]])? {
        guard let kubectl = HostTool.required("kubectl"), let python = HostTool.required("python3") else { return nil }
        let rendered = try HostTool.run(kubectl, ["kustomize", BrogueProcess.repoRoot.appendingPathComponent("k8s/overlays/\(overlay)").path])
        try #require(rendered.status == 0, "kubectl kustomize k8s/overlays/\(overlay): \(rendered.output)")
        let file = try BrogueProcess.temporaryFolder().appendingPathComponent("\(overlay).yaml")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try rendered.output.write(to: file, atomically: true, encoding: .utf8)
        let json = try HostTool.run(
            python,
            ["-c", "import json, sys, yaml; print(json.dumps([d for d in yaml.safe_load_all(open(sys.argv[1])) if d]))", file.path]
        )
        try #require(json.status == 0, "PyYAML (installed with kubernetes-validate) could not read the output: \(json.output)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        return (rendered.output, objects)
    }

    /// The containers running the brogue image, by the name of their workload.
    static func brogueContainers(_ objects: [[String: Any]]) -> [(workload: [String: Any], container: [String: Any])] {
        objects.flatMap { object -> [([String: Any], [String: Any])] in
            let pod = ((object["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
            let containers = pod?["containers"] as? [[String: Any]] ?? []
            return containers.filter { ($0["image"] as? String ?? "").contains("brogue") }.map { (object, $0) }
        }
    }

    static func name(_ object: [String: Any]) -> String { (object["metadata"] as? [String: Any])?["name"] as? String ?? "?" }

    @Test(arguments: overlays) func eachOverlayRendersAndPassesKubernetesValidate(_ overlay: String) throws {
        guard let validate = HostTool.required("kubernetes-validate"), let (yaml, objects) = try Self.render(overlay) else { return }
        let file = try BrogueProcess.temporaryFolder().appendingPathComponent("\(overlay).yaml")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try HostTool.run(validate, ["--strict", file.path])
        #expect(result.status == 0, "\(result.output)")
        let kinds = Set(objects.compactMap { $0["kind"] as? String })
        for kind in ["Deployment", "StatefulSet", "Service", "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler"] {
            #expect(kinds.contains(kind), "k8s/overlays/\(overlay) renders no \(kind)")
        }
    }

    /// Probes name the port the node listens on, the drain fits the grace period, the pods run
    /// as uid 1000 on a read-only root, and every variable set is one the docs describe.
    @Test(arguments: overlays) func theBrogueContainersAgreeWithTheBinary(_ overlay: String) throws {
        guard let (_, objects) = try Self.render(overlay) else { return }
        let pairs = Self.brogueContainers(objects)
        #expect(Set(pairs.map { Self.name($0.workload) }) == ["gateway", "game"])
        let docs = try ["docs/node.md", "docs/cluster.md", "docs/deploy.md"].map {
            try String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        for (workload, container) in pairs {
            let label = "\(overlay)/\(Self.name(workload))"
            let env = container["env"] as? [[String: Any]] ?? []
            let values = Dictionary(env.compactMap { e in (e["name"] as? String).map { ($0, e["value"] as? String ?? "") } }) { a, _ in a }
            for name in values.keys.sorted() {
                #expect(docs.contains("`\(name)`"), "\(label) sets \(name), which no doc describes")
            }
            let listen = try #require(values["BROGUE_LISTEN"], "\(label) sets no BROGUE_LISTEN")
            let ports = container["ports"] as? [[String: Any]] ?? []
            let http = try #require(ports.first { $0["name"] as? String == "http" }?["containerPort"] as? Int, "\(label): no http port")
            #expect(listen.hasSuffix(":\(http)"), "\(label) listens on \(listen) but declares port \(http)")
            // A node waits BROGUE_STARTUP_WAIT seconds for PostgreSQL and NATS before it listens;
            // the startup probe must give it that long, or the kubelet kills it while it waits.
            let startup = container["startupProbe"] as? [String: Any]
            let allowed = (startup?["periodSeconds"] as? Int ?? 10) * (startup?["failureThreshold"] as? Int ?? 3)
            let wait = Int(values["BROGUE_STARTUP_WAIT"] ?? "60") ?? 60
            #expect(allowed > wait + 10, "\(label): the startup probe allows \(allowed) s, not more than the \(wait) s startup wait")
            for (probe, path) in [("startupProbe", "/health"), ("livenessProbe", "/health"), ("readinessProbe", "/ready")] {
                let get = (container[probe] as? [String: Any])?["httpGet"] as? [String: Any]
                #expect(get?["path"] as? String == path, "\(label) \(probe) is not GET \(path)")
                #expect(get?["port"] as? String == "http", "\(label) \(probe) does not probe the http port")
            }
            let pod = ((workload["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
            let grace = pod["terminationGracePeriodSeconds"] as? Int ?? 30
            let drain = Int(values["BROGUE_DRAIN_SECONDS"] ?? "10") ?? 10
            #expect(grace > drain + 5, "\(label): grace \(grace) s leaves no room for the preStop pause and a \(drain) s drain")
            #expect((pod["securityContext"] as? [String: Any])?["runAsUser"] as? Int == 1000, "\(label) does not run as uid 1000")
            let security = container["securityContext"] as? [String: Any]
            #expect(security?["readOnlyRootFilesystem"] as? Bool == true, "\(label): root filesystem not read-only")
            #expect(security?["allowPrivilegeEscalation"] as? Bool == false, "\(label): privilege escalation allowed")
        }
    }
}
