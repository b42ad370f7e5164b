import BrogueFrame
import BrogueProtocol
import Testing

@Suite struct FrameUpdateTests {
    func sample(_ seed: Int) -> Frame {
        var frame = Frame(width: 20, height: 6)
        frame.put("Depth \(seed)", x: 1, y: 0, fg: .yellow)
        frame[x: 3 + seed % 10, y: 3] = Cell("@", fg: .white, bg: TermColor(rgb: 0x102030), bold: true)
        frame.put("é·≈", x: 15, y: 5, fg: TermColor(rgb: 0x123456))
        return frame
    }

    @Test func firstUpdateIsFullAndRebuildsTheFrame() throws {
        let frame = sample(1)
        let update = FrameUpdate.between(nil, frame, seq: 1, messages: ["Welcome."], status: .init(depth: 1, turn: 0, hp: 40, maxHP: 40))
        #expect(update.isFull)
        let decoded = try WireCodec.decodeServer(WireCodec.encode(ServerEnvelope(.frame(update))))
        guard case .frame(let back) = decoded.message else {
            Issue.record("not a frame")
            return
        }
        #expect(back == update)
        var screen: Frame?
        try back.apply(to: &screen)
        #expect(screen == frame)
    }

    @Test func diffsCarryOnlyChangedCellsAndRebuildTheNextFrame() throws {
        let a = sample(1)
        let b = sample(2)
        let diff = FrameUpdate.between(a, b, seq: 2)
        #expect(!diff.isFull)
        #expect(diff.changes.count == 3)  // the digit, the old @ cleared, the new @
        let back = try WireCodec.decodeServer(WireCodec.encode(ServerEnvelope(.frame(diff))))
        guard case .frame(let decoded) = back.message else {
            Issue.record("not a frame")
            return
        }
        var screen: Frame? = a
        try decoded.apply(to: &screen)
        #expect(screen == b)
        #expect(FrameUpdate.between(b, b, seq: 3).changes.isEmpty)
    }

    @Test func aDiffWithoutAFrameOrOutsideItIsRefused() {
        let diff = FrameUpdate(seq: 2, width: 20, height: 6, cells: nil, changes: [.init(x: 25, y: 1, cell: .blank)], messages: [], status: nil)
        var none: Frame?
        #expect(throws: ProtocolError.self) { try diff.apply(to: &none) }
        var screen: Frame? = sample(1)
        #expect(throws: ProtocolError.self) { try diff.apply(to: &screen) }
        #expect(screen == sample(1))
    }

    @Test func hostileFramesAreRefused() {
        let texts = [
            ##"{"type":"frame","seq":1,"width":100000,"height":100000,"full":true,"cells":[]}"##,
            ##"{"type":"frame","seq":1,"width":2,"height":1,"full":true,"cells":[["a","#000000","#000000",0]]}"##,
            ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["ab","#000000","#000000",0]]}"##,
            ##"{"type":"frame","seq":1,"width":1,"height":1,"full":true,"cells":[["a","red","#000000",0]]}"##,
            ##"{"type":"warp"}"##,
        ]
        for text in texts {
            #expect(throws: ProtocolError.self, "\(text)") { try WireCodec.decodeServer(text) }
        }
    }

    @Test(arguments: [
        ServerEnvelope(.hello(ServerHello(version: 1, server: "brogue-node/0.1.0", maxMessageBytes: 4096, actionsPerSecond: 30, actionBurst: 60))),
        ServerEnvelope(.identity(Identity(player: "guest-1", guest: true))),
        ServerEnvelope(
            .game(
                GameInfo(game: 3, token: "t", seed: 7, resumed: true, actions: 100, turn: 90, depth: 2, stateHash: "00ff00ff00ff00ff", over: false)
            ),
            ref: 5
        ),
        ServerEnvelope(.ack(Ack(applied: 1, actions: 101, turn: 91, stateHash: "0123456789abcdef", over: false)), ref: 6),
        ServerEnvelope(.error(ProtocolError(.rateLimited, "slow down")), ref: 7),
        ServerEnvelope(.bye(.shutdown, "the node is restarting")),
    ])
    func serverMessagesRoundTrip(_ envelope: ServerEnvelope) throws {
        #expect(try WireCodec.decodeServer(WireCodec.encode(envelope)) == envelope)
    }
}
