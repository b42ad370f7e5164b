@testable import BrogueCore

/// The shared test catalog plus every staff and wand, their bolts, flammable grass that burns,
/// green crystal and spectral blades; and an arena to zap in.
enum ArsenalCatalog {
    static let shared: ContentCatalog = make()

    static let staffs: [(String, BoltKind)] = [
        ("firebolt", BoltKind(id: "firebolt", name: "firebolt", effect: .damage, damage: DamageRange(min: 3, max: 9), lights: "burning-grass")),
        (
            "lightning",
            BoltKind(id: "lightning", name: "lightning", passesThroughCreatures: true, effect: .damage, damage: DamageRange(min: 3, max: 9))
        ),
        ("poison", BoltKind(id: "poison", name: "poison bolt", effect: .poison, turns: 5)),
        ("tunneling", BoltKind(id: "tunneling", name: "tunneling bolt", effect: .tunnel, amount: 3)),
        ("blinking", BoltKind(id: "blinking", name: "blink", effect: .blink, amount: 3)),
        ("entrancement", BoltKind(id: "entrancement", name: "entrancement", effect: .entrance, turns: 4)),
        ("obstruction", BoltKind(id: "obstruction", name: "obstruction", effect: .obstruct, turns: 20, amount: 5, terrain: "forcefield")),
        ("discord", BoltKind(id: "discord", name: "discord", effect: .discord, turns: 5)),
        ("conjuration", BoltKind(id: "conjuration", name: "conjuration", effect: .conjure, turns: 15, amount: 3, summons: "spectral-blade")),
        ("healing", BoltKind(id: "healing", name: "healing", effect: .heal, amount: 15)),
        ("haste-other", BoltKind(id: "haste-other", name: "haste other", effect: .haste, turns: 4)),
        ("protection", BoltKind(id: "protection", name: "protection", effect: .protect, turns: 20, amount: 7)),
        ("slowness", BoltKind(id: "slowness", name: "slowness", effect: .slow, turns: 5)),
    ]

    static let wands: [(String, BoltKind, ClosedRange<Int>)] = [
        ("teleport-other", BoltKind(id: "teleport-other", name: "teleport other", effect: .teleportOther), 3...5),
        ("slowness", BoltKind(id: "slowness", name: "slowness", effect: .slow, turns: 5), 2...5),
        ("polymorph", BoltKind(id: "polymorph", name: "polymorph", effect: .polymorph), 3...5),
        ("negation", BoltKind(id: "negation", name: "negation", effect: .negate), 4...6),
        ("domination", BoltKind(id: "domination", name: "domination", effect: .dominate), 1...2),
        ("beckoning", BoltKind(id: "beckoning", name: "beckoning", effect: .beckon), 2...4),
        ("plenty", BoltKind(id: "plenty", name: "plenty", effect: .plenty), 1...2),
        ("invisibility", BoltKind(id: "invisibility", name: "invisibility", effect: .invisibility, turns: 8), 3...5),
        ("empowerment", BoltKind(id: "empowerment", name: "empowerment", effect: .empower), 1...1),
    ]

    /// Every ring power, with the `power` the core gives it.
    static let rings: [(RingPower, Int)] = [
        (.clairvoyance, 5), (.stealth, 1), (.regeneration, 1), (.transference, 10), (.light, 1), (.awareness, 10), (.wisdom, 1), (.reaping, 1),
    ]

    /// Every charm: id, effect (or nil for the guardian, which casts a bolt), power, recharge at level 1.
    static let charms: [(String, ItemEffect?, Int, Int)] = [
        ("health", .heal, 30, 2500), ("protection", .protection, 10, 1000), ("haste", .haste, 10, 800),
        ("invisibility", .invisibility, 5, 800), ("telepathy", .telepathy, 25, 800), ("levitation", .levitation, 10, 800),
        ("shattering", .shattering, 2, 2500), ("guardian", nil, 0, 700), ("teleportation", .teleport, 0, 1000),
        ("recharging", .recharging, 0, 10000), ("negation", .negation, 0, 2500), ("fear-immunity", .fearImmunity, 10, 800),
    ]

    /// The potions and scrolls whose effects charms share: id, category, effect, power.
    static let potionsAndScrolls: [(String, ItemCategory, ItemEffect, Int)] = [
        ("potion-of-levitation", .potion, .levitation, 30), ("potion-of-fire-immunity", .potion, .fireImmunity, 150),
        ("scroll-of-recharging", .scroll, .recharging, 0), ("scroll-of-negation", .scroll, .negation, 0),
        ("scroll-of-shattering", .scroll, .shattering, 5), ("scroll-of-discord", .scroll, .discord, 30),
        ("scroll-of-remove-curse", .scroll, .removeCurse, 0), ("potion-of-extra-healing", .potion, .extraHealing, 100),
    ]

    /// The catalog where the player also starts with `kit` and staffs and wands lie about the dungeon.
    static let armed: ContentCatalog = make(kit: ["staff-of-firebolt", "staff-of-conjuration", "wand-of-slowness", "staff-of-entrancement"])

    static func make(kit: [String] = []) -> ContentCatalog {
        let base = TestCatalog.shared
        var terrains = base.terrains.map { t -> TerrainKind in
            var t = t
            if t.id == "grass" { t.flags.insert(.isFlammable) }
            return t
        }
        var fire = TestCatalog.terrain("burning-grass", "^", .surface, [.causesDamage, .glows])
        fire.damage = DamageRange(min: 2, max: 5)
        fire.decaysTo = "ashes"
        fire.decayTurns = 3...6
        terrains += [fire, TestCatalog.terrain("ashes", ".", .surface), TestCatalog.terrain("forcefield", "#", .surface, [.blocksMovement])]
        terrains.append(TestCatalog.terrain("chasm", ":", .liquid, [.isLiquid, .autoDescent]))
        terrains.append(TestCatalog.terrain("lava", "~", .liquid, [.isLiquid, .lethalFire]))
        let blade = MonsterKind(
            id: "spectral-blade",
            name: "spectral blade",
            glyph: "|",
            color: .white,
            hp: 1,
            defense: 0,
            accuracy: 70,
            damage: DamageRange(min: 1, max: 1),
            movementDuration: 50,
            regenTurns: 0,
            xp: 0,
            flags: [.flies]
        )
        var bolts =
            staffs.map(\.1) + [
                BoltKind(id: "guardian-spirit", name: "guardian spirit", effect: .conjure, turns: 15, amount: 1, summons: "spectral-blade"),
                BoltKind(id: "dread", name: "wave of dread", effect: .frighten, turns: 3),
            ]
        for (_, bolt, _) in wands where !bolts.contains(where: { $0.id == bolt.id }) { bolts.append(bolt) }
        var items: [ItemKind] = base.items
        items +=
            staffs.map {
                ItemKind(id: "staff-of-\($0.0)", name: "staff of \($0.1.name)", category: .staff, bolt: $0.1.id, charges: 2...2, recharge: 500)
            }
            + wands.map { ItemKind(id: "wand-of-\($0.0)", name: "wand of \($0.1.name)", category: .wand, power: 2, bolt: $0.1.id, charges: $0.2) }
        items += rings.map {
            ItemKind(id: "ring-of-\($0.0.rawValue)", name: "ring of \($0.0.rawValue)", category: .ring, power: $0.1, charges: 1...3, ring: $0.0)
        }
        items += charms.map {
            ItemKind(
                id: "\($0.0)-charm",
                name: "\($0.0) charm",
                category: .charm,
                effect: $0.1?.rawValue,
                power: $0.2,
                bolt: $0.1 == nil ? "guardian-spirit" : nil,
                charges: 1...3,
                recharge: $0.3
            )
        }
        items += potionsAndScrolls.map { (id, category, effect, power) in
            ItemKind(id: id, name: id.split(separator: "-").joined(separator: " "), category: category, effect: effect.rawValue, power: power)
        }
        var player = base.player
        player.startingItems += kit.map { StartingItem(kind: $0) }
        var spawns = base.spawns
        if !kit.isEmpty {
            spawns = SpawnRules(
                monsters: spawns.monsters,
                items: spawns.items
                    + items.filter { [ItemCategory.staff, .wand, .ring, .charm].contains($0.category) }.map {
                        SpawnEntry(kind: $0.id, depths: 1...26, weight: 10)
                    },
                population: spawns.population
            )
        }
        do {
            return try ContentCatalog(
                terrains: terrains,
                monsters: base.monsters + [blade],
                items: items,
                spawns: spawns,
                player: player,
                appearances: Appearances(
                    potionColors: base.appearances.potionColors + [
                        Appearances.PotionColor(name: "amber", color: .white), Appearances.PotionColor(name: "smoky", color: .white),
                        Appearances.PotionColor(name: "opal", color: .white),
                    ],
                    scrollSyllables: base.appearances.scrollSyllables
                ),
                bolts: bolts
            )
        } catch {
            fatalError("arsenal catalog is invalid: \(error)")
        }
    }

    /// A game of `catalog` with no monsters or items, in a room of bare floor from (10, 5) to (40, 15)
    /// carved into depth 1, the player at (20, 10).
    static func arena(seed: UInt64 = 1, catalog: ContentCatalog = shared) -> Game {
        var game = Game(seed: seed, catalog: catalog)
        game.monsters.removeAll()
        game.level.items.removeAll()
        for y in 4...16 {
            for x in 9...41 {
                let p = Point(x, y)
                let room = (10...40).contains(x) && (5...15).contains(y)
                game.level.setTerrain(room ? catalog.roles.floor : catalog.roles.wall, layer: .dungeon, at: p, catalog: catalog)
                for layer in [TerrainLayer.liquid, .surface, .gas] { game.level.setTerrain(nil, layer: layer, at: p, catalog: catalog) }
            }
        }
        game.player.position = Point(20, 10)
        game.scratch.invalidate()
        game.scratch.epoch += 1
        game.scratch.waypointDepth = 0
        game.updateVision()
        return game
    }

    /// Gives the player a staff (at its level 2, full) or wand (full) of kind `id`, or a ring or a
    /// ready charm at level `level`; returns its letter.
    static func give(_ id: String, to game: inout Game, level: Int = 2) -> Letter {
        let kind = game.catalog.itemIndexByID[id]!
        var item = Item(kind: kind)
        switch game.catalog.items[kind].category {
        case .staff:
            item.enchant = 2
            item.charges = 2
        case .ring:
            item.enchant = level
        case .charm:
            item.enchant = level
            item.charges = 1
            item.enchantKnown = true
        default:
            item.charges = game.catalog.items[kind].charges.upperBound
        }
        return game.inventory.add(item, catalog: game.catalog)!
    }

    /// Places a monster of kind `id` exactly at `p` (which must be free); returns its index.
    static func place(_ id: String, at p: Point, in game: inout Game, state: MonsterState = .sleeping) -> Int {
        game.summon(id, near: p, state: state)
        precondition(game.monsters.last!.position == p, "\(p) was not free")
        return game.monsters.count - 1
    }
}
