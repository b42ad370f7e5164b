import BrogueClient
import BrogueNode
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The probe behind `brogue healthcheck` against a real node: ready, then draining.
@Suite struct HTTPProbeTests {
    @Test(.timeLimit(.minutes(10))) func readyAnswers200UntilTheNodeDrains() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let ready = try await probe("http://127.0.0.1:\(port)/ready")
            #expect(ready == HTTPProbe.Answer(status: 200, body: "ready\n"))
            await node.drain()
            let draining = try await probe("http://127.0.0.1:\(port)/ready")
            #expect(draining == HTTPProbe.Answer(status: 503, body: "draining\n"))
            // Alive all the same: liveness must not restart a node that is draining.
            #expect(try await probe("http://localhost:\(port)/health").status == 200)
        }
    }

    @Test func aRefusedConnectionSaysWhere() {
        // Port 1 on loopback: nothing listens there on a test machine.
        #expect {
            try HTTPProbe.get("http://127.0.0.1:1/ready")
        } throws: { error in
            (error as? HTTPProbe.Failure)?.description.hasPrefix("cannot connect to 127.0.0.1:1: ") == true
        }
    }

    /// The probe blocks its thread, as a command-line probe may; here it gets a thread of its own
    /// so the node's handlers keep the shared task pool.
    private func probe(_ url: String) async throws -> HTTPProbe.Answer {
        try await withCheckedThrowingContinuation { done in
            Thread { done.resume(with: Result { try HTTPProbe.get(url, timeout: 60) }) }.start()
        }
    }
}
