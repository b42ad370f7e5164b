import BrogueContent
import BrogueCore
import Testing

@Suite("The core plugin")
struct CoreContentTests {
    @Test("loads with no errors and no warnings")
    func loadsCleanly() throws {
        let loaded = try ContentLoader().load(plugins: [corePlugin])
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        #expect(loaded.manifests.map(\.id) == ["core"])
        #expect(loaded.manifests.first?.version == "1.0.0")
    }

    @Test("has enough monsters and items, every item category, and the terrains the generator needs")
    func coversTheGame() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        #expect(catalog.monsters.count >= 20)
        #expect(catalog.items.count >= 30)
        let categories = Set(catalog.items.map(\.category))
        for category in ItemCategory.allCases { #expect(categories.contains(category), "no \(category) item") }
        for id in ContentCatalog.requiredTerrainIDs { #expect(catalog.terrainIndexByID[id] != nil, "no terrain '\(id)'") }
        let layers = Set(catalog.terrains.map(\.layer))
        #expect(layers == Set(TerrainLayer.allCases))
    }

    @Test("spawn tables reach every depth, and the amulet is not a random item")
    func spawnTables() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        for depth in 1...catalog.deepestLevel {
            #expect(catalog.spawns.population(at: depth) != nil)
            #expect(catalog.spawns.monsters.contains { $0.depths.contains(depth) && $0.weight > 0 }, "no monster at depth \(depth)")
            #expect(catalog.spawns.items.contains { $0.depths.contains(depth) && $0.weight > 0 }, "no item at depth \(depth)")
        }
        let amulets = Set(catalog.items.filter { $0.category == .amulet }.map(\.id))
        #expect(amulets == ["amulet-of-yendor"])
        #expect(!catalog.spawns.items.contains { amulets.contains($0.kind) })
    }

    @Test("numbers follow Brogue where the brief fixes them")
    func brogueNumbers() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        func monster(_ id: String) -> MonsterKind? { catalog.monsterIndexByID[id].map { catalog.monsters[$0] } }
        func item(_ id: String) -> ItemKind? { catalog.itemIndexByID[id].map { catalog.items[$0] } }
        #expect(monster("rat")?.hp == 6 && monster("rat")?.damage == DamageRange(min: 1, max: 3))
        #expect(monster("jackal")?.movementDuration == 50)
        #expect(monster("goblin")?.defense == 10 && monster("goblin")?.damage == DamageRange(min: 2, max: 5))
        #expect(monster("ogre")?.attackDuration == 200 && monster("ogre")?.accuracy == 125)
        #expect(monster("dragon")?.hp == 150 && monster("dragon")?.damage.max == 50)
        #expect(monster("arrow-turret")?.flags.contains(.immobile) == true)
        #expect(item("leather-armor")?.armor == 30 && item("plate-armor")?.strength == 19)
        #expect(item("food-ration")?.nutrition == 1800 && item("mango")?.nutrition == 1550)
        #expect(item("potion-of-healing")?.power == 100)
        #expect(item("darts")?.throwable == true)
        let player = catalog.player
        #expect(player.hp == 40 && player.stomach == 2150 && player.lightRadius == 3...9 && player.stealthRange == 14)
        #expect(player.startingItems.map(\.kind) == ["dagger", "darts", "leather-armor", "food-ration"])
        #expect(player.startingItems[1].quantity == 15 && player.startingItems[0].equipped && player.startingItems[2].equipped)
    }

    @Test("potion and scroll effects cover what the brief lists")
    func effects() throws {
        let catalog = try ContentLoader().load(plugins: [corePlugin]).catalog
        let effects = Set(catalog.items.compactMap(\.effect))
        let wanted: [ItemEffect] = [
            .heal, .telepathy, .detectMagic, .haste, .descent, .strength, .life, .incineration, .darkness, .confusion, .paralysis,
            .enchant, .identify, .teleport, .magicMapping, .aggravateMonsters, .summonMonsters,
        ]
        for effect in wanted { #expect(effects.contains(effect.rawValue), "no item with effect \(effect.rawValue)") }
    }

    @Test("every kind file is named after its id")
    func fileNames() throws {
        #expect(ContentLoader().validate(paths: [corePlugin]).isEmpty)
    }
}
