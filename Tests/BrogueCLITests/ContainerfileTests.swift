import Foundation
import Testing

/// docker/Containerfile: hadolint-clean, and the runtime is what docs/deploy.md promises
/// (uid 1000, a data volume, a HEALTHCHECK that fails when the node is not ready, only settings
/// the node documents).
@Suite struct ContainerfileTests {
    static let file = BrogueProcess.repoRoot.appendingPathComponent("docker/Containerfile")

    @Test(arguments: ["Containerfile", "Containerfile.dev", "standins/Containerfile"]) func hadolintFindsNothing(_ name: String) throws {
        guard let hadolint = HostTool.required("hadolint") else { return }
        let config = BrogueProcess.repoRoot.appendingPathComponent(".hadolint.yaml").path
        let file = BrogueProcess.repoRoot.appendingPathComponent("docker/\(name)").path
        let result = try HostTool.run(hadolint, ["--config", config, "--no-color", file])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func theRuntimeRunsAsUser1000WithAVolumeAndAReadinessHealthcheck() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("USER 1000:1000"))
        #expect(lines.contains("VOLUME /app/data"))
        #expect(lines.contains { $0.hasPrefix("HEALTHCHECK ") && $0.contains(#"["brogue", "healthcheck""#) })
        #expect(lines.contains(#"CMD ["brogue", "node"]"#))
        // The default target (the last stage) is the runtime built from source.
        #expect(lines.last { $0.hasPrefix("FROM ") } == "FROM runtime-base AS runtime")
    }

    @Test func everyVariableTheImageSetsIsOneTheNodeDocuments() throws {
        let documented = try ["docs/node.md", "docs/config.md", "docs/cluster.md"].map {
            try String(contentsOf: BrogueProcess.repoRoot.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let names = MonitoringConfigTests.matches(#"(?m)^\s*(?:ENV\s+)?([A-Z][A-Z0-9_]+)=\S+(?: \\)?$"#, in: text)
        #expect(names.contains("BROGUE_LISTEN") && names.contains("BROGUE_DATA_DIR"), "\(names)")
        for name in names where name != "LD_LIBRARY_PATH" {
            #expect(documented.contains("`\(name)`") || documented.contains(name + ","), "the image sets \(name), which no doc describes")
        }
    }
}
