import Testing

@testable import BrogueCore

/// Each ring in a constructed situation: the player in a bare room, the ring put on by an action.
@Suite struct RingTests {
    let catalog = ArsenalCatalog.shared

    /// The arena with the ring `id` at `level` put on (by the equip action); returns the game and the ring's letter.
    func wearing(_ id: String, level: Int, seed: UInt64 = 1) -> (Game, Letter) {
        var game = ArsenalCatalog.arena(seed: seed)
        let ring = ArsenalCatalog.give("ring-of-\(id)", to: &game, level: level)
        let events = game.apply(.equip(ring))
        precondition(!events.contains { if case .refused = $0 { true } else { false } }, "\(events)")
        return (game, ring)
    }

    @Test func clairvoyance_revealsEveryCellWithinFiveCellsALevelAndNoFarther() {
        var game = ArsenalCatalog.arena()
        for i in game.level.discovered.cells.indices { game.level.discovered.cells[i] = false }
        let ring = ArsenalCatalog.give("ring-of-clairvoyance", to: &game, level: 2)
        _ = game.apply(.equip(ring))
        let me = game.player.position
        let radius = 10
        var revealedBehindWalls = 0
        for dy in -13...13 {
            for dx in -13...13 {
                let p = Point(me.x + dx, me.y + dy)
                guard game.level.contains(p), !game.level.has(.isImpregnable, at: p), !game.visible[p] else { continue }
                let inside = dx * dx + dy * dy <= radius * radius + radius
                #expect(game.level.discovered[p] == inside, "\(p) is \(dx),\(dy) away")
                if inside { revealedBehindWalls += 1 }
            }
        }
        #expect(revealedBehindWalls > 20, "cells outside the room, seen only by clairvoyance: \(revealedBehindWalls)")
    }

    @Test func aCursedRingOfClairvoyanceBlindsThePlayerFromTwoStepsOut() {
        let (game, _) = wearing("clairvoyance", level: -1)
        #expect(game.visible[Point(21, 10)], "next to the player")
        #expect(!game.visible[Point(23, 10)], "3 steps away, within 5")
        #expect(game.visible[Point(27, 10)], "7 steps away, beyond the cursed radius")
    }

    @Test func stealth_monstersNoticeThePlayerACellCloserALevel_andCursedFarther() {
        let plain = ArsenalCatalog.arena()
        #expect(wearing("stealth", level: 3).0.stealthRange == plain.stealthRange - 3)
        #expect(wearing("stealth", level: -2).0.stealthRange == plain.stealthRange + 2)
    }

    @Test func regeneration_healsFaster_andACursedRingSlower() {
        func healed(_ level: Int?) -> Int {
            var game = ArsenalCatalog.arena()
            if let level {
                let ring = ArsenalCatalog.give("ring-of-regeneration", to: &game, level: level)
                _ = game.apply(.equip(ring))
            }
            game.player.maxHP = 100
            game.player.hp = 10
            for _ in 0..<60 { _ = game.apply(.rest) }
            return game.player.hp - 10
        }
        let base = catalog.player.regenTurns
        #expect(wearing("regeneration", level: 3).0.playerRegenTurns == base * 3 / 4 * 3 / 4 * 3 / 4)
        #expect(wearing("regeneration", level: -2).0.playerRegenTurns == base * 4 / 3 * 4 / 3)
        #expect(healed(3) > healed(nil))
        #expect(healed(-2) < healed(nil))
    }

    /// The player hits a paralysed ogre beside it (a sure, tripled blow, and no blow back); returns the damage dealt.
    func hitParalysedOgre(_ game: inout Game) -> Int {
        let m = ArsenalCatalog.place("ogre", at: Point(21, 10), in: &game, state: .hunting)
        game.monsters[m].hp = 500
        game.monsters[m].maxHP = 500
        game.monsters[m].status.paralyzed = 5
        let events = game.apply(.move(.east))
        return events.compactMap { if case .attacked(0, _, let d, true) = $0 { d } else { nil } }.first ?? 0
    }

    @Test func transference_healsTenPercentOfTheDamageALevel_andCursedDrains() {
        var (game, _) = wearing("transference", level: 3)
        game.player.hp = 10
        let dealt = hitParalysedOgre(&game)
        #expect(dealt >= 6)
        #expect(game.player.hp == 10 + dealt * 30 / 100)

        var (cursed, _) = wearing("transference", level: -3)
        cursed.player.hp = 20
        let drained = hitParalysedOgre(&cursed)
        #expect(cursed.player.hp == 20 - drained * 30 / 100)
    }

    @Test func light_widensTheLightRadius_andCursedNarrowsIt() {
        let plain = ArsenalCatalog.arena().lightRadius
        #expect(wearing("light", level: 2).0.lightRadius == plain + 2)
        #expect(wearing("light", level: -2).0.lightRadius == max(1, plain - 2))
    }

    @Test func awareness_findsASecretDoorWithoutSearching_andCursedSearchingMissesOne() {
        let secret = Point(20, 4)
        func game(_ level: Int?) -> Game {
            var g = ArsenalCatalog.arena()
            g.level.setTerrain(catalog.terrainIndexByID["secret-door"]!, layer: .dungeon, at: secret, catalog: catalog)
            g.player.position = Point(20, 7)
            g.scratch.invalidate()
            g.updateVision()
            if let level { _ = g.apply(.equip(ArsenalCatalog.give("ring-of-awareness", to: &g, level: level))) }
            return g
        }
        var aware = game(3)
        for _ in 0..<40 { _ = aware.apply(.rest) }
        #expect(!aware.level.has(.isSecret, at: secret), "a +3 ring searches at 30% a turn by itself")
        var plain = game(nil)
        for _ in 0..<40 { _ = plain.apply(.rest) }
        #expect(plain.level.has(.isSecret, at: secret), "resting without the ring finds nothing")
        var cursed = game(-3)
        for _ in 0..<40 { _ = cursed.apply(.search) }
        #expect(cursed.level.has(.isSecret, at: secret), "-3 takes the search's 30% to 0 for cells not adjacent")
    }

    @Test func wisdom_shortensAStaffsRecharge_andCursedLengthensIt() {
        func rechargeAfterZap(_ level: Int?) -> Int {
            var game = ArsenalCatalog.arena()
            if let level { _ = game.apply(.equip(ArsenalCatalog.give("ring-of-wisdom", to: &game, level: level))) }
            let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
            _ = game.apply(.zap(staff, at: Point(30, 10)))
            return game.inventory[staff]!.rechargeIn
        }
        #expect(rechargeAfterZap(nil) == 250 - 1)
        #expect(rechargeAfterZap(2) == 250 * 3 / 4 * 3 / 4 - 1)
        #expect(rechargeAfterZap(-1) == 250 * 4 / 3 - 1)
    }

    @Test func reaping_bringsSpentStaffsNearerACharge_andCursedFarther() {
        var (game, _) = wearing("reaping", level: 2)
        let staff = ArsenalCatalog.give("staff-of-firebolt", to: &game)
        game.inventory[staff]!.charges = 0
        game.inventory[staff]!.rechargeIn = 400
        let dealt = hitParalysedOgre(&game)
        #expect(game.inventory[staff]!.rechargeIn == 400 - dealt * 2 - 1, "2 turns a point of damage, and the turn itself")

        var (cursed, _) = wearing("reaping", level: -1)
        let drained = ArsenalCatalog.give("staff-of-firebolt", to: &cursed)
        cursed.inventory[drained]!.charges = 0
        cursed.inventory[drained]!.rechargeIn = 400
        let d = hitParalysedOgre(&cursed)
        #expect(cursed.inventory[drained]!.rechargeIn == 400 + d - 1)
    }

    @Test func twoRingsAtMost_andACursedOneCannotBeTakenOff() {
        var (game, first) = wearing("light", level: -1)
        let second = ArsenalCatalog.give("ring-of-stealth", to: &game, level: 1)
        let third = ArsenalCatalog.give("ring-of-wisdom", to: &game, level: 1)
        _ = game.apply(.equip(second))
        #expect(game.inventory.rings == [first, second])
        #expect(game.apply(.equip(third)).contains { if case .refused = $0 { true } else { false } })
        #expect(game.apply(.remove(first)).contains { if case .refused(let why) = $0 { why.contains("cursed") } else { false } })
        #expect(game.inventory.rings.contains(first))
        #expect(!game.apply(.remove(second)).contains { if case .refused = $0 { true } else { false } })
        #expect(game.inventory.rings == [first])
    }

    @Test func aRingIsKnownWhenPutOn_andItsEnchantmentAfterBeingWornAWhile() {
        var game = ArsenalCatalog.arena()
        let ring = ArsenalCatalog.give("ring-of-stealth", to: &game, level: 2)
        let before = game.displayName(game.inventory[ring]!)
        #expect(before.hasSuffix(" ring") && !before.contains("stealth"), "\(before)")
        _ = game.apply(.equip(ring))
        #expect(game.displayName(game.inventory[ring]!) == "a ring of stealth")
        for _ in 0..<(Game.revealTurns - 2) { _ = game.apply(.rest) }
        #expect(!game.inventory[ring]!.enchantKnown)
        var events: [GameEvent] = []
        for _ in 0..<2 { events += game.apply(.rest) }
        #expect(game.inventory[ring]!.enchantKnown)
        #expect(game.displayName(game.inventory[ring]!) == "a +2 ring of stealth")
        #expect(events.contains { if case .message(let m, _) = $0 { m.contains("+2 ring of stealth") } else { false } })
    }
}

/// Armour shows its enchantment only after it has been worn a while; a weapon as soon as it is wielded.
@Suite struct WornEnchantmentTests {
    @Test func armorShowsItsEnchantmentAfter150TurnsWorn_aWeaponAtOnce() {
        var game = ArsenalCatalog.arena()
        let catalog = game.catalog
        let mail = game.inventory.add(Item(kind: catalog.itemIndexByID["chain-mail"]!, enchant: 2), catalog: catalog)!
        let sword = game.inventory.add(Item(kind: catalog.itemIndexByID["sword"]!, enchant: 1), catalog: catalog)!
        _ = game.apply(.equip(sword))
        #expect(game.displayName(game.inventory[sword]!) == "a +1 sword")
        _ = game.apply(.equip(mail))
        #expect(game.displayName(game.inventory[mail]!) == "a chain mail")
        // The turn spent putting it on counts.
        for _ in 0..<(Game.revealTurns - 2) { _ = game.apply(.rest) }
        #expect(!game.inventory[mail]!.enchantKnown)
        let events = game.apply(.rest)
        #expect(game.displayName(game.inventory[mail]!) == "a +2 chain mail")
        #expect(events.contains { if case .message(let m, _) = $0 { m.contains("+2 chain mail") } else { false } })
    }
}
