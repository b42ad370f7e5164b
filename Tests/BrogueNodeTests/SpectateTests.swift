import BrogueClient
import BrogueCore
import BrogueFrame
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import NIOEmbedded
import Testing

@testable import BrogueNode

/// Spectating: `list_games`, `spectate`, frames fanned out to watchers, `watch_ended`.
@Suite struct SpectateTests {
    @Test func aSpectatorSeesThePlayersScreenFrameByFrameAndCannotAct() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let url = "ws://127.0.0.1:\(port)"
            let player = try await RemoteGame.connect(url: url)
            try await player.start(name: "alice")
            let info = try await player.newGame(seed: 11)
            for key in ["l", "j", "s"] { _ = try await player.press(key) }

            let watcher = try await RemoteGame.connect(url: url)
            try await watcher.start(name: "bob")
            let games = try await watcher.listGames()
            let listed = try #require(games.first { $0.game == info.game })
            #expect(listed.player.hasPrefix("guest-alice-") && listed.spectators == 0 && listed.depth == 1)
            #expect(listed.turn == player.info?.turn)

            // Joining mid-game: a full frame of the screen the player has now.
            let watching = try await watcher.spectate(game: info.game)
            #expect(watching.game == info.game && watching.player == listed.player && watching.stateHash == player.info?.stateHash)
            #expect(watcher.lastUpdate?.isFull == true && watcher.lastUpdate?.seq == 1)
            #expect(watcher.screen == player.screen)
            #expect(try await watcher.listGames().first { $0.game == info.game }?.spectators == 1)
            #expect(node.metrics.text().contains("brogue_spectators 1.0\n"))

            for key in ["x", "h", "k", "i", "escape", "z"] {
                _ = try await player.press(key)
                let event = try await watcher.nextWatched()
                guard case .frame(let update) = event else {
                    Issue.record("after \(key): \(event)")
                    break
                }
                #expect(update.isFull == false, "diffs after the first frame")
                #expect(watcher.screen == player.screen, "the watched screen after \(key)")
            }
            #expect(watcher.lastUpdate?.seq == 7)

            // Read-only.
            guard case .refused(let e) = try await watcher.perform("z") else {
                Issue.record("a spectator acted")
                return
            }
            #expect(e.code == .readOnly)
            guard case .refused(let k) = try await watcher.press("l") else {
                Issue.record("a spectator pressed a key")
                return
            }
            #expect(k.code == .readOnly)

            // The player leaves: the watcher is told, and the game is no longer live.
            await player.close()
            #expect(try await watcher.nextWatched() == .ended(.playerLeft))
            #expect(try await watcher.listGames().contains { $0.game == info.game } == false)
            // No longer watching: an action is refused for having no game, not as read-only.
            guard case .refused(let after) = try await watcher.perform("z") else {
                Issue.record("acted with no game")
                return
            }
            #expect(after.code == .noGame)
            #expect(node.metrics.text().contains("brogue_spectators 0.0\n"))
            do {
                _ = try await watcher.spectate(game: info.game)
                Issue.record("spectated a game no one plays")
            } catch RemoteError.refused(let e) {
                #expect(e.code == .gameNotFound)
            }
            // A watcher can still start a game of its own.
            _ = try await watcher.newGame(seed: 3)
            guard case .ack = try await watcher.press("s") else {
                Issue.record("no ack after watching")
                return
            }
            await watcher.close()
        }
    }

    @Test func spectatingNeedsIdentityAndNeverShowsTheToken() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await player.start()
            let info = try await player.newGame(seed: 5)
            try await connect(port: port) { peer in
                try await peer.send(.hello(version: ProtocolInfo.version, client: "tests"))
                _ = try await peer.expectNext()
                try await peer.send(.listGames, id: 1)
                guard case .error(let e) = try await peer.expectNext() else {
                    Issue.record("list_games without identity")
                    return
                }
                #expect(e.code == .identityRequired)
                try await peer.send(.spectate(game: info.game), id: 2)
                guard case .error(let e2) = try await peer.expectNext() else {
                    Issue.record("spectate without identity")
                    return
                }
                #expect(e2.code == .identityRequired)
                try await peer.send(.guest(name: nil))
                _ = try await peer.expectNext()
                try await peer.send(.spectate(game: 999_999), id: 3)
                guard case .error(let e3) = try await peer.expectNext() else {
                    Issue.record("spectated an unknown game")
                    return
                }
                #expect(e3.code == .gameNotFound)
                try await peer.sendRaw(#"{"type":"spectate","game":-4}"#)
                guard case .error(let bad) = try await peer.expectNext() else {
                    Issue.record("a negative id was taken")
                    return
                }
                #expect(bad.code == .badField)
            }
            // The raw text of what a spectator gets never holds the token.
            let texts = Box<[String]>([])
            try await connectRaw(port: port) { send, receive in
                try await send(#"{"type":"hello","version":1}"#)
                _ = try await receive()
                try await send(#"{"type":"guest"}"#)
                _ = try await receive()
                try await send(#"{"type":"spectate","game":\#(info.game),"id":9}"#)
                let watching = try await receive()
                let frame = try await receive()
                texts.set([watching, frame])
            }
            #expect(texts.get.count == 2)
            #expect(texts.get[0].contains(#""type":"watching""#) && texts.get[0].contains(#""ref":9"#))
            #expect(texts.get[1].contains(#""full":true"#))
            #expect(texts.get.allSatisfy { !$0.contains(info.token) })
            await player.close()
        }
    }

    @Test func aSpectatorThatDoesNotReadIsDroppedWithoutHoldingThePlayer() async throws {
        let metrics = NodeMetrics()
        // The event loop never runs: nothing is written, as when the socket takes nothing.
        let channel = EmbeddedChannel()
        let slow = ConnectionHandle(channel: channel, limit: 3, metrics: metrics)
        let watchers = Watchers(gameID: 1, metrics: metrics)
        let screen = Frame(width: 4, height: 2)
        let w = Watching(game: 1, player: "p", turn: 0, depth: 1, stateHash: "0")
        #expect(watchers.add(slow, watching: w, screen: screen, messages: [], status: nil, ref: nil))
        #expect(watchers.count == 1 && metrics.text().contains("brogue_spectators 1.0\n"))
        // Nothing is written: the third message fills the queue, the fourth drops it.
        for seq in 2...5 {
            watchers.fanOut(FrameUpdate.between(screen, screen, seq: seq), thenEnd: nil)
        }
        #expect(watchers.count == 0)
        #expect(metrics.text().contains("brogue_spectators 0.0\n"))
        #expect(metrics.text().contains("brogue_connections_dropped_total 1\n"))
        #expect(slow.send(ServerEnvelope(.games([]))) == false)
    }

    @Test func theEndOfTheGameEndsWatchingAfterItsLastFrame() async throws {
        let metrics = NodeMetrics()
        let channel = EmbeddedChannel()
        let reader = ConnectionHandle(channel: channel, limit: 16, metrics: metrics)
        let watchers = Watchers(gameID: 7, metrics: metrics)
        let screen = Frame(width: 3, height: 1)
        #expect(
            watchers.add(
                reader,
                watching: Watching(game: 7, player: "p", turn: 1, depth: 1, stateHash: "0"),
                screen: screen,
                messages: [],
                status: nil,
                ref: 4
            )
        )
        var changed = screen
        changed[x: 1, y: 0] = Cell("@", fg: .white, bg: .black, bold: true)
        watchers.fanOut(FrameUpdate.between(screen, changed, seq: 40), thenEnd: .gameOver)
        #expect(watchers.count == 0 && watchers.closed)
        #expect(metrics.text().contains("brogue_spectators 0.0\n"))
        // Closed: no one starts watching a finished game.
        #expect(
            !watchers.add(
                reader,
                watching: Watching(game: 7, player: "p", turn: 1, depth: 1, stateHash: "0"),
                screen: screen,
                messages: [],
                status: nil,
                ref: nil
            )
        )
        channel.embeddedEventLoop.run()
        let received = try ConnectionHandleTests.texts(channel).map { try WireCodec.decodeServer($0) }
        #expect(received.map(\.message.type) == ["watching", "frame", "frame", "watch_ended"])
        #expect(received.first?.ref == 4)
        guard case .frame(let last) = received[2].message else { return }
        #expect(last.seq == 2 && last.changes.count == 1 && last.isFull == false)
        #expect(received[3].message == .watchEnded(game: 7, reason: .gameOver))
    }

    @Test func theNodeShuttingDownEndsWatching() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let player = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await player.start()
            let info = try await player.newGame(seed: 5)
            let watcher = try await RemoteGame.connect(url: "ws://127.0.0.1:\(port)")
            try await watcher.start()
            _ = try await watcher.spectate(game: info.game)
            await node.drain()
            #expect(try await watcher.nextWatched() == .ended(.shutdown))
            await #expect(throws: RemoteError.ended(.shutdown, "the node is shutting down; reconnect and resume your game shortly")) {
                try await watcher.nextWatched()
            }
            await player.drop()
            await watcher.drop()
        }
    }
}

/// A raw text WebSocket to the node, for checking exact wire text.
func connectRaw(
    port: Int,
    _ body: @escaping @Sendable (_ send: (String) async throws -> Void, _ receive: () async throws -> String) async throws -> Void
) async throws {
    try await connect(port: port) { peer in
        try await body({ try await peer.sendRaw($0) }, { try await peer.nextText() })
    }
}

extension Peer {
    /// The next message's raw text.
    func nextText() async throws -> String {
        guard let message = try await iterator.next() else { throw ProtocolError(.badField, "the node closed the connection") }
        switch message {
        case .text(let text): return text
        case .binary: throw ProtocolError(.binaryNotSupported, "the node sent binary")
        }
    }
}
