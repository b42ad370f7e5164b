import BrogueClient
import BrogueContent
import BrogueCore
import BrogueProtocol
import BrogueStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BrogueNode

/// `register` and `login` on a node in this process.
@Suite struct AccountTests {
    @Test func registerLoginWrongPasswordAndDuplicateNames() async throws {
        let node = try makeNode(accountConfig())
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let a = try await helloed(port)
            let id = try await a.identify(.register(name: "Alice_1", password: "correct horse"))
            #expect(id.player == "Alice_1" && !id.guest)
            let session = try #require(id.session)
            #expect(session.count == 64 && session.allSatisfy(\.isHexDigit))
            #expect(id.expires == Int(TestClock().date.timeIntervalSince1970) + 30 * 86_400)
            // Names ignore case.
            #expect(await refusal(a, .register(name: "alice_1", password: "another password")) == .nameTaken)
            #expect(await refusal(a, .register(name: "ab", password: "long enough")) == .badName)
            #expect(await refusal(a, .register(name: "bad name", password: "long enough")) == .badName)
            #expect(await refusal(a, .register(name: "Bob", password: "short")) == .badPassword)
            await a.close()

            let b = try await helloed(port)
            #expect(await refusal(b, .password(name: "Alice_1", password: "wrong horse")) == .badCredentials)
            #expect(await refusal(b, .password(name: "nobody", password: "correct horse")) == .badCredentials)
            let again = try await b.identify(.password(name: "ALICE_1", password: "correct horse"))
            #expect(again.player == "Alice_1" && again.session != session)
            let bySession = try await b.identify(.session(session))
            #expect(bySession.player == "Alice_1" && bySession.session == session)
            #expect(await refusal(b, .session(String(repeating: "0", count: 64))) == .badCredentials)
            await b.close()

            // Nothing in the data folder holds the password or the session token.
            let folder = try #require(node.dataDirectory)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
                let raw = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
                #expect(raw.range(of: Data("correct horse".utf8)) == nil && raw.range(of: Data(session.utf8)) == nil, "\(file)")
            }
        }
    }

    @Test func aLongPasswordCountsPastBcrypts72Bytes() async throws {
        let node = try makeNode(accountConfig())
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let a = try await helloed(port)
            let long = String(repeating: "x", count: 100)
            _ = try await a.identify(.register(name: "longpw", password: long + "A"))
            #expect(await refusal(a, .password(name: "longpw", password: long + "B")) == .badCredentials)
            _ = try await a.identify(.password(name: "longpw", password: long + "A"))
            await a.close()
        }
    }

    @Test func failedLoginsAreThrottledPerNameAndPerAddress() async throws {
        let clock = TestClock()
        let node = try makeNode(accountConfig(clock: clock))
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let a = try await helloed(port)
            _ = try await a.identify(.register(name: "carol", password: "carol's password"))
            for _ in 0..<5 { #expect(await refusal(a, .password(name: "carol", password: "guess guess")) == .badCredentials) }
            // The sixth attempt is not even checked: the right password is refused too.
            do {
                _ = try await a.identify(.password(name: "carol", password: "carol's password"))
                Issue.record("a throttled login went through")
            } catch RemoteError.refused(let e) {
                #expect(e.code == .loginThrottled)
                #expect(e.message.contains("300 seconds"), "\(e.message)")
            }
            clock.advance(100)
            do {
                _ = try await a.identify(.password(name: "carol", password: "carol's password"))
            } catch RemoteError.refused(let e) {
                #expect(e.code == .loginThrottled && e.message.contains("200 seconds"), "\(e.message)")
            }
            clock.advance(201)
            let ok = try await a.identify(.password(name: "carol", password: "carol's password"))
            #expect(ok.player == "carol")
            // Per address: five failures over several names from one address throttle every name.
            for name in ["dave", "erin", "frank", "grace", "heidi"] {
                #expect(await refusal(a, .password(name: name, password: "whatever1")) == .badCredentials)
            }
            #expect(await refusal(a, .password(name: "carol", password: "carol's password")) == .loginThrottled)
            await a.close()
        }
    }

    @Test func anExpiredSessionIsRefused() async throws {
        let clock = TestClock()
        let node = try makeNode(accountConfig(clock: clock) { $0.sessionSeconds = 3600 })
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let a = try await helloed(port)
            let id = try await a.identify(.register(name: "ivan", password: "ivan's password"))
            let session = try #require(id.session)
            clock.advance(3599)
            #expect(try await a.identify(.session(session)).player == "ivan")
            clock.advance(2)
            #expect(await refusal(a, .session(session)) == .sessionExpired)
            // Forgotten once expired.
            #expect(await refusal(a, .session(session)) == .badCredentials)
            #expect(try await a.identify(.password(name: "ivan", password: "ivan's password")).session != session)
            await a.close()
        }
    }

    @Test func guestsCanBeTurnedOff() async throws {
        let node = try makeNode(accountConfig { $0.guests = false })
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let a = try await helloed(port)
            #expect(await refusal(a, .guest("visitor")) == .guestsDisabled)
            // Still no identity: no game either.
            do {
                _ = try await a.newGame(seed: 1)
                Issue.record("a game without an identity")
            } catch RemoteError.refused(let e) {
                #expect(e.code == .identityRequired)
            }
            _ = try await a.identify(.register(name: "judy", password: "judy's password"))
            _ = try await a.newGame(seed: 1)
            await a.close()
        }
    }

    /// An account's whole round: register and log in, play 100 actions, disconnect,
    /// reconnect and resume the same game with the same hash.
    @Test func registerLoginPlay100ActionsReconnectAndResume() async throws {
        let node = try makeNode(accountConfig())
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let first = try await helloed(port)
            _ = try await first.identify(.register(name: "Mallory", password: "mallory's password"))
            await first.close()

            let player = try await helloed(port)
            let id = try await player.identify(.password(name: "mallory", password: "mallory's password"))
            let info = try await player.newGame(seed: Self.seedSurviving100Actions)
            var acked = 0
            for i in 0..<100 {
                guard case .ack(let ack) = try await player.perform(Self.actions[i % 2]) else {
                    Issue.record("action \(i) refused")
                    break
                }
                #expect(!ack.over)
                acked += 1
            }
            #expect(acked == 100 && player.info?.actions == 100)
            let played = try #require(player.info)
            await player.drop()

            let back = try await helloed(port)
            #expect(try await back.identify(.session(try #require(id.session))).player == "Mallory")
            let resumed = try await back.resume(game: info.game, token: info.token)
            #expect(resumed.resumed && resumed.actions == 100 && resumed.stateHash == played.stateHash)
            await back.close()
            #expect(try node.accounts.store.owner(of: info.game) == "mallory")
        }
    }

    /// bcrypt runs off Swift's cooperative threads: while several slow hashes are under way
    /// (enough to take every cooperative thread if they ran there), another connection plays.
    @Test func slowHashesDoNotHoldUpOtherConnections() async throws {
        let node = try makeNode(accountConfig { $0.bcryptCost = 14 })
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let player = try await helloed(port)
            _ = try await player.identify(.guest("p"))
            _ = try await player.newGame(seed: Self.seedSurviving100Actions)
            let registered = Box(0)
            let hashing = (0..<4).map { i in
                Task {
                    let r = try await helloed(port)
                    _ = try await r.identify(.register(name: "slow\(i)", password: "slow password"))
                    registered.set(registered.get + 1)
                    await r.close()
                }
            }
            // Give the registrations time to reach bcrypt: one round trip each is not enough to
            // prove anything, so look at how far they got while the player played.
            var playedWhileHashing = 0
            for i in 0..<20 {
                guard case .ack = try await player.perform(Self.actions[i % 2]) else { break }
                if registered.get == 0 { playedWhileHashing += 1 }
            }
            for t in hashing { try await t.value }
            #expect(registered.get == 4)
            #expect(playedWhileHashing >= 5, "only \(playedWhileHashing) of 20 actions were answered while 4 hashes ran")
            await player.close()
        }
    }

    static let actions = ["s", "z"]

    /// A seed whose player lives through 100 searches and rests (some are killed while resting).
    static let seedSurviving100Actions: UInt64 = {
        for seed: UInt64 in 1...200 {
            var game = Game(seed: seed, catalog: coreContent.catalog)
            for i in 0..<100 { game.apply(Action(encoded: actions[i % 2])!) }
            if !game.isOver { return seed }
        }
        return 1
    }()
}
