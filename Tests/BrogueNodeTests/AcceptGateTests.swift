import BrogueContent
import HummingbirdCore
import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import BrogueNode

/// The per-address count on the listening socket (`AcceptGate`) and the count `GatedChannel`
/// keeps for a connection accepted before the gate was in place, on embedded channels: what each
/// lets through, what it closes, and that every connection is counted once and let go once.
/// `SlowClientTests` floods a live node, where the gate is in place.
@Suite struct AcceptGateTests {
    static func accepted(from address: String) throws -> EmbeddedChannel {
        let child = EmbeddedChannel()
        let peer = try SocketAddress(ipAddress: address, port: 40_000)
        try child.connect(to: peer).wait()
        child.remoteAddress = peer
        return child
    }

    /// Closes `child` and runs its loop, so its close future's callbacks have run.
    static func close(_ child: EmbeddedChannel) throws {
        try child.close().wait()
        child.embeddedEventLoop.run()
    }

    /// A listening socket's pipeline with the gate first, and what got past it.
    final class Listener {
        let server = EmbeddedChannel()
        let gate: AcceptGate
        let addresses: AddressLimiter
        let metrics = NodeMetrics()

        init(cap: Int, trusted: [String] = []) throws {
            addresses = AddressLimiter(cap: cap)
            gate = AcceptGate(addresses: addresses, trustedProxies: trusted.compactMap(AddressRange.init), metrics: metrics)
            try server.pipeline.syncOperations.addHandler(gate)
        }

        /// Hands `child` to the pipeline as `accept` would; true when it came out past the gate.
        func accept(_ child: EmbeddedChannel) throws -> Bool {
            try server.writeInbound(child as any Channel)
            guard let passed = try server.readInbound(as: (any Channel).self) else { return false }
            return passed === child
        }

        var refused: Double { ProcessMetricsTests.value("brogue_connections_refused_total", in: metrics.text()) ?? -1 }
    }

    @Test func anAddressOverItsShareIsClosedAtTheGateAndNotPassedOn() throws {
        let cap = 2
        let listener = try Listener(cap: cap)
        let share = cap + AddressLimiter.refusalGrace
        let children = try (0..<share + 3).map { _ in try Self.accepted(from: "127.0.0.2") }
        let passed = try children.map { try listener.accept($0) }
        #expect(passed == Array(repeating: true, count: share) + [false, false, false])
        #expect(children.map(\.isActive) == Array(repeating: true, count: share) + [false, false, false])
        #expect(listener.refused == 3)
        // Another address is not held to the first one's count.
        #expect(try listener.accept(Self.accepted(from: "127.0.0.3")))
        // Each counted connection is claimed once by its set-up; a refused one never was counted.
        #expect(listener.gate.claim(children[0]))
        #expect(!listener.gate.claim(children[0]))
        #expect(!listener.gate.claim(children[share]))
        // A counted connection that closes gives its place back.
        try Self.close(children[1])
        let next = try Self.accepted(from: "127.0.0.2")
        #expect(try listener.accept(next))
        #expect(!(try listener.accept(Self.accepted(from: "127.0.0.2"))))
        #expect(listener.refused == 4)
    }

    @Test func aTrustedProxysConnectionsAreNotCountedAtTheGate() throws {
        let listener = try Listener(cap: 1, trusted: ["10.0.0.0/8"])
        let children = try (0..<20).map { _ in try Self.accepted(from: "10.1.2.3") }
        for child in children { #expect(try listener.accept(child)) }
        let open = children.filter { $0.isActive }.count
        #expect(open == children.count)
        #expect(!listener.gate.claim(children[0]), "a proxy's connection is counted by nobody at accept")
        #expect(listener.refused == 0)
    }

    @Test func aConnectionClosedBeforeItsSetUpIsForgotten() throws {
        let listener = try Listener(cap: 1)
        let child = try Self.accepted(from: "127.0.0.2")
        #expect(try listener.accept(child))
        try Self.close(child)
        #expect(!listener.gate.claim(child))
    }

    /// The child channel `GatedChannel` wraps, reduced to saying it was set up.
    struct Plain: ServerChildChannel {
        struct Value: ServerChildChannelValue {
            let channel: any Channel
        }
        func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> { channel.eventLoop.makeSucceededFuture(Value(channel: channel)) }
        func handle(value: Value, logger: Logger) async {}
    }

    static func setUp(_ gated: GatedChannel<Plain>, _ child: EmbeddedChannel) throws -> Bool {
        try gated.setup(channel: child, logger: Logger(label: "test")).wait().channel === child
    }

    static func gated(_ gate: AcceptGate, metrics: NodeMetrics) -> GatedChannel<Plain> {
        GatedChannel(base: Plain(), gate: gate, requestTimeout: nil, metrics: metrics)
    }

    @Test func aConnectionTheGateCountedIsNotCountedAgainAtItsSetUp() throws {
        let listener = try Listener(cap: 1)
        let gated = Self.gated(listener.gate, metrics: listener.metrics)
        let share = 1 + AddressLimiter.refusalGrace
        let children = try (0..<share).map { _ in try Self.accepted(from: "127.0.0.2") }
        for child in children {
            #expect(try listener.accept(child))
            #expect(try Self.setUp(gated, child))
        }
        // Counted once each: the address is exactly full.
        #expect(!(try listener.accept(Self.accepted(from: "127.0.0.2"))))
        for child in children { try Self.close(child) }
        #expect(try listener.accept(Self.accepted(from: "127.0.0.2")))
    }

    @Test func aConnectionAcceptedBeforeTheGateIsCountedAtItsSetUp() throws {
        let metrics = NodeMetrics()
        let addresses = AddressLimiter(cap: 1)
        // The gate exists but is in no pipeline yet: the server has not said it runs.
        let gate = AcceptGate(addresses: addresses, trustedProxies: [], metrics: metrics)
        let gated = Self.gated(gate, metrics: metrics)
        let share = 1 + AddressLimiter.refusalGrace
        let children = try (0..<share + 1).map { _ in try Self.accepted(from: "127.0.0.2") }
        for child in children.prefix(share) {
            #expect(try Self.setUp(gated, child))
        }
        let refused = children[share]
        #expect(throws: GatedChannel<Plain>.Refused.self) { try gated.setup(channel: refused, logger: Logger(label: "test")).wait() }
        #expect(!refused.isActive)
        #expect(ProcessMetricsTests.value("brogue_connections_refused_total", in: metrics.text()) == 1)
        // A closed one gives its place back.
        try Self.close(children[0])
        let again = try Self.accepted(from: "127.0.0.2")
        #expect(try Self.setUp(gated, again))
    }
}
