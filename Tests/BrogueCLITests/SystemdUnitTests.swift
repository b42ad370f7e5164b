import Foundation
import Testing

/// The systemd units in systemd/: valid to systemd itself, hardened as docs/deploy.md promises,
/// and setting only variables the node documents.
@Suite struct SystemdUnitTests {
    static let folder = BrogueProcess.repoRoot.appendingPathComponent("systemd")

    static func units() throws -> [URL] {
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
            let root = try BrogueProcess.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            try Self.makeRoot(root, for: unit)
            let result = try HostTool.run(analyze, ["verify", "--root=\(root.path)", "/etc/systemd/system/\(unit.lastPathComponent)"])
            #expect(result.status == 0 && result.output.isEmpty, "\(unit.lastPathComponent): \(result.output)")
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
        for unit in try Self.units() {
            let names = Self.environment(Self.settings(try String(contentsOf: unit, encoding: .utf8))).keys.sorted()
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
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
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

    /// A root holding the unit, systemd's own units (linked), and each command the unit runs.
    static func makeRoot(_ root: URL, for unit: URL) throws {
        let fm = FileManager.default
        let units = root.appendingPathComponent("etc/systemd/system")
        try fm.createDirectory(at: units, withIntermediateDirectories: true)
        try fm.copyItem(at: unit, to: units.appendingPathComponent(unit.lastPathComponent))
        try fm.createDirectory(at: root.appendingPathComponent("usr/lib/systemd"), withIntermediateDirectories: true)
        let system = ["/usr/lib/systemd/system", "/lib/systemd/system"].first { fm.fileExists(atPath: $0) } ?? "/lib/systemd/system"
        // A copy, not a link: systemd resolves the links among its units inside the root.
        let copied = try HostTool.run("/bin/cp", ["-r", system, root.appendingPathComponent("usr/lib/systemd/system").path])
        try #require(copied.status == 0, "\(copied.output)")
        let text = try String(contentsOf: unit, encoding: .utf8)
        for (key, values) in settings(text) where key.hasPrefix("Exec") {
            for value in values {
                let command = value.drop { "-@:+!".contains($0) }.split(separator: " ").first.map(String.init) ?? ""
                guard command.hasPrefix("/") else { continue }
                let source = command == "/usr/local/bin/brogue" ? BrogueProcess.binary.path : command
                let target = root.appendingPathComponent(String(command.dropFirst()))
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? fm.linkItem(atPath: source, toPath: target.path)) == nil { try fm.copyItem(atPath: source, toPath: target.path) }
            }
        }
    }
}
