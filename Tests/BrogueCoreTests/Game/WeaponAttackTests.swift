import Testing

@testable import BrogueCore

/// The weapons' specials (axes sweep, spears pierce, sickles cut an arc, rapiers lunge, maces strike
/// slowly), each in a constructed situation in the bare arena with monsters placed by the test.
@Suite struct WeaponAttackTests {
    /// Each special on a weapon of its own, with the core's damage.
    static let weapons: [(String, WeaponAttack, DamageRange)] = [
        ("axe", .sweep, DamageRange(min: 7, max: 9)), ("spear", .pierce, DamageRange(min: 4, max: 5)),
        ("sickle", .arc, DamageRange(min: 5, max: 8)), ("rapier", .lunge, DamageRange(min: 3, max: 11)),
        ("mace", .slow, DamageRange(min: 16, max: 20)),
    ]

    static func make(wielding: String? = nil) -> ContentCatalog {
        let a = ArsenalCatalog.shared
        let items = weapons.map { w in
            var kind = ItemKind(id: w.0, name: w.0, category: .weapon, damage: w.2, strength: 10)
            kind.attack = w.1
            return kind
        }
        var player = a.player
        if let wielding {
            player.startingItems = player.startingItems.map { $0.kind == "dagger" ? StartingItem(kind: wielding, equipped: true) : $0 }
        }
        do {
            return try ContentCatalog(
                terrains: a.terrains,
                monsters: a.monsters,
                items: a.items + items,
                spawns: a.spawns,
                player: player,
                appearances: a.appearances,
                bolts: a.bolts
            )
        } catch {
            fatalError("weapons catalog is invalid: \(error)")
        }
    }

    static let catalog = make()

    /// An arena where the player wields `weapon` (at +0).
    func arena(wielding weapon: String, seed: UInt64 = 1) -> Game {
        var game = ArsenalCatalog.arena(seed: seed, catalog: WeaponAttackTests.catalog)
        game.inventory.weapon = game.inventory.add(Item(kind: game.catalog.itemIndexByID[weapon]!), catalog: game.catalog)!
        return game
    }

    /// Places an awake monster (no sneak attack) of kind `id` at `p`; returns its id.
    func place(_ id: String, at p: Point, in game: inout Game, state: MonsterState = .hunting) -> Int {
        game.monsters[ArsenalCatalog.place(id, at: p, in: &game, state: state)].id
    }

    /// The player's blows in `events`: who was struck, whether it landed and for how much.
    func blows(_ events: [GameEvent]) -> [(defender: Int, damage: Int, hit: Bool)] {
        events.compactMap { if case .attacked(0, let d, let damage, let hit) = $0 { (d, damage, hit) } else { nil } }
    }

    func messages(_ events: [GameEvent]) -> [String] {
        events.compactMap { if case .message(let text, _) = $0 { text } else { nil } }
    }

    @Test func axe_sweepsThroughEveryEnemyBesideTheWielder_targetFirst_neverAnAlly() {
        var game = arena(wielding: "axe")
        let target = place("ogre", at: Point(21, 10), in: &game)
        let north = place("goblin", at: Point(20, 9), in: &game)
        let southWest = place("ogre", at: Point(19, 11), in: &game)
        let ally = place("goblin", at: Point(21, 11), in: &game, state: .ally)
        let far = place("goblin", at: Point(22, 10), in: &game)
        let before = game.ticks
        let events = game.apply(.move(.east))
        let struck = blows(events)
        #expect(struck.map(\.defender) == [target, north, southWest])
        #expect(!struck.contains { $0.defender == ally || $0.defender == far })
        #expect(struck.filter(\.hit).allSatisfy { (7...9).contains($0.damage) }, "\(struck)")
        #expect(messages(events).first == "You sweep through the ogre, the goblin and the ogre.")
        #expect(game.player.position == Point(20, 10))
        #expect(game.ticks - before == 100)
    }

    @Test func axe_withOneEnemyBesideIsAPlainBlow() {
        var game = arena(wielding: "axe")
        let target = place("ogre", at: Point(21, 10), in: &game)
        let events = game.apply(.move(.east))
        #expect(blows(events).map(\.defender) == [target])
        #expect(!messages(events).contains { $0.hasPrefix("You sweep") })
    }

    @Test func spear_piercesTheTargetAndTheEnemyDirectlyBehindIt() {
        var game = arena(wielding: "spear")
        let target = place("ogre", at: Point(21, 10), in: &game)
        let behind = place("jackal", at: Point(22, 10), in: &game)
        let further = place("goblin", at: Point(23, 10), in: &game)
        let aside = place("goblin", at: Point(21, 11), in: &game)
        let before = game.ticks
        let events = game.apply(.move(.east))
        let struck = blows(events)
        #expect(struck.map(\.defender) == [target, behind])
        #expect(!struck.contains { $0.defender == further || $0.defender == aside })
        #expect(struck.filter(\.hit).allSatisfy { (4...5).contains($0.damage) }, "\(struck)")
        #expect(messages(events).first == "You skewer the ogre and the jackal.")
        #expect(game.ticks - before == 100)
    }

    @Test func spear_neverPiercesIntoAnAlly() {
        var game = arena(wielding: "spear")
        let target = place("ogre", at: Point(21, 10), in: &game)
        _ = place("goblin", at: Point(22, 10), in: &game, state: .ally)
        #expect(blows(game.apply(.move(.east))).map(\.defender) == [target])
    }

    @Test func sickle_cutsAForwardArcOfThreeCells() {
        var game = arena(wielding: "sickle")
        let target = place("ogre", at: Point(21, 10), in: &game)
        let left = place("goblin", at: Point(21, 9), in: &game)
        let right = place("jackal", at: Point(21, 11), in: &game)
        let north = place("goblin", at: Point(20, 9), in: &game)
        let behind = place("goblin", at: Point(22, 10), in: &game)
        let before = game.ticks
        let events = game.apply(.move(.east))
        let struck = blows(events)
        #expect(struck.map(\.defender) == [target, left, right])
        #expect(!struck.contains { $0.defender == north || $0.defender == behind })
        #expect(struck.filter(\.hit).allSatisfy { (5...8).contains($0.damage) }, "\(struck)")
        #expect(messages(events).first == "You cut through the ogre, the goblin and the jackal.")
        #expect(game.ticks - before == 100)
    }

    @Test func sickle_struckDiagonallyCutsTheTwoOrthogonalCellsBesideIt() {
        var game = arena(wielding: "sickle")
        let target = place("ogre", at: Point(21, 9), in: &game)
        let north = place("goblin", at: Point(20, 9), in: &game)
        let east = place("goblin", at: Point(21, 10), in: &game)
        let south = place("goblin", at: Point(20, 11), in: &game)
        let struck = blows(game.apply(.move(.northEast))).map(\.defender)
        #expect(struck == [target, north, east])
        #expect(!struck.contains(south))
    }

    @Test func rapier_lungesAtAnEnemyTwoCellsAwayInLine_neverMissing_forTrebleDamage() {
        for seed in UInt64(1)...20 {
            var game = arena(wielding: "rapier", seed: seed)
            let ogre = place("ogre", at: Point(22, 10), in: &game)
            let before = game.ticks
            let events = game.apply(.move(.east))
            #expect(game.player.position == Point(21, 10), "the lunge is a step")
            let struck = blows(events)
            #expect(struck.count == 1 && struck[0].defender == ogre && struck[0].hit, "seed \(seed): \(struck)")
            #expect(struck.allSatisfy { (9...33).contains($0.damage) }, "seed \(seed): \(struck)")
            #expect(messages(events).contains("You lunge at the ogre!"))
            #expect(game.ticks - before == 100)
        }
    }

    @Test func rapier_doesNotLungeOutOfLineOrOutOfReach_andStrikesBesideAsPlainBlows() {
        for at in [Point(23, 10), Point(22, 11)] {
            var game = arena(wielding: "rapier")
            _ = place("ogre", at: at, in: &game)
            let events = game.apply(.move(.east))
            #expect(game.player.position == Point(21, 10), "\(at)")
            #expect(blows(events).isEmpty, "no lunge at \(at)")
        }
        var besides = 0
        for seed in UInt64(1)...20 {
            var game = arena(wielding: "rapier", seed: seed)
            let ogre = place("ogre", at: Point(21, 10), in: &game)
            let events = game.apply(.move(.east))
            #expect(!messages(events).contains { $0.hasPrefix("You lunge") })
            let struck = blows(events)
            #expect(struck.map(\.defender) == [ogre])
            #expect(struck.filter(\.hit).allSatisfy { (3...11).contains($0.damage) }, "seed \(seed): \(struck)")
            besides += struck.filter(\.hit).count
        }
        #expect(besides < 20, "a plain blow on an ogre (defense 60) misses sometimes")
    }

    @Test func mace_blowsTakeTwiceAsLong_stepsDoNot() {
        var game = arena(wielding: "mace")
        _ = place("ogre", at: Point(21, 10), in: &game)
        var before = game.ticks
        let events = game.apply(.move(.east))
        #expect(blows(events).count == 1)
        #expect(game.ticks - before == 200)
        before = game.ticks
        _ = game.apply(.move(.west))
        #expect(game.ticks - before == 100, "a step is a step")
        var sword = arena(wielding: "sword")
        _ = place("ogre", at: Point(21, 10), in: &sword)
        before = sword.ticks
        _ = sword.apply(.move(.east))
        #expect(sword.ticks - before == 100)
    }

    @Test func botGamesWieldingEachSpecialReplayToTheSameHash() {
        for (i, weapon) in WeaponAttackTests.weapons.enumerated() {
            let catalog = WeaponAttackTests.make(wielding: weapon.0)
            var blows = 0
            for seed in UInt64(1 + 10 * i)...UInt64(8 + 10 * i) {
                let run = Simulation.run(seed: seed, catalog: catalog, turns: 300, record: true)
                var replay = Game(seed: seed, catalog: catalog)
                for action in run.log {
                    guard let decoded = Action(encoded: action.encoded) else {
                        Issue.record("seed \(seed): \(action) does not survive its text form")
                        return
                    }
                    blows += self.blows(replay.apply(decoded)).count
                }
                #expect(replay.stateHash == run.stateHash, "\(weapon.0), seed \(seed)")
            }
            #expect(blows > 0, "the bot fought with the \(weapon.0)")
        }
    }
}
