/// A validated set of content: everything the rules need to run a game.
///
/// Built by `BrogueContent` from YAML, or directly by tests. Kinds keep the order they were
/// loaded in; the rules refer to them by index, and `contentHash` covers every field so a
/// saved game can tell when its content changed.
public struct ContentCatalog: Sendable {
    /// Terrain ids the level generator and rules place by name; content must define them.
    public static let requiredTerrainIDs = ["granite", "wall", "floor", "door", "secret-door", "up-stairs", "down-stairs", "dungeon-exit"]

    public let terrains: [TerrainKind]
    public let monsters: [MonsterKind]
    public let items: [ItemKind]
    public let spawns: SpawnRules
    public let player: PlayerKind
    public let appearances: Appearances
    /// Level generator profiles by depth range; empty means `GeneratorProfile.builtIn`.
    public let generators: [GeneratorProfile]
    /// Machines the generator may build, in load order.
    public let blueprints: [Blueprint]
    /// What staffs and wands zap, in load order.
    public let bolts: [BoltKind]
    /// Runics weapons and armors may carry, in load order; an item names one by index + 1.
    public let runics: [RunicKind]
    /// A stable 64-bit hash of all the content (and the names of its rule extensions), identical
    /// on every machine; with `covering(_:)`, also of the plugins (and native libraries) that made it.
    public internal(set) var contentHash: UInt64
    /// Rules added by plugins; empty for plain content. Set with `adding(_:)`.
    public private(set) var extensions = RuleExtensions()

    public let terrainIndexByID: [String: Int]
    public let monsterIndexByID: [String: Int]
    public let itemIndexByID: [String: Int]
    public let boltIndexByID: [String: Int]
    public let runicIndexByID: [String: Int]
    /// Indices of the terrains named in `requiredTerrainIDs`.
    public let roles: TerrainRoles

    /// Builds a catalog, checking what no single file can: unique ids, cross references and
    /// the terrains the rules need.
    /// - Throws: `CatalogError` listing every problem found.
    public init(
        terrains: [TerrainKind],
        monsters: [MonsterKind],
        items: [ItemKind],
        spawns: SpawnRules,
        player: PlayerKind,
        appearances: Appearances,
        generators: [GeneratorProfile] = [],
        blueprints: [Blueprint] = [],
        bolts: [BoltKind] = [],
        runics: [RunicKind] = []
    ) throws(CatalogError) {
        var problems: [String] = []
        func index<T>(_ kinds: [T], _ label: String, _ id: (T) -> String) -> [String: Int] {
            var map: [String: Int] = [:]
            for (i, k) in kinds.enumerated() {
                if map[id(k)] != nil { problems.append("duplicate \(label) id '\(id(k))'") } else { map[id(k)] = i }
            }
            return map
        }
        let t = index(terrains, "terrain") { $0.id }
        let m = index(monsters, "monster") { $0.id }
        let it = index(items, "item") { $0.id }
        let b = index(bolts, "bolt") { $0.id }
        let r = index(runics, "runic") { $0.id }
        for id in Self.requiredTerrainIDs where t[id] == nil {
            problems.append("content defines no terrain '\(id)', which the level generator needs")
        }
        for k in terrains {
            if let d = k.discoverAs, t[d] == nil { problems.append("terrain '\(k.id)' discovers as unknown terrain '\(d)'") }
            if let d = k.promotesTo, t[d] == nil { problems.append("terrain '\(k.id)' promotes to unknown terrain '\(d)'") }
            if k.promotesTo == nil && (k.flags.contains(.isWired) || k.flags.contains(.isLocked)) {
                problems.append("terrain '\(k.id)' is wired or locked but names no 'promotes-to' terrain")
            }
        }
        problems += TerrainKind.problems(terrains, indexByID: t)
        for e in spawns.monsters where m[e.kind] == nil { problems.append("spawn table names unknown monster '\(e.kind)'") }
        for e in spawns.monsters {
            for f in e.followers where m[f.kind] == nil { problems.append("horde of '\(e.kind)' names unknown follower '\(f.kind)'") }
        }
        for e in spawns.items where it[e.kind] == nil { problems.append("spawn table names unknown item '\(e.kind)'") }
        for s in player.startingItems where it[s.kind] == nil { problems.append("player starts with unknown item '\(s.kind)'") }
        for k in items where k.category == .potion || k.category == .scroll {
            // `<plugin-id>.<name>` effects come from plugins; `adding(_:)` checks that they exist.
            if let e = k.effect, ItemEffect(rawValue: e) == nil, !RuleExtensions.isQualified(e) {
                problems.append("item '\(k.id)' has unknown effect '\(e)'")
            }
        }
        if !items.contains(where: { $0.category == .amulet }) {
            problems.append("content defines no amulet item for depth \(spawns.dungeon.amuletDepth)")
        }
        if spawns.dungeon.depths > spawns.dungeon.amuletDepth && !items.contains(where: { $0.category == .gem }) {
            problems.append("the dungeon goes below the Amulet's depth \(spawns.dungeon.amuletDepth) but content defines no gem (lumenstone) item")
        }
        if !items.contains(where: { $0.category == .gold }) { problems.append("content defines no gold item") }
        problems += spawns.dungeon.problems
        for d in 1...max(1, min(spawns.dungeon.depths, Dungeon.deepestLevel)) where spawns.population(at: d) == nil {
            problems.append("no population line covers depth \(d)")
        }
        let potions = items.filter { $0.category == .potion }.count
        if appearances.potionColors.count < potions {
            problems.append("\(potions) potion kinds but only \(appearances.potionColors.count) potion colours to disguise them")
        }
        if appearances.scrollSyllables.count < 2 { problems.append("scroll titles need at least 2 syllables") }
        problems += GeneratorProfile.problems(generators, terrainIndexByID: t, terrains: terrains, depths: spawns.dungeon.depths)
        problems += Blueprint.problems(blueprints, terrainIndexByID: t, monsterIndexByID: m, itemIndexByID: it, items: items)
        problems += BoltKind.problems(bolts, items: items, boltIndexByID: b, terrainIndexByID: t, monsterIndexByID: m)
        problems += MonsterAbility.problems(monsters, boltIndexByID: b, bolts: bolts, monsterIndexByID: m, terrainIndexByID: t)
        problems += RunicKind.problems(runics, terrainIndexByID: t, monsterIndexByID: m)
        guard problems.isEmpty else { throw CatalogError(problems: problems) }

        self.terrains = terrains
        self.monsters = monsters
        self.items = items
        self.spawns = spawns
        self.player = player
        self.appearances = appearances
        self.generators = generators
        self.blueprints = blueprints
        self.bolts = bolts
        self.boltIndexByID = b
        self.runics = runics
        self.runicIndexByID = r
        self.terrainIndexByID = t
        self.monsterIndexByID = m
        self.itemIndexByID = it
        self.roles = TerrainRoles(
            granite: t["granite"]!,
            wall: t["wall"]!,
            floor: t["floor"]!,
            door: t["door"]!,
            secretDoor: t["secret-door"]!,
            upStairs: t["up-stairs"]!,
            downStairs: t["down-stairs"]!,
            dungeonExit: t["dungeon-exit"]!
        )
        let base = GeneratorProfile.hash(generators, base: ContentCatalog.hash(terrains, monsters, items, spawns, player, appearances))
        self.contentHash = RunicKind.hash(runics, base: BoltKind.hash(bolts, base: Blueprint.hash(blueprints, base: base)))
    }
}

extension ContentCatalog {
    /// This catalog with rules from plugins added after any it already has.
    ///
    /// Every `behaviour` a monster kind names and every `<plugin-id>.<name>` item effect must
    /// exist once the extensions are added. The content hash then also covers the extension names.
    /// - Parameters:
    ///   - more: the behaviours, effects, hooks and stages to add.
    /// - Returns: the catalog with them.
    /// - Throws: `CatalogError` listing a clashing name or each reference to a missing extension.
    public func adding(_ more: RuleExtensions) throws(CatalogError) -> ContentCatalog {
        var copy = self
        do { try copy.extensions.merge(more) } catch { throw CatalogError(problems: [error.message]) }
        var problems: [String] = []
        for m in monsters {
            if let b = m.behaviour, copy.extensions.behaviours[b] == nil {
                problems.append("monster '\(m.id)' names behaviour '\(b)', which no loaded plugin registers")
            }
        }
        for k in items {
            if let e = k.effect, ItemEffect(rawValue: e) == nil, copy.extensions.itemEffects[e] == nil {
                problems.append("item '\(k.id)' has effect '\(e)', which no loaded plugin registers")
            }
            if let call = k.nativePower {
                if let rule = copy.extensions.natives[call.native] {
                    if let reason = rule.unusableReason {
                        problems.append("item '\(k.id)' calls native '\(call.native)', which content cannot call: \(reason)")
                    } else if rule.arity != call.arguments.count {
                        problems.append(
                            "item '\(k.id)' passes \(call.arguments.count) argument(s) to native '\(call.native)', which takes \(rule.arity)"
                        )
                    }
                } else {
                    problems.append("item '\(k.id)' calls native '\(call.native)', which no loaded plugin declares in its 'natives'")
                }
            }
        }
        for g in generators {
            for name in g.stages where !copy.extensions.stages.contains(where: { $0.name == name }) {
                problems.append("generator '\(g.id)' runs stage '\(name)', which no loaded plugin registers")
            }
        }
        guard problems.isEmpty else { throw CatalogError(problems: problems) }
        var h = StableHasher()
        h.combine(contentHash)
        h.combine(more.names.count)
        for name in more.names { h.combine(name) }
        copy.contentHash = h.value
        return copy
    }

    /// The deepest depth of this content's dungeon: it has no stairs down.
    public var deepestLevel: Int { spawns.dungeon.depths }
    /// The depth where the Amulet lies.
    public var amuletLevel: Int { spawns.dungeon.amuletDepth }

    /// The generator profile for `depth`: the first whose range holds it.
    public func generatorProfile(at depth: Int) -> GeneratorProfile {
        generators.first { $0.depths.contains(depth) } ?? .builtIn
    }
}

/// Indices of the terrains the generator places by role.
public struct TerrainRoles: Sendable, Hashable {
    public var granite: Int
    public var wall: Int
    public var floor: Int
    public var door: Int
    public var secretDoor: Int
    public var upStairs: Int
    public var downStairs: Int
    public var dungeonExit: Int
}

/// Problems that make a set of kinds unusable as a catalog.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
