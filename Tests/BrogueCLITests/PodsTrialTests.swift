import Foundation
import Testing

/// The multiplayer stack run with podman as an operator would (`scripts/pods-trial.sh`): 2
/// gateways, 3 game instances, a 3-node NATS cluster, PostgreSQL, nginx and Prometheus, from
/// this test run's own `brogue` and stand-ins built from Debian packages (no registry here). Bots
/// play through nginx over TLS, Prometheus scrapes every node, the stack stops and starts again
/// with its games verifying, and removing it leaves nothing.
@Suite(.serialized) struct PodsTrialTests {
    static func trial(_ arguments: [String]) throws {
        for tool in ["podman", "debootstrap", "openssl", "curl"] where HostTool.required(tool) == nil { return }
        if arguments.contains("--compose"), HostTool.required("podman-compose") == nil { return }
        let script = BrogueProcess.repoRoot.appendingPathComponent("scripts/pods-trial.sh").path
        let build = BrogueProcess.binary.deletingLastPathComponent().path
        let result = try HostTool.run("/bin/bash", [script, "--build", build] + arguments)
        // The trial's figures (time to ready, round trips, stop and remove times) for the log.
        print(result.output.split(separator: "\n").filter { $0.hasPrefix("pods-trial:") }.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.output.suffix(4000))")
        #expect(result.output.contains("pods-trial: PASS"))
    }

    @Test(.timeLimit(.minutes(15))) func thePodsOnABridgeNetworkServeBotsThroughNginxAndLeaveNothing() throws {
        try Self.trial([])
    }

    @Test(.timeLimit(.minutes(15))) func thePodsOnTheHostNetworkDoTheSame() throws {
        try Self.trial(["--host-network"])
    }

    @Test(.timeLimit(.minutes(15))) func theComposeFileDoesTheSameWithPodmanCompose() throws {
        try Self.trial(["--compose"])
    }
}
