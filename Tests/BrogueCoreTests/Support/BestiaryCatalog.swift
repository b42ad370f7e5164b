@testable import BrogueCore

/// The arsenal catalog plus deep water and a monster for each ability and habit: a goblin
/// conjurer and mystic, a monkey, an eel, and small made-up kinds for the rest; and an arena.
enum BestiaryCatalog {
    static let shared: ContentCatalog = make()

    static func monster(_ id: String, hp: Int = 10, flags: MonsterFlags = [], abilities: [MonsterAbility] = []) -> MonsterKind {
        MonsterKind(
            id: id,
            name: String(id.map { $0 == "-" ? " " : $0 }),
            glyph: "m",
            color: .white,
            hp: hp,
            defense: 0,
            accuracy: 100,
            damage: DamageRange(min: 1, max: 3),
            xp: 3,
            flags: flags,
            abilities: abilities
        )
    }

    static let kinds: [MonsterKind] = [
        monster(
            "goblin-conjurer",
            flags: [.keepsDistance],
            abilities: [MonsterAbility(.summons, monster: "spectral-blade", count: 3...3, chance: 100, turns: 15)]
        ),
        monster("goblin-mystic", abilities: [MonsterAbility(.castsBolt, bolt: "protection", range: 7, chance: 100)]),
        monster("fire-caller", abilities: [MonsterAbility(.castsBolt, bolt: "firebolt", range: 7, chance: 100)]),
        monster("monkey", hp: 12, flags: [.fleesNearDeath], abilities: [MonsterAbility(.steals)]),
        monster("eel", hp: 18, flags: [.submerges, .neverSleeps]),
        monster("jelly", hp: 50, flags: [.splitsWhenHit]),
        monster("mirror-totem", hp: 30, flags: [.reflectsBolts, .immobile]),
        monster("wisp", flags: [.immuneToWeapons]),
        monster("whirler", flags: [.attacksAllAdjacent]),
        monster("bloat", hp: 4, abilities: [MonsterAbility(.diesInto, monster: "rat", count: 2...2)]),
        monster("pack-rat", abilities: [MonsterAbility(.carriesItem, chance: 100)]),
    ]

    /// The catalog whose levels have lakes and whose hordes are the ability kinds: conjurer packs,
    /// mystics, monkeys, eels, casters and splitters on every depth.
    static let haunted: ContentCatalog = make(
        spawns: [
            SpawnEntry(kind: "goblin-conjurer", depths: 1...26, weight: 20, followers: [HordeMember(kind: "goblin", count: 0...2)]),
            SpawnEntry(kind: "goblin-mystic", depths: 1...26, weight: 10, followers: [HordeMember(kind: "goblin", count: 1...1)]),
            SpawnEntry(kind: "monkey", depths: 1...26, weight: 15),
            SpawnEntry(kind: "eel", depths: 1...26, weight: 15),
            SpawnEntry(kind: "fire-caller", depths: 1...26, weight: 5),
            SpawnEntry(kind: "jelly", depths: 1...26, weight: 5),
            SpawnEntry(kind: "rat", depths: 1...26, weight: 20),
        ],
        lakes: true
    )

    static func make(
        spawns monsters: [SpawnEntry]? = nil,
        lakes: Bool = false,
        extraKinds: [MonsterKind] = [],
        extraTerrains: [TerrainKind] = []
    ) -> ContentCatalog {
        let base = ArsenalCatalog.shared
        var spawns = base.spawns
        if let monsters { spawns = SpawnRules(monsters: monsters, items: spawns.items, population: spawns.population) }
        let lake = LakeSpec(deep: "deep-water", shallow: "shallow-water", chance: DepthCurve(start: 70, end: 70))
        let profile = GeneratorProfile(
            id: "lakes",
            depths: 1...26,
            entrance: GeneratorProfile.builtIn.entrance,
            rooms: GeneratorProfile.builtIn.rooms,
            lakes: [lake]
        )
        var terrains = base.terrains + extraTerrains
        if !terrains.contains(where: { $0.id == "deep-water" }) {
            terrains.append(TestCatalog.terrain("deep-water", "~", .liquid, [.isLiquid, .isDeep]))
        }
        do {
            return try ContentCatalog(
                terrains: terrains,
                monsters: base.monsters + kinds + extraKinds,
                items: base.items,
                spawns: spawns,
                player: base.player,
                appearances: base.appearances,
                generators: lakes ? [profile] : [],
                bolts: base.bolts
            )
        } catch {
            fatalError("bestiary catalog is invalid: \(error)")
        }
    }

    /// A room of bare floor from (10, 5) to (40, 15) on depth 1 with no monsters or items, the
    /// player at (20, 10); `pond` cells become deep water.
    static func arena(seed: UInt64 = 1, pond: [Point] = [], catalog: ContentCatalog = shared) -> Game {
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
        let water = catalog.terrainIndexByID["deep-water"]!
        for p in pond { game.level.setTerrain(water, layer: .liquid, at: p, catalog: catalog) }
        game.player.position = Point(20, 10)
        game.scratch.invalidate()
        game.scratch.epoch += 1
        game.scratch.waypointDepth = 0
        game.updateVision()
        return game
    }

    /// Places a monster of kind `id` exactly at `p` (which must be free); returns its index.
    static func place(_ id: String, at p: Point, in game: inout Game, state: MonsterState = .hunting) -> Int {
        game.summon(id, near: p, state: state)
        precondition(game.monsters.last!.position == p, "\(p) was not free")
        return game.monsters.count - 1
    }
}
