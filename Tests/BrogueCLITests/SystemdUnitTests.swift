import Foundation
import Testing

/// The systemd units in systemd/ (the plain unit) and systemd/pods/ (what
/// scripts/generate-pod-units.sh made for the multiplayer pods): valid to systemd itself, hardened
/// as docs/deploy.md promises, and setting only variables the node documents.
@Suite struct SystemdUnitTests {
    static let folder = BrogueProcess.repoRoot.appendingPathComponent("systemd")
    static let podsFolder = folder.appendingPathComponent("pods")

    static func units(in folder: URL = folder) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "service" || $0.pathExtension == "target" || $0.pathExtension == "socket" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// `systemd-analyze verify` over each unit, in a root of its own where the commands the unit
    /// runs exist (the built `brogue` stands in for the installed one), so the check does not
    /// depend on what this machine has installed.
    @Test func everyUnitPassesSystemdAnalyzeVerify() throws {
        guard let analyze = HostTool.required("systemd-analyze") else { return }
        let units = try Self.units()
        try #require(!units.isEmpty)
        for unit in units {
            try Self.verify(unit, with: [unit], analyze: analyze)
        }
    }

    /// The pod units name each other (a container's unit binds to its pod's, nodes start after NATS
    /// and PostgreSQL): each is checked among all of them.
    @Test func everyPodUnitPassesSystemdAnalyzeVerify() throws {
        guard let analyze = HostTool.required("systemd-analyze") else { return }
        let units = try Self.units(in: Self.podsFolder)
        // 11 pods (3 NATS, PostgreSQL, 2 gateways, 3 game instances, nginx, Prometheus) and their containers.
        #expect(units.filter { $0.lastPathComponent.hasPrefix("pod-") }.count == 11)
        #expect(units.filter { $0.lastPathComponent.hasPrefix("container-") }.count == 11)
        for unit in units {
            try Self.verify(unit, with: units, analyze: analyze)
        }
    }

    static func verify(_ unit: URL, with units: [URL], analyze: String) throws {
        let root = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.makeRoot(root, for: units)
        let result = try HostTool.run(analyze, ["verify", "--root=\(root.path)", "/etc/systemd/system/\(unit.lastPathComponent)"])
        #expect(result.status == 0 && result.output.isEmpty, "\(unit.lastPathComponent): \(result.output)")
    }

    /// The nodes' units stop them no sooner than the drain bound (BROGUE_DRAIN_SECONDS, 25 s by
    /// default) and start them after NATS and PostgreSQL.
    @Test func theNodesPodUnitsWaitForTheDrainAndStartAfterWhatTheyUse() throws {
        for unit in try Self.units(in: Self.podsFolder) where unit.lastPathComponent.hasSuffix("-node.service") {
            let settings = Self.settings(try String(contentsOf: unit, encoding: .utf8))
            let stop = try #require(settings["ExecStop"]?.last, "\(unit.lastPathComponent) has no ExecStop")
            #expect(stop.contains("-t 30"), "\(unit.lastPathComponent): ExecStop=\(stop)")
            let after = (settings["After"] ?? []).joined(separator: " ")
            for backend in ["pod-brogue-nats-1.service", "pod-brogue-postgres.service"] {
                #expect(after.contains(backend), "\(unit.lastPathComponent) starts without waiting for \(backend)")
            }
        }
    }

    @Test func thePlainUnitIsHardenedAndWaitsForTheDrain() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("brogue.service"), encoding: .utf8)
        let settings = Self.settings(text)
        for (key, value) in [
            ("User", "brogue"), ("ProtectSystem", "strict"), ("NoNewPrivileges", "yes"), ("StateDirectory", "brogue"),
            ("Restart", "on-failure"), ("KillSignal", "SIGTERM"),
        ] {
            #expect(settings[key]?.last == value, "\(key)=\(settings[key] ?? [])")
        }
        let environment = Self.environment(settings)
        let drain = try #require(environment["BROGUE_DRAIN_SECONDS"].flatMap { Int($0) })
        let stop = try #require(settings["TimeoutStopSec"]?.last.flatMap { Int($0) })
        #expect(stop > drain, "TimeoutStopSec=\(stop) must leave the drain (\(drain) s) time to finish")
        #expect(environment["BROGUE_DATA_DIR"] == "/var/lib/\(settings["StateDirectory"]?.last ?? "")")
    }

    @Test func everyVariableAUnitSetsIsOneTheNodeDocuments() throws {
        let documented = try ["docs/node.md", "docs/config.md", "docs/cluster.md"].map {
            try String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        let plain = try Self.units().map { Self.environment(Self.settings(try String(contentsOf: $0, encoding: .utf8))).keys.sorted() }
        // A pod unit's node gets its variables as `podman run -e NAME=...` (its own lines).
        let pods = try Self.units(in: Self.podsFolder).filter { $0.lastPathComponent.hasSuffix("-node.service") }.map { unit in
            try String(contentsOf: unit, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                let words = line.split(whereSeparator: \.isWhitespace).filter { $0 != "\\" }
                guard words.count == 2, words[0] == "-e" else { return nil }
                return words[1].split(separator: "=").first.map(String.init)
            }
        }
        #expect(pods.count == 5 && pods.allSatisfy { $0.contains("BROGUE_ROLE") && $0.contains("POSTGRES_URL_FILE") })
        for (unit, names) in zip(
            try Self.units() + Self.units(in: Self.podsFolder).filter { $0.lastPathComponent.hasSuffix("-node.service") },
            plain + pods
        ) {
            for name in names {
                #expect(
                    documented.contains("`\(name)`") || documented.contains(name + ","),
                    "\(unit.lastPathComponent) sets \(name), which no doc describes"
                )
            }
        }
    }

    // MARK: - Reading units

    /// Every `Key=Value` line, by key, in order (a key may repeat).
    static func settings(_ text: String) -> [String: [String]] {
        var found: [String: [String]] = [:]
        // A line ending in a backslash goes on in the next (podman's units write one flag a line).
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        for line in joined.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            found[String(line[..<eq]), default: []].append(String(line[line.index(after: eq)...]))
        }
        return found
    }

    static func environment(_ settings: [String: [String]]) -> [String: String] {
        var env: [String: String] = [:]
        for item in settings["Environment"] ?? [] {
            for pair in item.split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { env[String(parts[0])] = String(parts[1]) }
            }
        }
        return env
    }

    /// A root holding the units, systemd's own units (copied), and each command the units run.
    static func makeRoot(_ root: URL, for given: [URL]) throws {
        let fm = FileManager.default
        let units = root.appendingPathComponent("etc/systemd/system")
        try fm.createDirectory(at: units, withIntermediateDirectories: true)
        for unit in given { try fm.copyItem(at: unit, to: units.appendingPathComponent(unit.lastPathComponent)) }
        try fm.createDirectory(at: root.appendingPathComponent("usr/lib/systemd"), withIntermediateDirectories: true)
        let system = ["/usr/lib/systemd/system", "/lib/systemd/system"].first { fm.fileExists(atPath: $0) } ?? "/lib/systemd/system"
        // A copy, not a link: systemd resolves the links among its units inside the root.
        let copied = try HostTool.run("/bin/cp", ["-r", system, root.appendingPathComponent("usr/lib/systemd/system").path])
        try #require(copied.status == 0, "\(copied.output)")
        let text = try given.map { try String(contentsOf: $0, encoding: .utf8) }.joined(separator: "\n")
        for (key, values) in settings(text) where key.hasPrefix("Exec") {
            for value in values {
                let command = value.drop { "-@:+!".contains($0) }.split(separator: " ").first.map(String.init) ?? ""
                guard command.hasPrefix("/"), !fm.fileExists(atPath: root.appendingPathComponent(String(command.dropFirst())).path) else { continue }
                let source = command == "/usr/local/bin/brogue" ? BrogueProcess.binary.path : command
                let target = root.appendingPathComponent(String(command.dropFirst()))
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? fm.linkItem(atPath: source, toPath: target.path)) == nil { try fm.copyItem(atPath: source, toPath: target.path) }
            }
        }
    }
}
