import BrogueUI
import Testing

@testable import BrogueCore

/// `c` then a letter uses a charm; equip and remove offer rings; the discoveries screen lists rings.
@Suite struct CharmKeyTests {
    func session() throws -> (PlaySession, MemoryRecorder, charm: Letter, ring: Letter) {
        var game = Game(seed: 3, catalog: CoreContent.catalog)
        var charm = Item(kind: try #require(CoreContent.catalog.itemIndexByID["haste-charm"]), enchant: 2, enchantKnown: true)
        charm.charges = 1
        let addedCharm = game.inventory.add(charm, catalog: CoreContent.catalog)
        let c = try #require(addedCharm)
        let ring = Item(kind: try #require(CoreContent.catalog.itemIndexByID["ring-of-light"]), enchant: 1)
        let addedRing = game.inventory.add(ring, catalog: CoreContent.catalog)
        let r = try #require(addedRing)
        let recorder = MemoryRecorder()
        return (PlaySession(game: game, recorder: recorder), recorder, c, r)
    }

    @Test func cThenALetterUsesTheCharm_andItIsNotOfferedForZapping() throws {
        let (s, recorder, charm, _) = try session()
        #expect(s.candidates(for: .useCharm) == [charm])
        #expect(!s.candidates(for: .zap).contains(charm))
        try s.handle(key: "c")
        try s.handle(key: String(charm.character))
        #expect(recorder.actions == [.use(charm)])
        #expect(s.game.player.status.hasted > 0)
        #expect(s.game.inventory[charm]!.charges == 0)
    }

    @Test func ringsArePutOnAndTakenOffThroughEquipAndRemove() throws {
        let (s, recorder, _, ring) = try session()
        #expect(s.candidates(for: .equip).contains(ring))
        try s.handle(key: "e")
        try s.handle(key: String(ring.character))
        #expect(s.game.inventory.rings == [ring])
        #expect(s.candidates(for: .remove).contains(ring))
        #expect(!s.candidates(for: .equip).contains(ring))
        try s.handle(key: "r")
        try s.handle(key: String(ring.character))
        #expect(recorder.actions == [.equip(ring), .remove(ring)])
        #expect(s.game.inventory.rings.isEmpty)
    }
}
