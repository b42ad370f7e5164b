import BrogueStorePostgres
import BrogueTestServers
import Foundation
import Testing

/// Each brogue container of k8s/overlays/dev run as declared: the real binary with the
/// container's command and environment (the cluster's names swapped for a local nats-server, a
/// throwaway PostgreSQL database and a free port) answers its liveness and readiness paths, and
/// exits 0 on SIGTERM within the pod's grace period.
@Suite(.enabled(if: NATSServerProcess.enabled, Comment(rawValue: NATSServerProcess.skipReason)))
struct ManifestConformanceTests {
    @Test(.timeLimit(.minutes(5))) func eachBrogueContainerStartsAsDeclaredAndAnswersItsProbes() async throws {
        guard let (_, objects) = try KubernetesManifestTests.render("dev"), let curl = HostTool.required("curl") else { return }
        guard PostgresStoreCommandTests.wanted else { return }
        let url = try #require(PostgresStoreCommandTests.url, "BROGUE_TEST_POSTGRES_URL is not set, and CI=true requires it")
        let server = try PostgresLocation(url: url)
        let database = "brogue_test_manifest_" + UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(16)
        try PostgresAdmin.createDatabase(database, on: server)
        defer { try? PostgresAdmin.dropDatabase(database, on: server) }
        let nats = try await NATSServerProcess.start()
        defer { nats.stop() }
        let folder = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("postgres-url")
        try server.with(database: database).description.write(to: secret, atomically: true, encoding: .utf8)

        // Game instances first: the order a fresh cluster comes up in does not matter, but a
        // failure then names the role that could not start.
        let pairs = KubernetesManifestTests.brogueContainers(objects).sorted {
            KubernetesManifestTests.name($0.workload) > KubernetesManifestTests.name($1.workload)
        }
        var running: [(label: String, process: Process, grace: Int)] = []
        defer {
            for r in running where r.process.isRunning {
                r.process.interrupt()
                r.process.waitUntilExit()
            }
        }
        for (workload, container) in pairs {
            let label = KubernetesManifestTests.name(workload)
            var env = ProcessInfo.processInfo.environment
            env["BROGUE_CONFIG"] = nil
            for e in container["env"] as? [[String: Any]] ?? [] {
                guard let name = e["name"] as? String else { continue }
                env[name] = e["value"] as? String ?? "\(label)-0"  // valueFrom: the pod's name
            }
            // Where the cluster's names and files are, on this machine.
            #expect(env["NATS_URL"]?.hasPrefix("nats://") == true && env["POSTGRES_URL_FILE"] != nil, "\(label)")
            env["NATS_URL"] = nats.url
            env["POSTGRES_URL_FILE"] = secret.path
            env["BROGUE_LISTEN"] = "127.0.0.1:0"
            env["BROGUE_DATA_DIR"] = folder.appendingPathComponent(label).path
            let command = try #require(container["command"] as? [String], "\(label) names no command")
            #expect(command.first == "brogue")
            let p = Process()
            p.executableURL = BrogueProcess.binary
            p.arguments = Array(command.dropFirst()) + (container["args"] as? [String] ?? [])
            p.currentDirectoryURL = BrogueProcess.repoRoot
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try p.run()
            let pod = ((workload["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any] ?? [:]
            running.append((label, p, pod["terminationGracePeriodSeconds"] as? Int ?? 30))
            let port = try listeningPort(of: p, printing: out)
            let probes = [("readinessProbe", 60), ("livenessProbe", 5)]
            for (probe, seconds) in probes {
                let path = try #require(((container[probe] as? [String: Any])?["httpGet"] as? [String: Any])?["path"] as? String)
                // Polling the probe is what the kubelet does; the bound only ends a broken start.
                let answered = try HostTool.run(
                    curl,
                    [
                        "-s", "-o", "/dev/null", "-w", "%{http_code}", "--retry", "\(seconds * 2)", "--retry-delay", "0", "--retry-all-errors",
                        "--retry-max-time", "\(seconds)", "-f", "http://127.0.0.1:\(port)\(path)",
                    ]
                )
                #expect(answered.output == "200", "\(label): \(probe) GET \(path) answered \(answered.output)")
            }
        }
        for r in running.reversed() {
            r.process.terminate()
            r.process.waitUntilExit()
            #expect(r.process.terminationStatus == 0, "\(r.label) exited \(r.process.terminationStatus) on SIGTERM")
        }
    }
}
