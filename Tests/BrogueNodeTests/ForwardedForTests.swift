import BrogueContent
import BrogueProtocol
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import Testing

@testable import BrogueNode

/// Behind nginx or an ingress every player arrives from the proxy's address: the node believes
/// `X-Forwarded-For` from the proxies it is told to trust, and from no one else.
@Suite struct ForwardedForTests {
    let proxy = [AddressRange("127.0.0.0/8")!, AddressRange("10.0.0.0/8")!]

    @Test func aPeerThatIsNotTrustedIsTheClientWhateverItsHeaderSays() {
        #expect(ClientAddress.resolve(peer: "198.51.100.7", forwardedFor: ["203.0.113.5"], trusted: proxy) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["203.0.113.5"], trusted: []) == "10.0.0.2")
    }

    @Test func theClientIsTheRightmostAddressNoTrustedProxyAdded() {
        // nginx (127.0.0.1) got it from an ingress (10.0.0.9), which got it from the player.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.5, 10.0.0.9"], trusted: proxy) == "203.0.113.5")
        // What the player wrote itself, left of that, is never believed.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["1.2.3.4", "203.0.113.5"], trusted: proxy) == "203.0.113.5")
        // IPv6 clients, and a chain of only trusted hops ends at the leftmost.
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["2001:db8::1"], trusted: proxy) == "2001:db8::1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["10.0.0.3,10.0.0.9"], trusted: proxy) == "10.0.0.3")
        // No header: the proxy itself.
        #expect(ClientAddress.resolve(peer: "::ffff:127.0.0.1", forwardedFor: [], trusted: proxy) == "::ffff:127.0.0.1")
    }

    @Test func anEntryThatIsNotAnAddressStopsAtTheHopThatPassedItOn() {
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.5, unknown"], trusted: proxy) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["203.0.113.5, 10.0.0.9, 10.0.0.0/8"], trusted: proxy) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: ["junk, 10.0.0.9"], trusted: proxy) == "10.0.0.9")
    }

    @Test(.timeLimit(.minutes(10))) func theCapCountsEachClientATrustedProxyForwards() async throws {
        try await onNode(capOne: "127.0.0.0/8") { port in
            try await holding(port, forwardedFor: "203.0.113.5") {
                // Another player behind the same proxy has a slot of their own...
                let other = try await admitted(port, forwardedFor: "203.0.113.6")
                // ...the same player has not, and writing another address in front changes nothing.
                let same = try await admitted(port, forwardedFor: "203.0.113.5")
                let forged = try await admitted(port, forwardedFor: "198.51.100.1, 203.0.113.5")
                #expect(other && !same && !forged, "other \(other), same \(same), forged \(forged)")
            }
        }
    }

    @Test(.timeLimit(.minutes(10))) func aForgedHeaderFromAnUntrustedPeerChangesNothing() async throws {
        try await onNode(capOne: "10.0.0.0/8") { port in
            try await holding(port, forwardedFor: "203.0.113.5") {
                // Both come from 127.0.0.1, which is no proxy of ours: one slot between them.
                let other = try await admitted(port, forwardedFor: "203.0.113.6")
                #expect(!other)
            }
        }
    }

    @Test(.timeLimit(.minutes(10))) func aTrustedProxyIsNotHeldToOneAddressesShareAtAccept() async throws {
        // One address gets 1 + 4 connections at accept; the proxy carries 8 players at once.
        try await onNode(capOne: "127.0.0.0/8") { port in
            try await holdingAll(port, (1...8).map { "203.0.113.\($0)" }) {}
        }
    }

    /// Runs `body` with the port of a node that allows one connection per address and trusts
    /// the proxies in `trusted`.
    private func onNode(capOne trusted: String, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let node = try makeNode(
            accountConfig {
                $0.maxConnectionsPerAddress = 1
                $0.trustedProxies = [AddressRange(trusted)!]
            }
        )
        try await node.makeApplication().test(.live) { client in try await body(try #require(client.port)) }
    }

    /// Keeps a greeted connection open for each of `addresses` at once while `body` runs.
    private func holdingAll(_ port: Int, _ addresses: [String], _ body: @escaping @Sendable () async throws -> Void) async throws {
        guard let first = addresses.first else { return try await body() }
        try await holding(port, forwardedFor: first) { try await holdingAll(port, Array(addresses.dropFirst()), body) }
    }

    /// Keeps a greeted connection open with `forwardedFor` while `body` runs.
    private func holding(_ port: Int, forwardedFor: String, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let held = try await greeted(port, forwardedFor: forwardedFor, while: body)
        #expect(held, "the held connection was refused")
    }

    /// Whether a connection with `forwardedFor` is greeted (not refused `too_many_connections`).
    private func admitted(_ port: Int, forwardedFor: String) async throws -> Bool {
        try await greeted(port, forwardedFor: forwardedFor) {}
    }

    /// Connects with `forwardedFor` and says hello; when greeted, runs `body` with the connection
    /// open, then says bye. Returns whether it was greeted.
    private func greeted(_ port: Int, forwardedFor: String, while body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        let greeted = Box(false)
        try await connect(port: port, forwardedFor: forwardedFor) { peer in
            try await peer.send(.hello(version: ProtocolInfo.version, client: "tests"))
            guard case .hello? = try await peer.next()?.message else { return }
            try await body()
            greeted.set(true)
            try await peer.send(.bye)
            while try await peer.next() != nil {}
        }
        return greeted.get
    }

    private func connect(port: Int, forwardedFor: String, _ body: @escaping @Sendable (Peer) async throws -> Void) async throws {
        var config = WebSocketClientConfiguration()
        config.additionalHeaders = [HTTPField.Name("X-Forwarded-For")!: forwardedFor]
        _ = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/ws", configuration: config, logger: Logger(label: "client")) {
            inbound,
            outbound,
            _ in
            try await body(Peer(inbound: inbound, outbound: outbound))
        }
    }
}
