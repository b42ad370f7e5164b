import BrogueProtocol
import Testing

@testable import BrogueNode

/// The messages gateways and game instances exchange, and what a hostile bus can send.
@Suite struct ClusterMessageTests {
    @Test func everyMessageSurvivesTheBus() throws {
        let place = PlaceRequest(kind: .new, seed: 42, game: nil, player: "alice", account: "alice")
        #expect(try ClusterCodec.place(ClusterCodec.encode(place)) == place)
        let open = PlaceRequest(kind: .open, seed: nil, game: 7, player: "guest-1", account: nil)
        #expect(try ClusterCodec.place(ClusterCodec.encode(open)) == open)
        let action = GameRequest(kind: .action, resumed: nil, seq: 12, text: "m3")
        #expect(try ClusterCodec.gameRequest(ClusterCodec.encode(action)) == action)
        let reply = GameReply(
            instance: "game-2",
            info: nil,
            ack: Ack(applied: 1, actions: 13, turn: 20, stateHash: "00000000000000ff", over: false),
            frame: nil,
            error: WireError(ProtocolError(.storeFailed, "the store is away"))
        )
        #expect(try ClusterCodec.decode(GameReply.self, ClusterCodec.encode(reply)) == reply)
        #expect(reply.error?.protocolError == ProtocolError(.storeFailed, "the store is away"))
        let beat = Heartbeat(
            instance: "game-1",
            role: "game",
            address: "10.0.0.7:8080",
            games: [LiveGame(game: 3, player: "bob", depth: 2, turn: 90, spectators: 1)],
            sentAt: 1_780_000_000_000
        )
        #expect(try ClusterCodec.decode(Heartbeat.self, ClusterCodec.encode(beat)) == beat)
    }

    @Test func hostileMessagesAreRefusedNotTrusted() {
        let bad: [String] = [
            "", "{", "[]", "null", #"{"kind":"teleport","player":"x"}"#, #"{"kind":"open","player":"x"}"#,
            #"{"kind":"open","game":-4,"player":"x"}"#, #"{"kind":"new","game":4,"player":"x"}"#,
            #"{"kind":"new","seed":-1,"player":"x"}"#, #"{"kind":"new","seed":"12","player":"x"}"#,
        ]
        for text in bad {
            #expect(throws: ClusterMessageError.self, "\(text)") { try ClusterCodec.place(Array(text.utf8)) }
        }
        let badRequests: [String] = [
            #"{"kind":"action","text":"m1"}"#, #"{"kind":"action","seq":-1,"text":"m1"}"#, #"{"kind":"key","seq":3}"#,
            #"{"kind":"key","seq":3,"text":""}"#, #"{"kind":"action","seq":1.5,"text":"m1"}"#,
        ]
        for text in badRequests {
            #expect(throws: ClusterMessageError.self, "\(text)") { try ClusterCodec.gameRequest(Array(text.utf8)) }
        }
        let huge = Array(#"{"kind":"attach","text":""#.utf8) + [UInt8](repeating: 0x61, count: ClusterCodec.maxBytes) + Array(#""}"#.utf8)
        #expect(throws: ClusterMessageError.self) { try ClusterCodec.gameRequest(huge) }
    }

    @Test func anUnknownErrorCodeFromANewerInstanceIsAnInternalError() {
        #expect(WireError(code: "from_the_future", message: "m").protocolError.code == .internalError)
    }

    @Test func subjectsAndInstanceNames() {
        let s = ClusterSubjects()
        #expect(s.place == "brogue.place" && s.input(42) == "brogue.game.42.in" && s.frames(42) == "brogue.game.42.frames")
        #expect(s.ping("game-1") == "brogue.instance.game-1.ping" && s.heartbeat == "brogue.heartbeat")
        #expect(ClusterSubjects.isToken("game-1") && ClusterSubjects.isToken("eu_west_2"))
        for bad in ["", "a.b", "a b", "a*", ">", String(repeating: "x", count: 65), "é"] { #expect(!ClusterSubjects.isToken(bad), "\(bad)") }
    }
}
