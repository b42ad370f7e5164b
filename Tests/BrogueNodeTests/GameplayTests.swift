import BrogueContent
import BrogueCore
import BrogueFrame
import BrogueNode
import BrogueProtocol
import Hummingbird
import HummingbirdTesting
import NIOWebSocket
import Testing
import WSCore

@Suite struct GameplayTests {
    static let script = ["m1", "m2", "s", "m3", "m0", "z", "m5", "m6", "s", "m4", "m7", "z"]

    @Test func guestPlaysAHundredActionsDisconnectsAndResumesTheSameGame() async throws {
        let node = try makeNode()
        let app = node.makeApplication()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let seed: UInt64 = 7
            let game = Box<(Int64, String, String)?>(nil)
            let sent = Box<[String]>([])
            try await connect(port: port) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: seed), id: 1)
                guard case .game(let info) = try await peer.expectNext() else {
                    Issue.record("no game")
                    return
                }
                #expect(!info.resumed && info.actions == 0 && info.seed == seed)
                guard case .frame(let first) = try await peer.expectNext() else {
                    Issue.record("no frame")
                    return
                }
                #expect(first.isFull && first.seq == 1)
                var screen: Frame?
                try first.apply(to: &screen)
                var actions: [String] = []
                var lastHash = info.stateHash
                for i in 0..<100 {
                    let action = Self.script[i % Self.script.count]
                    try await peer.send(.action(action), id: 100 + i)
                    let envelope = try #require(try await peer.next())
                    #expect(envelope.ref == 100 + i)
                    switch envelope.message {
                    case .ack(let ack):
                        actions.append(action)
                        #expect(ack.actions == actions.count && ack.applied == 1)
                        lastHash = ack.stateHash
                        guard case .frame(let update) = try await peer.expectNext() else {
                            Issue.record("no frame")
                            return
                        }
                        #expect(!update.isFull)
                        try update.apply(to: &screen)
                    case .error(let e):
                        #expect(e.code == .badAction, "\(e)")  // a move into a wall: nothing stored
                    default: Issue.record("unexpected \(envelope)")
                    }
                }
                #expect(actions.count > 50)
                game.set((info.game, info.token, lastHash))
                sent.set(actions)
            }
            let (id, token, hash) = try #require(game.get)
            var local = Game(seed: seed, catalog: coreContent.catalog)
            for text in sent.get { local.apply(try #require(Action(encoded: text))) }
            let expectedHash = local.stateHash.hex16
            #expect(expectedHash == hash)

            try await connect(port: port) { peer in
                try await peer.start()
                // A token that differs in its first digit (prefixing "0" would give the real one back whenever
                // the token starts with 0).
                let wrongToken = (token.first == "0" ? "1" : "0") + token.dropFirst()
                try await peer.send(.resume(game: id, token: wrongToken), id: 2)
                guard case .error(let wrong) = try await peer.expectNext() else {
                    Issue.record("a wrong token was accepted")
                    return
                }
                #expect(wrong.code == .gameNotFound)
                try await peer.send(.resume(game: id, token: token), id: 3)
                guard case .game(let info) = try await peer.expectNext() else {
                    Issue.record("no game")
                    return
                }
                #expect(info.resumed && info.game == id)
                #expect(info.stateHash == expectedHash)
                #expect(info.actions == sent.get.count)
                guard case .frame(let full) = try await peer.expectNext() else {
                    Issue.record("no frame")
                    return
                }
                #expect(full.isFull)
                try await peer.send(.key("s"), id: 4)
                guard case .ack(let ack) = try await peer.expectNext() else {
                    Issue.record("no ack")
                    return
                }
                #expect(ack.applied == 1 && ack.actions == sent.get.count + 1)
                _ = try await peer.expectNext()
                try await peer.send(.bye)
                guard case .bye(let reason, _) = try await peer.expectNext() else {
                    Issue.record("no bye")
                    return
                }
                #expect(reason == .clientQuit)
            }

            let metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            #expect(metrics.contains("brogue_actions_total \(sent.get.count + 1)"))
            #expect(metrics.contains("brogue_action_latency_seconds_count"))
            #expect(metrics.contains("brogue_store_write_latency_seconds_count \(sent.get.count + 1)"))
            #expect(metrics.contains("brogue_players_connected"))
            #expect(metrics.contains("brogue_games_active"))
        }
    }

    @Test func healthReadyAndDrain() async throws {
        let node = try makeNode()
        let app = node.makeApplication()
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
            let port = try #require(client.port)
            let closed = try await connect(port: port) { peer in
                try await peer.start()
                try await peer.send(.newGame(seed: 3))
                _ = try await peer.expectNext()
                _ = try await peer.expectNext()
                try await peer.send(.action("s"), id: 9)
                guard case .ack(let ack) = try await peer.expectNext() else {
                    Issue.record("no ack")
                    return
                }
                #expect(ack.actions == 1)
                _ = try await peer.expectNext()
                async let drained: Void = node.drain()
                guard case .bye(let reason, _) = try await peer.expectNext() else {
                    Issue.record("no bye")
                    return
                }
                #expect(reason == .shutdown)
                #expect(try await peer.next() == nil)
                await drained
            }
            #expect(closed?.closeCode == .goingAway)
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .serviceUnavailable) }
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
        }
    }
}
