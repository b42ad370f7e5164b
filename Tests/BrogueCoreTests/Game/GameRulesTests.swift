import BrogueCore
import Testing

@Suite struct GameRulesTests {
    let catalog = TestCatalog.shared

    @Test func newGameStartsOnTheExitWithTheKit() {
        let game = Game(seed: 1, catalog: catalog)
        #expect(game.depth == 1)
        #expect(game.level.has(.isDungeonExit, at: game.player.position))
        #expect(game.player.hp == catalog.player.hp)
        #expect(game.inventory.weapon != nil)
        #expect(game.inventory.armor != nil)
        #expect(game.inventory.letters.count == 4)
        #expect(game.visible[game.player.position])
    }

    @Test func refusedActionsChangeNothing() {
        var game = Game(seed: 2, catalog: catalog)
        let before = game.stateHash
        let events = game.apply(.descend)  // not on down stairs
        #expect(events.contains { if case .refused = $0 { true } else { false } })
        #expect(game.stateHash == before)
        _ = game.apply(.quaff(Letter("z")!))
        _ = game.apply(.ascend)  // the exit, without the Amulet
        #expect(game.stateHash == before)
        #expect(game.turn == 0)
    }

    @Test func restingPassesOneTurnAndChangesTheHash() {
        var game = Game(seed: 3, catalog: catalog)
        let before = game.stateHash
        _ = game.apply(.rest)
        #expect(game.turn == 1)
        #expect(game.ticks == 100)
        #expect(game.stateHash != before)
    }

    @Test func sameActionsSameHashDifferentSeedDifferentHash() {
        func play(_ seed: UInt64) -> UInt64 {
            var game = Game(seed: seed, catalog: catalog)
            for _ in 0..<300 { _ = game.apply(.exploreStep) }
            return game.stateHash
        }
        #expect(play(10) == play(10))
        #expect(play(10) != play(11))
    }

    /// Plays with the bot until it first arrives on depth 2, after `warmUp` extra rests.
    func arriveOnDepthTwo(seed: UInt64, warmUp: Int) -> Game {
        var game = Game(seed: seed, catalog: catalog)
        for _ in 0..<warmUp { _ = game.apply(.rest) }
        var bot = ExploreBot()
        for _ in 0..<5_000 where game.depth == 1 && !game.isOver {
            let events = game.apply(bot.nextAction(for: game))
            bot.observe(events, game: game)
        }
        return game
    }

    @Test func aLevelStartsTheSameWhateverHappenedAbove() {
        let quick = arriveOnDepthTwo(seed: 21, warmUp: 0)
        // The first warm-up that survives: on looped levels wanderers may find a player who
        // rests long at the start, and which rest length is safe depends on the level.
        let slow = [40, 25, 15, 8, 4].lazy.map { arriveOnDepthTwo(seed: 21, warmUp: $0) }.first { $0.depth == 2 } ?? quick
        let bothArrived = quick.depth == 2 && slow.depth == 2
        #expect(bothArrived)
        guard bothArrived, let a = quick.levels[1], let b = slow.levels[1] else { return }
        let sameTerrain = a.layers == b.layers
        let sameItems = a.items == b.items
        let differentTurns = quick.turn != slow.turn
        #expect(sameTerrain)
        #expect(sameItems)
        #expect(differentTurns, "the two games should have reached depth 2 at different times")
    }

    @Test func exploringDiscoversTheLevelAndFindsTheStairs() {
        var game = Game(seed: 4, catalog: catalog)
        var explored = false
        for _ in 0..<3_000 where !explored && !game.isOver {
            let events = game.apply(.exploreStep)
            explored = events.contains(.explored)
            if !explored && events.contains(where: { if case .refused = $0 { true } else { false } }) { _ = game.apply(.rest) }
        }
        let over = game.isOver
        #expect(explored || over)
        let stairsKnown = game.isKnown(game.level.downStairs)
        if explored { #expect(stairsKnown) }
    }

    @Test func hitChanceFollowsBroguesDefenseCurve() {
        #expect(Combat.hitProbability(accuracy: 100, defense: 0) == 100)
        // 0.986^30 = 0.655
        #expect((64...66).contains(Combat.hitProbability(accuracy: 100, defense: 30)))
        #expect(Combat.hitProbability(accuracy: 100, defense: 70) < Combat.hitProbability(accuracy: 100, defense: 30))
        #expect(Combat.hitProbability(accuracy: 5000, defense: 0) == 100)
        #expect(Combat.enchanted(100, 0) == 100)
        #expect((112...114).contains(Combat.enchanted(100, 2)))
        #expect((87...89).contains(Combat.enchanted(100, -2)))
    }

    @Test func inventoryStacksAndFreesLetters() {
        var inv = Inventory()
        let dart = catalog.itemIndexByID["dart"]!
        let potion = catalog.itemIndexByID["healing"]!
        let a = inv.add(Item(kind: dart, quantity: 5), catalog: catalog)
        let b = inv.add(Item(kind: potion), catalog: catalog)
        let c = inv.add(Item(kind: dart, quantity: 3), catalog: catalog)
        #expect(a == Letter("a") && b == Letter("b") && c == Letter("a"))
        #expect(inv[Letter("a")!]?.quantity == 8)
        let one = inv.take(Letter("a")!, count: 1)
        #expect(one?.quantity == 1 && inv[Letter("a")!]?.quantity == 7)
        _ = inv.take(Letter("a")!)
        #expect(inv[Letter("a")!] == nil)
        let again = inv.add(Item(kind: potion), catalog: catalog)
        #expect(again == Letter("b"))
        for _ in 0..<30 { _ = inv.add(Item(kind: catalog.itemIndexByID["sword"]!, enchant: 0), catalog: catalog) }
        #expect(inv.isFull)
        let overflow = inv.add(Item(kind: catalog.itemIndexByID["chain-mail"]!), catalog: catalog)
        #expect(overflow == nil)
    }

    @Test func drinkingAPotionIdentifiesItsKind() throws {
        let catalog = TestCatalog.make(extraItems: ["telepathy", "identify", "confusion"])
        var game = Game(seed: 5, catalog: catalog)
        let kind = catalog.itemIndexByID["telepathy"]!
        let letter = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == kind })
        let before = game.knownKinds[kind]
        let disguised = game.displayName(game.inventory[letter]!)
        #expect(!before)
        #expect(disguised.hasSuffix(" potion"), "\(disguised)")
        let events = game.apply(.quaff(letter))
        #expect(events.contains(.identified(kind: kind)))
        let after = game.knownKinds[kind]
        let name = game.displayName(Item(kind: kind))
        let telepathic = game.player.status.telepathic
        #expect(after)
        #expect(name == "a potion of telepathy")
        #expect(telepathic > 0)
        let gone = game.inventory[letter] == nil
        #expect(gone, "the only potion was drunk")
    }

    @Test func readingIdentifyRevealsTheChosenItem() throws {
        let catalog = TestCatalog.make(extraItems: ["identify", "confusion"])
        var game = Game(seed: 5, catalog: catalog)
        let scroll = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == catalog.itemIndexByID["identify"]! })
        let potionKind = catalog.itemIndexByID["confusion"]!
        let potion = try #require(game.inventory.letters.first { game.inventory[$0]!.kind == potionKind })
        _ = game.apply(.read(scroll, target: potion))
        let known = game.knownKinds[potionKind]
        #expect(known)
        let confused = game.player.status.confused
        #expect(confused == 0, "identifying must not drink the potion")
    }

    @Test func namesReadNaturally() {
        let game = Game(seed: 6, catalog: catalog)
        #expect(game.displayName(Item(kind: catalog.itemIndexByID["dart"]!, quantity: 3)) == "3 darts")
        #expect(game.displayName(Item(kind: catalog.itemIndexByID["sword"]!, enchant: 2, enchantKnown: true)) == "a +2 sword")
        #expect(game.displayName(Item(kind: catalog.itemIndexByID["sword"]!, enchant: 2)) == "a sword")
        #expect(game.displayName(Item(kind: catalog.itemIndexByID["amulet-of-yendor"]!)) == "the Amulet of Yendor")
        let scroll = game.displayName(Item(kind: catalog.itemIndexByID["identify"]!))
        #expect(scroll.hasPrefix("a scroll entitled \""))
    }

    @Test func monstersHuntAndFight() {
        var game = Game(seed: 8, catalog: catalog)
        let here = game.player.position
        let summoned = game.summon("goblin", near: here + Point(3, 0), state: .hunting)
        #expect(summoned)
        var attacked = false
        for _ in 0..<30 where !attacked && !game.isOver {
            let events = game.apply(.rest)
            attacked = events.contains { if case .attacked(_, 0, _, _) = $0 { true } else { false } }
        }
        #expect(attacked, "a hunting goblin three steps away should reach and attack within 30 turns")
    }
}
