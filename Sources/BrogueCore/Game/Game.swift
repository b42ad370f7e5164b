/// The whole state of one game, and the only way to change it: `apply(_:)`.
///
/// A game is a pure function of its content, its seed and the actions applied to it: no clock,
/// no global randomness, no I/O. `stateHash` summarises the state so that two runs can be
/// compared on any machine.
///
/// ```swift
/// var game = Game(seed: 7, catalog: catalog)
/// let events = game.apply(.move(.east))
/// print(String(game.stateHash, radix: 16))
/// ```
public struct Game: Sendable {
    public let catalog: ContentCatalog
    public let seed: UInt64
    /// One seed per depth, drawn when the game starts.
    public let levelSeeds: [UInt64]
    /// Decides everything that changes the outcome.
    public var rng: RandomStream
    /// Decides only looks (flavour); never read by a rule that changes the outcome.
    public var cosmetic: RandomStream

    public internal(set) var depth: Int
    /// Levels by depth - 1; nil until first visited.
    public internal(set) var levels: [Level?]
    /// Monsters of the current level, in the order they were created.
    public internal(set) var monsters: [Creature]
    /// Monsters of the levels the player is not on, frozen until it returns.
    var frozenMonsters: [[Creature]]
    public internal(set) var player: Creature
    public internal(set) var inventory: Inventory
    public internal(set) var strength: Int
    public internal(set) var experience: Int
    public internal(set) var experienceLevel: Int
    public internal(set) var nutrition: Int
    public internal(set) var gold: Int
    /// Turns played (an ordinary action takes one turn).
    public internal(set) var turn: Int
    /// Ticks elapsed (100 per turn at normal speed).
    public internal(set) var ticks: Int
    var environmentTicks: Int
    /// Item kinds whose true name the player knows, by kind index.
    public internal(set) var knownKinds: [Bool]
    /// For each potion kind, its colour index in `catalog.appearances.potionColors`.
    public let potionAppearance: [Int]
    /// For each scroll kind, its made-up title.
    public let scrollTitles: [String]
    /// For each staff, wand and ring kind, what it looks like until known ("teak", "brass", "garnet").
    public let disguises: [String]
    public internal(set) var outcome: Outcome
    /// What the player saw on its last turn, for the front ends and the AI.
    public internal(set) var visible: Grid<Bool>
    var nextCreatureID: Int
    /// How the player's last action changes its stealth: 0 normal, -1 sneaking, +1 noisy.
    var noise: Int
    /// Searches in a row the player has just made (counted only when content has strong searches).
    public internal(set) var searchTurns: Int
    var scratch: Scratch

    /// Starts a game: draws every level's seed, disguises potions and scrolls, builds depth 1
    /// and places the player on its up stairs with the starting kit.
    public init(seed: UInt64, catalog: ContentCatalog) {
        self.catalog = catalog
        self.seed = seed
        var seeder = SplitMix64(state: seed)
        var seeds = (0..<Dungeon.classicDepths).map { _ in seeder.next() }
        rng = RandomStream(seed: seeder.next())
        cosmetic = RandomStream(seed: seeder.next())
        var names = RandomStream(seed: seeder.next())
        // Depths past the classic 26 draw their seeds after the streams, which stay as they were.
        if catalog.deepestLevel > seeds.count { seeds += (seeds.count..<catalog.deepestLevel).map { _ in seeder.next() } }
        levelSeeds = seeds
        var colours = Array(catalog.appearances.potionColors.indices)
        names.shuffle(&colours)
        var potion = Array(repeating: -1, count: catalog.items.count)
        var titles = Array(repeating: "", count: catalog.items.count)
        var next = 0
        for (i, kind) in catalog.items.enumerated() {
            if kind.category == .potion {
                potion[i] = colours[next % colours.count]
                next += 1
            } else if kind.category == .scroll {
                let words = (0..<names.int(in: 2...3)).map { _ in
                    (0..<names.int(in: 1...2)).map { _ in names.pick(catalog.appearances.scrollSyllables)! }.joined()
                }
                titles[i] = words.joined(separator: " ")
            }
        }
        potionAppearance = potion
        scrollTitles = titles
        disguises = Self.disguise(catalog, using: &names)
        knownKinds = catalog.items.map { ![.potion, .scroll, .staff, .wand, .ring].contains($0.category) }

        depth = 1
        levels = Array(repeating: nil, count: catalog.deepestLevel)
        monsters = []
        frozenMonsters = Array(repeating: [], count: catalog.deepestLevel)
        let p = catalog.player
        player = Creature(id: 0, kind: -1, position: Point(0, 0), hp: p.hp, state: .hunting)
        inventory = Inventory()
        strength = p.strength
        experience = 0
        experienceLevel = 1
        nutrition = p.stomach
        gold = 0
        turn = 0
        ticks = 0
        environmentTicks = 0
        outcome = .playing
        visible = Grid(width: Dungeon.width, height: Dungeon.height, filling: false)
        nextCreatureID = 1
        noise = 0
        searchTurns = 0
        scratch = Scratch()
        for start in p.startingItems {
            guard let kind = catalog.itemIndexByID[start.kind] else { continue }
            var item = Item(kind: kind, quantity: start.quantity, enchantKnown: true)
            if [.staff, .wand, .ring].contains(catalog.items[kind].category) { knownKinds[kind] = true }
            switch catalog.items[kind].category {
            case .staff, .wand:
                item.charges = catalog.items[kind].charges.lowerBound
                if catalog.items[kind].category == .staff { item.enchant = item.charges }
            case .ring: item.enchant = catalog.items[kind].charges.lowerBound
            case .charm:
                item.enchant = catalog.items[kind].charges.lowerBound
                item.charges = 1
            default: break
            }
            let letter = inventory.add(item, catalog: catalog)
            if start.equipped, let letter {
                if catalog.items[kind].category == .weapon { inventory.weapon = letter }
                if catalog.items[kind].category == .armor { inventory.armor = letter }
            }
        }
        enterLevel(1, arriving: .down)
    }

    /// The level the player is on.
    ///
    /// Read and changed in place (not copied out and written back), so editing the current
    /// level never duplicates its grids.
    public var level: Level {
        _read { yield levels[depth - 1]! }
        _modify { yield &levels[depth - 1]! }
    }

    public var isOver: Bool { outcome != .playing }

    /// The monster standing at `p`, if any (index into `monsters`).
    public func monsterIndex(at p: Point) -> Int? { monsters.firstIndex { $0.position == p } }

    /// The current light radius: it shrinks with depth down to the Amulet's, as the miner's
    /// light does in Brogue, and stays at its least below.
    public var lightRadius: Int {
        let r = catalog.player.lightRadius
        let span = r.upperBound - r.lowerBound
        let steps = max(1, catalog.amuletLevel - 1)
        var radius = r.upperBound - span * (min(depth, catalog.amuletLevel) - 1) / steps
        let light = ringBonus(.light)
        if light != 0 { radius = max(1, radius + light) }
        return player.status.darkened > 0 ? max(2, radius / 2) : radius
    }
}

/// Reusable buffers and caches derived from the state; never part of `stateHash`.
struct Scratch: Sendable {
    var playerMap = DijkstraMap()
    var playerMapFor: Point?
    var safetyMap = DijkstraMap()
    var safetyMapFor: Point?
    /// Distance maps to the level's waypoints, each built on first use (`Game.waypointMap`) from
    /// the costs and corners kept when the set was last made current; `waypointDepth` 0 stales it.
    var waypointMaps: [DijkstraMap?] = []
    /// When each waypoint map was last asked for (`waypointClock`), so the one unused longest
    /// is dropped once `waypointMapsKept` are held.
    var waypointLastUse: [Int] = []
    var waypointClock = 0
    /// How many waypoint maps a game keeps (about 9 KB each): a level has a waypoint per room,
    /// and a game whose monsters roam long enough would otherwise keep a map for every one.
    /// A dropped map is built again, equal, when next asked for, so this bound changes only
    /// memory and time, never a move (`WaypointMapBoundTests`).
    var waypointMapsKept = 4
    var waypointDepth = 0
    var waypointCosts = Grid<Int32>(width: Dungeon.width, height: Dungeon.height, filling: 1)
    var waypointCorners: Grid<TerrainFlags>?
    var exploreMap = DijkstraMap()
    var travelMap = DijkstraMap()
    /// Bumped whenever what the player knows of the level changes (new cells seen, items
    /// moved, secrets found); the explore map is rebuilt only when it moves.
    var epoch = 0
    var exploreEpoch = -1
    var costs = Grid<Int32>(width: Dungeon.width, height: Dungeon.height, filling: 1)

    mutating func invalidate() {
        playerMapFor = nil
        safetyMapFor = nil
    }
}

extension Game {
    /// The deepest depth the player has reached.
    public var deepestDepth: Int { (levels.lastIndex { $0 != nil } ?? 0) + 1 }

    /// The score of the game as it stands: gold, plus 100 a depth reached, plus 10,000, double
    /// gold and the value of every lumenstone carried for escaping with the Amulet.
    public var score: Int {
        let base = gold + 100 * deepestDepth
        return outcome == .won ? base + gold + 10_000 + carriedGems.value : base
    }

    /// The lumenstones (items of category `gem`) the player carries, and their worth.
    public var carriedGems: (count: Int, value: Int) {
        var count = 0
        var value = 0
        for l in inventory.letters {
            guard let item = inventory[l], catalog.items[item.kind].category == .gem else { continue }
            count += item.quantity
            value += item.quantity * catalog.items[item.kind].value
        }
        return (count, value)
    }

    /// How a won game is told apart in the score table: nil for an escape with the Amulet,
    /// a phrase for a deep escape (lumenstones carried up from below the Amulet's depth).
    public var escapeNote: String? {
        guard outcome == .won else { return nil }
        let gems = carriedGems.count
        guard gems > 0 else { return nil }
        return "deep escape with \(gems) lumenstone\(gems == 1 ? "" : "s")"
    }
}
