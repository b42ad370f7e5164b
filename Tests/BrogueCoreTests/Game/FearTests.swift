import Testing

@testable import BrogueCore

/// Fear in the arena: a caster's wave of dread frightens the player, who cowers instead of
/// striking until it passes; the charm of fear immunity ends it and keeps the next wave out; a
/// frightened monster runs, then hunts again.
@Suite struct FearTests {
    /// The arsenal catalog plus a goblin that always casts `dread` (a `frighten` bolt) when it can.
    static let catalog: ContentCatalog = {
        let a = ArsenalCatalog.shared
        var caller = a.monsters[a.monsterIndexByID["goblin"]!]
        caller.id = "dread-caller"
        caller.name = "dread caller"
        caller.abilities = [MonsterAbility(.castsBolt, bolt: "dread", range: 7, chance: 100)]
        do {
            return try ContentCatalog(
                terrains: a.terrains,
                monsters: a.monsters + [caller],
                items: a.items,
                spawns: a.spawns,
                player: a.player,
                appearances: a.appearances,
                bolts: a.bolts
            )
        } catch {
            fatalError("fear catalog is invalid: \(error)")
        }
    }()

    func messages(_ events: [GameEvent]) -> [String] {
        events.compactMap { if case .message(let text, _) = $0 { text } else { nil } }
    }

    /// The arena with a sturdy player and a dread caller 5 cells east, ready to act.
    func arenaWithCaller() -> (Game, Int) {
        var game = ArsenalCatalog.arena(catalog: Self.catalog)
        game.player.maxHP = 10_000
        game.player.hp = 10_000
        let c = ArsenalCatalog.place("dread-caller", at: Point(25, 10), in: &game, state: .hunting)
        game.monsters[c].ticksUntilTurn = 0
        return (game, game.monsters[c].id)
    }

    @Test func dread_frightensThePlayer_whoCowersInsteadOfStriking_untilItPasses() {
        var (game, caller) = arenaWithCaller()
        let said = messages(game.apply(.rest))
        #expect(said.contains("The dread caller casts wave of dread."), "\(said)")
        #expect(said.contains("You are seized by terror!"), "\(said)")
        #expect((5...6).contains(game.player.status.frightened), "3 turns x 2 for a monster's cast")
        game.monsters.removeAll { $0.id == caller }

        let o = ArsenalCatalog.place("ogre", at: Point(21, 10), in: &game)
        game.monsters[o].status.paralyzed = 100  // held in place, and a blow on it always lands
        let turn = game.turn
        let events = game.apply(.move(.east))
        #expect(messages(events).contains("You are too frightened to strike the ogre!"))
        #expect(game.monsters[o].hp == game.monsters[o].maxHP)
        #expect(game.turn == turn + 1, "cowering takes the turn, so a stored game replays it")
        #expect(game.player.position == Point(20, 10))

        for _ in 0..<10 where game.player.status.frightened > 0 { _ = game.apply(.search) }
        #expect(game.player.status.frightened == 0)
        _ = game.apply(.move(.east))
        #expect(game.monsters[o].hp < game.monsters[o].maxHP, "with the fear gone the blow lands")
    }

    @Test func fearImmunityCharm_endsFearAndKeepsTheNextWaveOut() {
        var (game, _) = arenaWithCaller()
        _ = game.apply(.rest)
        #expect(game.player.status.frightened > 0)
        let charm = ArsenalCatalog.give("fear-immunity-charm", to: &game, level: 2)
        let said = messages(game.apply(.use(charm)))
        #expect(said.contains("A calm settles over you: nothing can frighten you now."), "\(said)")
        #expect(said.contains("A wave of dread washes over you, and passes."), "the caller cast again in that turn: \(said)")
        #expect(game.player.status.frightened == 0)
        #expect((19...20).contains(game.player.status.fearImmune), "10 turns a level")
        var turns = 0
        while game.player.status.fearImmune > 0 && turns < 30 {
            _ = game.apply(.search)
            turns += 1
            #expect(game.player.status.fearImmune == 0 || game.player.status.frightened == 0, "turn \(turns)")
        }
        #expect((18...20).contains(turns))
        for _ in 0..<2 where game.player.status.frightened == 0 { _ = game.apply(.search) }
        #expect(game.player.status.frightened > 0, "once the charm's turns are over, the dread takes hold again")
    }

    @Test func dread_sendsAMonsterRunningForItsTurns_thenItHuntsAgain() throws {
        var game = ArsenalCatalog.arena(catalog: Self.catalog)
        let m = ArsenalCatalog.place("ogre", at: Point(23, 10), in: &game, state: .hunting)
        let dread = try #require(Self.catalog.boltIndexByID["dread"])
        var events: [GameEvent] = []
        game.castBolt(dread, power: 2, toward: game.monsters[m].position, &events)
        #expect(messages(events).contains("The ogre flees in terror!"))
        #expect(game.monsters[m].state == .fleeing && game.monsters[m].status.frightened == 6)
        for _ in 0..<4 { _ = game.apply(.rest) }
        #expect(game.monsters[m].position.distance(to: game.player.position) > 3, "it ran at full health")
        #expect(game.monsters[m].state == .fleeing)
        for _ in 0..<4 { _ = game.apply(.rest) }
        #expect(game.monsters[m].status.frightened == 0)
        #expect(game.monsters[m].state == .hunting, "unhurt, it turns back once the fear is gone")
    }
}
