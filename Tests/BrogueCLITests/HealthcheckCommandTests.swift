import BrogueTestServers
import Foundation
import Testing

/// `brogue healthcheck`, the image's HEALTHCHECK: 0 only for a node that says it is ready.
@Suite struct HealthcheckCommandTests {
    @Test(.timeLimit(.minutes(10))) func readyRunningNodeThenNotOnceItIsGone() throws {
        let data = try BrogueProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let (node, port) = try ConnectReconnectTests.startNode(data: data, instance: "health-1")
        defer { if node.isRunning { node.terminate() } }

        let ready = try BrogueProcess.run(["healthcheck", "http://127.0.0.1:\(port)"])
        #expect(ready.status == 0 && ready.stdout.contains("ready: http://127.0.0.1:\(port)/ready answered 200"), "\(ready)")
        // No URL: the node this environment would start.
        let local = try BrogueProcess.run(["healthcheck"], environment: ["BROGUE_LISTEN": "127.0.0.1:\(port)"])
        #expect(local.status == 0, "\(local)")
        let missing = try BrogueProcess.run(["healthcheck", "http://127.0.0.1:\(port)/no-such-probe"])
        #expect(missing.status == 1 && missing.stderr.contains("answered 404"), "\(missing)")

        node.terminate()
        node.waitUntilExit()
        let gone = try BrogueProcess.run(["healthcheck", "http://127.0.0.1:\(port)"])
        #expect(gone.status == 1 && gone.stderr.contains("not ready: cannot connect to 127.0.0.1:\(port)"), "\(gone)")
    }

    @Test func aServerThatNeverAnswersIsNotReady() throws {
        // A socket that listens (so the connection is made by the kernel) but is never read.
        let listener = try BrogueTestServers.SilentListener()
        let port = listener.port
        let silent = try withExtendedLifetime(listener) {
            try BrogueProcess.run(["healthcheck", "http://127.0.0.1:\(port)/ready", "--timeout", "0.5"])
        }
        #expect(silent.status == 1 && silent.stderr.contains("no complete answer within 0.5 s"), "\(silent)")
    }

    @Test func whatIsNotAnHTTPURLIsRefusedWithAnExample() throws {
        let tls = try BrogueProcess.run(["healthcheck", "https://brogue.example.org"])
        #expect(tls.status == 1 && tls.stderr.contains("is not an http:// URL (for example http://127.0.0.1:8080/ready)"), "\(tls)")
        let zero = try BrogueProcess.run(["healthcheck", "--timeout", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("--timeout must be more than 0"), "\(zero)")
    }
}
