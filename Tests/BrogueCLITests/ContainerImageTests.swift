import Foundation
import Testing

/// The image built with podman from this test run's own `brogue` and run as an operator would
/// (`scripts/image-trial.sh`): the node in every role, bots playing through it, its HEALTHCHECK,
/// a drain on SIGTERM, and the data volume's games verified by the image's own binary.
@Suite struct ContainerImageTests {
    @Test(.timeLimit(.minutes(20))) func theImageServesEveryRoleDrainsAndKeepsItsGames() throws {
        for tool in ["podman", "debootstrap", "nats-server", "curl"] where HostTool.required(tool) == nil { return }
        let script = BrogueProcess.repoRoot.appendingPathComponent("scripts/image-trial.sh").path
        let build = BrogueProcess.binary.deletingLastPathComponent().path
        let result = try HostTool.run("/bin/bash", [script, "--build", build])
        // The trial's figures (image size, time to /ready, memory per role) for the log.
        print(result.output.split(separator: "\n").filter { $0.hasPrefix("image-trial:") }.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output.suffix(4000))")
        #expect(result.output.contains("image-trial: PASS"))
    }
}
