import BrogueClient
import BrogueNode
import BrogueProtocol
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Testing

/// The limits every connection meets before and besides accounts: connections per address,
/// the idle timeout, and the Origin check on the upgrade.
@Suite struct AccessTests {
    @Test(.timeLimit(.minutes(10))) func aThirdConnectionFromOneAddressIsRefusedAndAFreedSlotIsReused() async throws {
        let node = try makeNode(accountConfig { $0.maxConnectionsPerAddress = 2 })
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let a = try await helloed(port)
            let b = try await helloed(port)
            let got = Box<[ServerEnvelope]>([])
            let close = try await connect(port: port) { peer in
                // The answer to the first message is the error, then the close.
                try await peer.send(.hello(version: ProtocolInfo.version, client: "tests"))
                while let e = try await peer.next() { got.set(got.get + [e]) }
            }
            #expect(got.get.count == 1)
            guard case .error(let e)? = got.get.first?.message else {
                Issue.record("no error: \(got.get)")
                return
            }
            #expect(e.code == .tooManyConnections && e.message.contains("2 connections"), "\(e.message)")
            #expect(close?.closeCode == .policyViolation)
            // The two open ones are untouched.
            _ = try await a.identify(.guest("a"))
            await a.close()
            // Once the node has seen a close, the slot is free again (it notices a moment
            // after the client does, hence the retries, bounded only against a hang).
            let admitted = Box(false)
            let deadline = ContinuousClock.now + .seconds(60)
            while !admitted.get && ContinuousClock.now < deadline {
                try await connect(port: port) { peer in
                    // Refused connections are told so before anything is read.
                    try? await peer.send(.hello(version: ProtocolInfo.version, client: "tests"))
                    guard case .hello? = try? await peer.next()?.message else { return }
                    admitted.set(true)
                    try await peer.send(.bye)
                    while try await peer.next() != nil {}
                }
                if !admitted.get { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(admitted.get)
            await b.close()
        }
    }

    @Test func noCapWithZero() async throws {
        let node = try makeNode(accountConfig { $0.maxConnectionsPerAddress = 0 })
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            var open: [RemoteGame] = []
            for _ in 0..<40 { open.append(try await helloed(port)) }
            for r in open { await r.close() }
        }
    }

    @Test func anIdleConnectionIsToldByeIdleAndClosedNormally() async throws {
        // The node's steady time is the test's to move: neither a slow machine nor a quick one
        // changes when the timeout falls.
        let clock = ManualClock()
        var config = accountConfig { $0.idleTimeoutSeconds = 2 }
        config.steadyClock = clock
        let node = try makeNode(config)
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let got = Box<[ServerMessage]>([])
            let idleFor = Box<Duration>(.zero)
            let close = try await connect(port: port) { peer in
                try await peer.start()
                // Activity keeps it open: each message restarts the timeout, so 4 x 1.5 s of
                // talking outlasts a 2 s timeout.
                for _ in 0..<4 {
                    clock.advance(by: .milliseconds(1500))
                    try await peer.send(.newGame(seed: 3))
                    _ = try await peer.expectNext()
                    _ = try await peer.expectNext()
                }
                // Then nothing: the node speaks first (and last). Time moves only to the
                // deadlines the node waits for, never past them.
                let idleFrom = clock.now
                let mover = Task { while true { try await clock.advanceToNextDeadline() } }
                defer { mover.cancel() }
                while let e = try await peer.next() {
                    got.set(got.get + [e.message])
                    idleFor.set(clock.now - idleFrom)
                }
            }
            #expect(got.get.count == 1)
            guard case .bye(.idle, _)? = got.get.first else {
                Issue.record("no bye idle: \(got.get)")
                return
            }
            #expect(close?.closeCode == .normalClosure)
            #expect(idleFor.get >= .seconds(2), "bye came after \(idleFor.get) of silence")
        }
    }

    @Test func browserOriginsMustBeTheNodesOwnOrAllowed() async throws {
        let node = try makeNode(accountConfig { $0.allowedOrigins = ["https://play.example.org"] })
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            // A plain GET runs the same check as an upgrade, and shows the status a browser gets.
            func status(origin: String?) async throws -> HTTPResponse.Status {
                var headers = HTTPFields()
                if let origin { headers[.origin] = origin }
                return try await client.execute(uri: "/ws", method: .get, headers: headers) { $0.status }
            }
            #expect(try await status(origin: "http://evil.example.com") == .forbidden)
            #expect(try await status(origin: "http://127.0.0.1:\(port + 1)") == .forbidden)
            #expect(try await status(origin: "null") == .forbidden)
            #expect(try await status(origin: "https://play.example.org.evil.com") == .forbidden)
            #expect(try await status(origin: "https://play.example.org") != .forbidden)
            #expect(try await status(origin: nil) != .forbidden)

            // The real upgrade: refused for another site, accepted from the node's own page,
            // an allowed origin, or a client that sends none of a browser's.
            func upgrades(origin: String?) async -> Bool {
                var config = WebSocketClientConfiguration()
                if let origin { config.additionalHeaders[.origin] = origin }
                do {
                    _ = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/ws", configuration: config, logger: Logger(label: "origin")) {
                        _,
                        outbound,
                        _ in
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    return true
                } catch {
                    return false
                }
            }
            #expect(await !upgrades(origin: "http://evil.example.com"))
            #expect(await upgrades(origin: "http://127.0.0.1:\(port)"))
            #expect(await upgrades(origin: "https://play.example.org"))
            #expect(await upgrades(origin: nil))
        }
    }
}
