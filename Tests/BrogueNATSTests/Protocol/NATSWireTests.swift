import NIOCore
import NIOPosix
import Testing

@testable import BrogueNATS

@Suite struct NATSWireTests {
    @Test func publishWithoutHeadersIsPUB() {
        var out = ByteBuffer()
        out.writeNATSPublish(subject: "a.b", replyTo: "r", headers: nil, payload: ByteBuffer(string: "hi"))
        #expect(String(buffer: out) == "PUB a.b r 2\r\nhi\r\n")
    }

    @Test func publishWithHeadersIsHPUBWithBothSizes() throws {
        var out = ByteBuffer()
        let headers = try NATSHeaders([("A", "1")]).encoded()
        out.writeNATSPublish(subject: "a", replyTo: nil, headers: headers, payload: ByteBuffer(string: "xyz"))
        #expect(String(buffer: out) == "HPUB a 18 21\r\nNATS/1.0\r\nA: 1\r\n\r\nxyz\r\n")
    }

    @Test func subscribeAndUnsubscribeLines() {
        var out = ByteBuffer()
        out.writeNATSSubscribe(subject: "s.*", queue: "q", sid: 3)
        out.writeNATSUnsubscribe(sid: 3, max: 5)
        out.writeNATSUnsubscribe(sid: 4, max: nil)
        #expect(String(buffer: out) == "SUB s.* q 3\r\nUNSUB 3 5\r\nUNSUB 4\r\n")
    }

    @Test func headersRoundTripThroughTheirBlock() throws {
        var headers = NATSHeaders([("Trace-Id", "abc"), ("Multi", "1")], status: 404, statusDescription: "No Messages")
        headers.append(name: "multi", value: "2")
        let parsed = try NATSHeaders.parse(try headers.encoded())
        #expect(parsed == headers)
        #expect(parsed["trace-id"] == "abc")
        #expect(parsed.values(for: "MULTI") == ["1", "2"])
    }

    @Test(arguments: [("Bad Name", "v"), ("Colon:", "v"), ("", "v"), ("Name", "line\r\nbreak")])
    func headersThatWouldBreakTheBlockAreRefused(name: String, value: String) {
        #expect(throws: NATSError.self) { try NATSHeaders([(name, value)]).encoded() }
    }

    @Test(arguments: ["", "a b", "a\tb", "a\r\nPUB x 1"])
    func subjectsThatWouldBreakTheLineAreRefused(subject: String) {
        #expect(throws: NATSError.invalidSubject(subject)) { try NATSSubject.check(subject) }
    }

    @Test func serverAddressesParseWithAndWithoutScheme() throws {
        #expect(try NATSServerAddress("nats://u:p@127.0.0.1:4333") == NATSServerAddress(host: "127.0.0.1", port: 4333))
        #expect(try NATSServerAddress("nats://u:p@127.0.0.1:4333").user == "u")
        #expect(try NATSServerAddress("10.0.0.2:4222").description == "10.0.0.2:4222")
        #expect(try NATSServerAddress("example").port == 4222)
        #expect(throws: NATSError.self) { try NATSServerAddress("http://x:1") }
    }

    @Test func thePoolGoesRoundAndLearnsTheClusterOnce() throws {
        var pool = ServerPool([try NATSServerAddress("a:1"), try NATSServerAddress("b:2")])
        pool.learn(["b:2", "c:3", "c:3"])
        #expect(pool.servers.map(\.description) == ["a:1", "b:2", "c:3"])
        pool.connected(to: try NATSServerAddress("b:2"))
        #expect([pool.next(), pool.next(), pool.next()].map(\.description) == ["c:3", "a:1", "b:2"])
    }

    @Test func backoffDoublesUpToItsCapWithJitter() async throws {
        var options = NATSOptions()
        options.reconnectWait = .milliseconds(100)
        options.maxReconnectWait = .seconds(1)
        let client = NATSClient(servers: [try NATSServerAddress("a:1")], options: options, group: NIOSingletons.posixEventLoopGroup)
        for (failures, full) in [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (30, 1000)] {
            let wait = client.backoff(failures: failures)
            #expect(wait <= .milliseconds(full) && wait >= .milliseconds(full / 2), "after \(failures) failures: \(wait)")
        }
    }
}
