import BrogueCore

/// A small catalog built in Swift, so the rules are tested without the YAML loader.
enum TestCatalog {
    static let shared: ContentCatalog = make()

    static func terrain(
        _ id: String,
        _ glyph: Character,
        _ layer: TerrainLayer = .dungeon,
        _ flags: TerrainFlags = [],
        discoverAs: String? = nil
    ) -> TerrainKind {
        TerrainKind(
            id: id,
            name: id,
            glyph: glyph,
            asciiGlyph: glyph,
            foreground: .white,
            background: .black,
            layer: layer,
            flags: flags,
            drawPriority: 50,
            discoverAs: discoverAs
        )
    }

    /// Terrain that blocks like a wall.
    static let wall: TerrainFlags = [.blocksMovement, .blocksVision, .blocksDiagonal]

    /// `t`, turning into the terrain `id` when its machine fires.
    static func promoting(_ t: TerrainKind, to id: String) -> TerrainKind {
        var t = t
        t.promotesTo = id
        return t
    }

    static var machineTerrains: [TerrainKind] {
        [
            terrain("altar", "|"),
            promoting(terrain("altar-cage-open", "|", .dungeon, [.isWired, .firesOnPickup]), to: "altar-caged"),
            terrain("altar-caged", "#", .dungeon, [.holdsItem]),
            promoting(terrain("altar-switch", "|", .dungeon, [.isWired, .firesOnPickup]), to: "altar"),
            promoting(terrain("locked-door", "+", .dungeon, [.isLocked, .blocksMovement, .blocksVision]), to: "vault-door"),
            terrain("vault-door", "'", .dungeon, [.isDoor]),
            promoting(terrain("portcullis", "#", .dungeon, [.isWired, .blocksMovement]), to: "portcullis-raised"),
            terrain("portcullis-raised", "."),
            promoting(terrain("lever", "/", .dungeon, wall.union([.isWired, .firesOnBump])), to: "lever-pulled"),
            terrain("lever-pulled", "\\", .dungeon, wall),
            terrain("statue", "&", .dungeon, wall),
        ] + machineEffectTerrains
    }

    /// Plates, vents, sluices, cages and crumbling ground: the machine parts of `Game+MachineEffects`.
    static var machineEffectTerrains: [TerrainKind] {
        var ventOpen = terrain("paralysis-vent-open", "=")
        ventOpen.release = TerrainRelease(terrain: "paralytic-gas", radius: 5, turns: 12...18)
        var gas = terrain("paralytic-gas", "%", .gas)
        gas.breathed = .paralysis
        var sluiceOpen = terrain("sluice-open", "=")
        sluiceOpen.release = TerrainRelease(terrain: "flood-water", radius: 7, turns: 3...3)
        var flood = terrain("flood-water", "~", .liquid, [.isLiquid, .isDeep])
        flood.decaysTo = "shallow-water"
        var hidden = promoting(terrain("hidden-pressure-plate", ".", .dungeon, [.isSecret, .isWired, .firesOnStep]), to: "pressure-plate-pressed")
        hidden.discoverAs = "pressure-plate"
        return [
            promoting(terrain("pressure-plate", "^", .dungeon, [.isWired, .firesOnStep]), to: "pressure-plate-pressed"),
            terrain("pressure-plate-pressed", "_"),
            hidden,
            promoting(terrain("paralysis-vent", "=", .dungeon, [.isWired]), to: "paralysis-vent-open"),
            ventOpen,
            gas,
            promoting(terrain("sluice", "=", .dungeon, [.isWired]), to: "sluice-open"),
            sluiceOpen,
            flood,
            promoting(terrain("cracked-ground", ".", .liquid, [.isWired]), to: "chasm"),
            terrain("chasm", ":", .liquid, [.isLiquid, .autoDescent]),
            promoting(terrain("monster-cage", "#", .dungeon, [.isWired, .blocksMovement]), to: "cage-open"),
            terrain("cage-open", "."),
            promoting(terrain("tunnel-wall", "#", .dungeon, wall.union(.isWired)), to: "rubble-floor"),
            terrain("rubble-floor", "."),
        ]
    }

    /// - Parameter extraItems: item ids the player also starts with.
    /// The shared catalog plus deep water and glowing fungus, with `generators` as its profiles.
    static func withLakes(generators: [GeneratorProfile]) -> ContentCatalog {
        make(lakes: true, generators: generators)
    }

    /// The shared catalog plus the terrain, key and guardian that machines use, with
    /// `blueprints` as its only blueprints and `machines` tried per level.
    static func withMachines(_ blueprints: [Blueprint], machines: Int = 3) -> ContentCatalog {
        let profile = GeneratorProfile(
            id: "machines",
            depths: 1...26,
            entrance: GeneratorProfile.builtIn.entrance,
            rooms: GeneratorProfile.builtIn.rooms,
            lakes: [LakeSpec(deep: "deep-water", shallow: "shallow-water", chance: DepthCurve(start: 40, end: 40))],
            machines: DepthCurve(start: machines, end: machines)
        )
        return make(lakes: true, generators: [profile], blueprints: blueprints)
    }

    static func make(
        extraItems: [String] = [],
        lakes: Bool = false,
        generators: [GeneratorProfile] = [],
        blueprints: [Blueprint] = []
    ) -> ContentCatalog {
        let terrains =
            [
                terrain("granite", " ", .dungeon, wall.union(.isImpregnable)),
                terrain("wall", "#", .dungeon, wall),
                terrain("floor", "."),
                terrain("door", "+", .dungeon, [.blocksVision, .isDoor]),
                terrain("secret-door", "#", .dungeon, wall.union(.isSecret), discoverAs: "door"),
                terrain("up-stairs", "<", .dungeon, [.stairsUp]),
                terrain("down-stairs", ">", .dungeon, [.stairsDown]),
                terrain("dungeon-exit", "<", .dungeon, [.stairsUp, .isDungeonExit]),
                terrain("torch-wall", "#", .dungeon, wall.union(.glows)),
                terrain("grass", "\"", .surface),
                terrain("shallow-water", "~", .liquid, [.isLiquid]),
            ] + (lakes ? [terrain("deep-water", "~", .liquid, [.isLiquid, .isDeep]), terrain("fungus", "\"", .surface, [.glows])] : [])
            + (blueprints.isEmpty ? [] : machineTerrains)
        let monsters =
            [
                MonsterKind(
                    id: "rat",
                    name: "rat",
                    glyph: "r",
                    color: .white,
                    hp: 6,
                    defense: 0,
                    accuracy: 80,
                    damage: DamageRange(min: 1, max: 3),
                    xp: 1
                ),
                MonsterKind(
                    id: "jackal",
                    name: "jackal",
                    glyph: "j",
                    color: .white,
                    hp: 8,
                    defense: 3,
                    accuracy: 70,
                    damage: DamageRange(min: 2, max: 4),
                    movementDuration: 50,
                    xp: 2
                ),
                MonsterKind(
                    id: "goblin",
                    name: "goblin",
                    glyph: "g",
                    color: .white,
                    hp: 15,
                    defense: 10,
                    accuracy: 70,
                    damage: DamageRange(min: 2, max: 5),
                    xp: 5,
                    flags: [.fleesNearDeath]
                ),
                MonsterKind(
                    id: "ogre",
                    name: "ogre",
                    glyph: "O",
                    color: .white,
                    hp: 55,
                    defense: 60,
                    accuracy: 125,
                    damage: DamageRange(min: 9, max: 13, clump: 2),
                    attackDuration: 200,
                    xp: 20
                ),
            ]
            + (blueprints.isEmpty
                ? []
                : [
                    MonsterKind(
                        id: "guardian",
                        name: "guardian",
                        glyph: "G",
                        color: .white,
                        hp: 1000,
                        defense: 0,
                        accuracy: 200,
                        damage: DamageRange(min: 12, max: 20),
                        movementDuration: 200,
                        regenTurns: 0,
                        xp: 0,
                        flags: [.invulnerable, .neverSleeps]
                    )
                ])
        let items =
            [
                ItemKind(id: "dagger", name: "dagger", category: .weapon, damage: DamageRange(min: 3, max: 4), strength: 12),
                ItemKind(id: "sword", name: "sword", category: .weapon, damage: DamageRange(min: 7, max: 9), strength: 14),
                ItemKind(
                    id: "dart",
                    name: "dart",
                    category: .weapon,
                    damage: DamageRange(min: 2, max: 4),
                    strength: 10,
                    throwable: true,
                    quantity: 3...8
                ),
                ItemKind(id: "leather-armor", name: "leather armor", category: .armor, strength: 10, armor: 30),
                ItemKind(id: "chain-mail", name: "chain mail", category: .armor, strength: 13, armor: 50),
                ItemKind(id: "healing", name: "potion of healing", category: .potion, effect: "heal", power: 100),
                ItemKind(id: "confusion", name: "potion of confusion", category: .potion, effect: "confusion", power: 10, malevolent: true),
                ItemKind(id: "telepathy", name: "potion of telepathy", category: .potion, effect: "telepathy", power: 300),
                ItemKind(id: "identify", name: "scroll of identify", category: .scroll, effect: "identify"),
                ItemKind(id: "enchanting", name: "scroll of enchanting", category: .scroll, effect: "enchant", power: 1),
                ItemKind(id: "magic-mapping", name: "scroll of magic mapping", category: .scroll, effect: "magic-mapping"),
                ItemKind(id: "food-ration", name: "food ration", category: .food, nutrition: 1800),
                ItemKind(id: "gold", name: "gold", category: .gold),
                ItemKind(id: "amulet-of-yendor", name: "Amulet of Yendor", category: .amulet),
            ] + (blueprints.isEmpty ? [] : [ItemKind(id: "vault-key", name: "vault key", category: .key)])
        let spawns = SpawnRules(
            monsters: [
                SpawnEntry(kind: "rat", depths: 1...8, weight: 30),
                SpawnEntry(kind: "jackal", depths: 1...10, weight: 20, group: 1...3),
                SpawnEntry(kind: "goblin", depths: 3...20, weight: 20, group: 1...2),
                SpawnEntry(kind: "ogre", depths: 7...26, weight: 15),
            ],
            items: items.filter { $0.category != .gold && $0.category != .amulet }.map { SpawnEntry(kind: $0.id, depths: 1...26, weight: 10) },
            population: [LevelPopulation(depths: 1...26, monsters: 3...7, items: 3...5, gold: 1...3)]
        )
        let player = PlayerKind(
            startingItems: [
                StartingItem(kind: "dagger", equipped: true),
                StartingItem(kind: "dart", quantity: 15),
                StartingItem(kind: "leather-armor", equipped: true),
                StartingItem(kind: "food-ration"),
            ] + extraItems.map { StartingItem(kind: $0) }
        )
        let appearances = Appearances(
            potionColors: ["pink", "blue", "green", "murky"].map { Appearances.PotionColor(name: $0, color: .white) },
            scrollSyllables: ["xo", "zan", "fel", "ru", "mit"]
        )
        do {
            return try ContentCatalog(
                terrains: terrains,
                monsters: monsters,
                items: items,
                spawns: spawns,
                player: player,
                appearances: appearances,
                generators: generators,
                blueprints: blueprints
            )
        } catch {
            fatalError("test catalog is invalid: \(error)")
        }
    }
}
