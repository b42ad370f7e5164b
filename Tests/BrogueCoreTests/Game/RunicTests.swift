import Testing

@testable import BrogueCore

/// Each runic in a constructed situation: the player in a bare room with its dagger and leather
/// armor, the runic set on one of them, a monster placed by hand. The runics here always act
/// (chance 100) unless a test says otherwise, so each test shows the rule, not the dice.
@Suite struct RunicTests {
    static let goblins = ["goblin"]
    static let runics: [RunicKind] = [
        RunicKind(id: "speed", name: "speed", slot: .weapon, rule: .speed),
        RunicKind(id: "quietus", name: "quietus", slot: .weapon, rule: .quietus),
        RunicKind(id: "paralysis", name: "paralysis", slot: .weapon, rule: .paralysis, turns: 10),
        RunicKind(id: "multiplicity", name: "multiplicity", slot: .weapon, rule: .multiplicity, amount: 3, turns: 3, summons: "spectral-blade"),
        RunicKind(id: "slowing", name: "slowing", slot: .weapon, rule: .slowing, turns: 10),
        RunicKind(id: "confusion", name: "confusion", slot: .weapon, rule: .confusion, turns: 8),
        RunicKind(id: "force", name: "force", slot: .weapon, rule: .force, amount: 4),
        RunicKind(id: "ogre-slaying", name: "ogre slaying", slot: .weapon, rule: .slaying, monsters: ["ogre"]),
        RunicKind(id: "mercy", name: "mercy", slot: .weapon, bad: true, rule: .mercy, amount: 50),
        RunicKind(id: "plenty", name: "plenty", slot: .weapon, bad: true, rule: .plenty),
        RunicKind(id: "armor-multiplicity", name: "multiplicity", slot: .armor, rule: .multiplicity, amount: 2, turns: 3, summons: "spectral-blade"),
        RunicKind(id: "mutuality", name: "mutuality", slot: .armor, rule: .mutuality),
        RunicKind(id: "absorption", name: "absorption", slot: .armor, rule: .absorption, amount: 100),
        RunicKind(id: "reprisal", name: "reprisal", slot: .armor, rule: .reprisal, amount: 50),
        RunicKind(id: "goblin-immunity", name: "goblin immunity", slot: .armor, rule: .immunity, monsters: goblins),
        RunicKind(id: "reflection", name: "reflection", slot: .armor, rule: .reflection),
        RunicKind(id: "respiration", name: "respiration", slot: .armor, rule: .respiration),
        RunicKind(id: "dampening", name: "dampening", slot: .armor, rule: .dampening),
        RunicKind(id: "burden", name: "burden", slot: .armor, bad: true, rule: .burden),
        RunicKind(id: "vulnerability", name: "vulnerability", slot: .armor, bad: true, rule: .vulnerability, amount: 100),
        RunicKind(id: "immolation", name: "immolation", slot: .armor, bad: true, rule: .immolation, terrain: "burning-grass"),
    ]

    static let catalog: ContentCatalog = {
        let a = ArsenalCatalog.shared
        let trap = TerrainKind(
            id: "paralysis-trap",
            name: "paralysis trap",
            glyph: "^",
            asciiGlyph: "^",
            foreground: .white,
            background: .black,
            layer: .surface,
            flags: [.isTrap],
            drawPriority: 40,
            trap: .paralysis
        )
        do {
            return try ContentCatalog(
                terrains: a.terrains + [trap],
                monsters: a.monsters,
                items: a.items,
                spawns: a.spawns,
                player: a.player,
                appearances: a.appearances,
                bolts: a.bolts,
                runics: runics
            )
        } catch {
            fatalError("runic catalog is invalid: \(error)")
        }
    }()

    let catalog = RunicTests.catalog
    let east = Point(21, 10)

    /// The arena with the runic `id` on the player's dagger or leather armor; returns the game and the item's letter.
    func arena(_ id: String) -> (Game, Letter) {
        var game = ArsenalCatalog.arena(catalog: catalog)
        let index = catalog.runicIndexByID[id]!
        let letter = catalog.runics[index].slot == .weapon ? game.inventory.weapon! : game.inventory.armor!
        game.inventory[letter]!.runic = index + 1
        return (game, letter)
    }

    /// Monster `i` strikes the player until a blow lands (at most 50 tries); the events of the blow that landed.
    func blowLands(_ game: inout Game, from i: Int) -> [GameEvent] {
        for _ in 0..<50 {
            var events: [GameEvent] = []
            game.player.hp = game.player.maxHP
            game.monsterAttack(i, &events)
            if events.contains(where: { if case .attacked(_, 0, _, true) = $0 { true } else { false } }) { return events }
        }
        Issue.record("no blow landed in 50 tries")
        return []
    }

    /// The damage the player took in a blow's events.
    func damageToPlayer(_ events: [GameEvent]) -> Int {
        events.compactMap { if case .attacked(_, 0, let d, true) = $0 { d } else { nil } }.first ?? -1
    }

    // MARK: - Weapons

    @Test func speed_theBlowTakesNoTime() {
        var (game, dagger) = arena("speed")
        _ = ArsenalCatalog.place("ogre", at: east, in: &game)
        let ticks = game.ticks
        _ = game.apply(.move(.east))
        #expect(game.ticks == ticks)
        #expect(game.inventory[dagger]!.runicKnown)
        #expect(game.displayName(game.inventory[dagger]!).hasSuffix("dagger of speed"))
    }

    @Test func quietus_killsOutright() {
        var (game, _) = arena("quietus")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        let id = game.monsters[m].id
        let events = game.apply(.move(.east))
        #expect(events.contains { if case .died(id, _) = $0 { true } else { false } }, "a dagger does 9-12 to a sleeping ogre of 55")
    }

    @Test func paralysis_freezesTheMonsterHit() {
        var (game, _) = arena("paralysis")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        _ = game.apply(.move(.east))
        #expect(game.monsters[m].status.paralyzed >= 9)
    }

    @Test func multiplicity_callsUpSpectralBladesThatFadeAfterTheirTurns() {
        var (game, _) = arena("multiplicity")
        _ = ArsenalCatalog.place("ogre", at: east, in: &game)
        let events = game.apply(.move(.east))
        let blade = catalog.monsterIndexByID["spectral-blade"]!
        #expect(game.monsters.filter { $0.kind == blade && $0.state == .ally }.count == 3, "\(events)")
        for _ in 0..<4 { _ = game.apply(.search) }
        #expect(!game.monsters.contains { $0.kind == blade && $0.hp > 0 })
    }

    @Test func slowing_slowsTheMonsterHit() {
        var (game, _) = arena("slowing")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        _ = game.apply(.move(.east))
        #expect(game.monsters[m].status.slowed >= 9)
    }

    @Test func confusion_confusesTheMonsterHit() {
        var (game, _) = arena("confusion")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        _ = game.apply(.move(.east))
        #expect(game.monsters[m].status.confused >= 7)
    }

    @Test func force_hurlsTheMonsterBackUntilSomethingStopsIt() {
        var (game, _) = arena("force")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        let id = game.monsters[m].id
        _ = ArsenalCatalog.place("rat", at: Point(24, 10), in: &game)
        let events = game.apply(.move(.east))
        #expect(events.contains(.moved(creature: id, from: east, to: Point(23, 10))), "4 cells, but a rat stands at 24")
        var (open, _) = arena("force")
        let o = ArsenalCatalog.place("ogre", at: east, in: &open)
        let openEvents = open.apply(.move(.east))
        #expect(openEvents.contains(.moved(creature: open.monsters[o].id, from: east, to: Point(25, 10))))
    }

    @Test func slaying_killsItsMonsterClassOutrightAndNoOther() {
        var (game, _) = arena("ogre-slaying")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        let id = game.monsters[m].id
        let events = game.apply(.move(.east))
        #expect(events.contains { if case .died(id, _) = $0 { true } else { false } })
        var (other, _) = arena("ogre-slaying")
        let g = ArsenalCatalog.place("goblin", at: east, in: &other, state: .hunting)
        other.monsters[g].hp = 100
        other.monsters[g].maxHP = 100
        for _ in 0..<5 { _ = other.apply(.move(.east)) }
        #expect(other.monsters[g].hp > 50, "a goblin is no ogre: it takes a dagger's blows")
    }

    @Test func mercy_healsTheMonsterHit() {
        var (game, _) = arena("mercy")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game)
        game.monsters[m].hp = 30
        _ = game.apply(.move(.east))
        #expect(game.monsters[m].hp >= 30 - 12 + 27, "hit for at most 12, healed 50% of 55")
    }

    @Test func plenty_splitsTheMonsterHit() {
        var (game, _) = arena("plenty")
        _ = ArsenalCatalog.place("ogre", at: east, in: &game)
        let ogre = catalog.monsterIndexByID["ogre"]!
        _ = game.apply(.move(.east))
        #expect(game.monsters.filter { $0.kind == ogre && $0.hp > 0 }.count == 2)
    }

    // MARK: - Armor

    @Test func armorMultiplicity_callsUpBladesWhenStruck() {
        var (game, _) = arena("armor-multiplicity")
        let m = ArsenalCatalog.place("goblin", at: east, in: &game, state: .hunting)
        _ = blowLands(&game, from: m)
        let blade = catalog.monsterIndexByID["spectral-blade"]!
        #expect(game.monsters.filter { $0.kind == blade && $0.state == .ally }.count >= 2)
    }

    @Test func mutuality_sharesABlowWithTheOtherFoesBeside() {
        var (game, _) = arena("mutuality")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game, state: .hunting)
        let other = ArsenalCatalog.place("ogre", at: Point(19, 10), in: &game, state: .hunting)
        var plain = game
        plain.inventory[plain.inventory.armor!]!.runic = 0
        let shared = damageToPlayer(blowLands(&game, from: m))
        let full = damageToPlayer(blowLands(&plain, from: m))
        #expect(full >= 9)
        #expect(shared == full - full / 2, "the other ogre takes half")
        #expect(game.monsters[other].hp == 55 - full / 2)
    }

    @Test func absorption_lessensEachBlow() {
        var (game, _) = arena("absorption")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game, state: .hunting)
        #expect(damageToPlayer(blowLands(&game, from: m)) == 1, "an ogre's 9-13 less 100, but a blow that lands does 1")
    }

    @Test func reprisal_strikesTheAttackerBack() {
        var (game, _) = arena("reprisal")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game, state: .hunting)
        let damage = damageToPlayer(blowLands(&game, from: m))
        #expect(game.monsters[m].hp == 55 - damage / 2)
    }

    @Test func immunity_blowsOfItsMonsterClassDoNothing() {
        var (game, armor) = arena("goblin-immunity")
        let g = ArsenalCatalog.place("goblin", at: east, in: &game, state: .hunting)
        #expect(damageToPlayer(blowLands(&game, from: g)) == 0)
        #expect(game.inventory[armor]!.runicKnown)
        let o = ArsenalCatalog.place("ogre", at: Point(19, 10), in: &game, state: .hunting)
        #expect(damageToPlayer(blowLands(&game, from: o)) >= 9)
    }

    @Test func reflection_sendsABoltBackAtItsCaster() {
        var (game, _) = arena("reflection")
        let m = ArsenalCatalog.place("ogre", at: Point(25, 10), in: &game, state: .hunting)
        var events: [GameEvent] = []
        game.monsterCasts(catalog.boltIndexByID["firebolt"]!, by: m, at: game.player.position, &events)
        #expect(game.player.hp == game.player.maxHP)
        #expect(game.monsters[m].hp < 55)
        #expect(
            events.contains(.bolt(kind: catalog.boltIndexByID["firebolt"]!, path: (21...25).map { Point($0, 10) })),
            "back from the player to the ogre"
        )
    }

    @Test func respiration_keepsTrapGasOut() {
        var (game, _) = arena("respiration")
        game.level.setTerrain(catalog.terrainIndexByID["paralysis-trap"], layer: .surface, at: east, catalog: catalog)
        let m = ArsenalCatalog.place("goblin", at: Point(22, 10), in: &game)
        _ = game.apply(.move(.east))
        #expect(game.player.status.paralyzed == 0)
        #expect(game.monsters[m].status.paralyzed > 0, "the gas is there: the goblin breathes it")
    }

    @Test func dampening_fireAndLavaDoNotBurn() {
        var (game, _) = arena("dampening")
        game.level.setTerrain(catalog.terrainIndexByID["lava"], layer: .liquid, at: east, catalog: catalog)
        _ = game.apply(.move(.east))
        #expect(game.outcome == .playing)
        game.level.setTerrain(catalog.terrainIndexByID["burning-grass"], layer: .surface, at: game.player.position, catalog: catalog)
        _ = game.apply(.search)
        #expect(game.player.hp == game.player.maxHP)
    }

    @Test func burden_theArmorGrowsHeavier() {
        var (game, armor) = arena("burden")
        let m = ArsenalCatalog.place("goblin", at: east, in: &game, state: .hunting)
        let before = game.playerDefense
        _ = blowLands(&game, from: m)
        #expect(game.inventory[armor]!.enchant == -1)
        #expect(game.playerDefense == before - 10)
    }

    @Test func vulnerability_blowsStrikeHarder() {
        var (game, _) = arena("vulnerability")
        let m = ArsenalCatalog.place("ogre", at: east, in: &game, state: .hunting)
        var plain = game
        plain.inventory[plain.inventory.armor!]!.runic = 0
        let full = damageToPlayer(blowLands(&plain, from: m))
        #expect(damageToPlayer(blowLands(&game, from: m)) == 2 * full)
    }

    @Test func immolation_setsFireAllAround() {
        var (game, _) = arena("immolation")
        let m = ArsenalCatalog.place("goblin", at: east, in: &game, state: .hunting)
        _ = blowLands(&game, from: m)
        let fire = catalog.terrainIndexByID["burning-grass"]!
        for d in Direction.allCases { #expect(game.level.terrain(.surface, at: game.player.position + d.offset) == fire, "\(d)") }
    }

    // MARK: - Knowing, chance, generation

    @Test func aRunicIsHiddenUntilItActsOrIsIdentified() {
        var (game, armor) = arena("reprisal")
        #expect(game.displayName(game.inventory[armor]!) == "a +0 leather armor")
        let scroll = game.inventory.add(Item(kind: catalog.itemIndexByID["identify"]!), catalog: catalog)!
        _ = game.apply(.read(scroll, target: armor))
        #expect(game.displayName(game.inventory[armor]!) == "a +0 leather armor of reprisal")
    }

    @Test func theChanceGrowsWithEnchantmentOfEitherSign() {
        let r = RunicKind(id: "x", name: "x", slot: .weapon, rule: .quietus, chance: 5, chancePerEnchant: 3)
        #expect(r.chance(enchant: 0) == 5)
        #expect(r.chance(enchant: 3) == 14)
        #expect(r.chance(enchant: -2) == 11)
        #expect(RunicKind(id: "y", name: "y", slot: .weapon, rule: .speed, chance: 90, chancePerEnchant: 10).chance(enchant: 5) == 100)
    }

    @Test func generatedWeaponsAndArmorsCarryGoodRunicsWhenEnchantedUpAndBadOnesWhenDown() {
        var game = ArsenalCatalog.arena(catalog: catalog)
        var good = 0
        var bad = 0
        var plain = 0
        for _ in 0..<2000 {
            for id in ["sword", "chain-mail"] {
                let item = game.rollItem(catalog.itemIndexByID[id]!)
                guard let r = game.runic(of: item) else {
                    plain += 1
                    continue
                }
                #expect(r.slot == (id == "sword" ? .weapon : .armor))
                #expect(r.bad == (item.enchant < 0), "\(r.id) on enchantment \(item.enchant)")
                #expect(!item.runicKnown)
                if r.bad { bad += 1 } else { good += 1 }
            }
        }
        #expect(good > 200 && bad > 50 && plain > 2500, "good \(good), bad \(bad), plain \(plain)")
        let darts = (0..<500).map { _ in game.rollItem(catalog.itemIndexByID["dart"]!) }
        #expect(darts.allSatisfy { $0.runic == 0 })
    }
}
