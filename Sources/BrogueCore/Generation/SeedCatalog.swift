/// What a seed's dungeon holds, depth by depth: every item (and whether it lies in a machine)
/// and the notable monsters (captives, horde leaders, machine guardians and sleepers). The
/// levels are the ones a game with the seed finds, generated and populated on a first visit.
public enum SeedCatalog {
    public enum Kind: String, Sendable { case item, monster }

    /// One line of the catalog.
    public struct Entry: Sendable, Hashable {
        public var seed: UInt64
        public var depth: Int
        public var kind: Kind
        public var position: Point
        /// The true name ("+2 broadsword", "3 potions of healing", "goblin conjurer").
        public var name: String
        /// The content id of its kind ("broadsword", "goblin-conjurer").
        public var kindID: String = ""
        /// The machine it lies in or belongs to ("locked vault"), if any.
        public var machine: String?
        /// Why a monster is notable ("captive", "leader of 3", "guarding", "dormant"), or
        /// what an item is for ("key to the locked vault at 40,7").
        public var note: String?
    }

    /// The catalog of `depths` of `seed`, in depth order, items before monsters, each in the
    /// order the level holds them.
    /// - Parameter everyMonster: list every monster, not only the notable ones; a monster of a
    ///   horde says so ("leader of 3", "in a horde of 3"), one alone says "alone".
    public static func entries(seed: UInt64, depths: ClosedRange<Int>, catalog: ContentCatalog, everyMonster: Bool = false) -> [Entry] {
        var game = Game(seed: seed, catalog: catalog)
        var out: [Entry] = []
        for depth in 1...depths.upperBound {
            if depth > 1 { game.visit(depth: depth) }
            guard depths.contains(depth) else { continue }
            out += entries(of: game, everyMonster: everyMonster)
        }
        return out
    }

    /// The catalog lines of the level the game is on.
    public static func entries(of game: Game, everyMonster: Bool = false) -> [Entry] {
        let level = game.level
        let catalog = game.catalog
        var out: [Entry] = []
        func machineName(_ n: Int) -> String? {
            guard n > 0, n <= level.machines.count else { return nil }
            return catalog.blueprints[level.machines[n - 1].blueprint].name
        }
        for fi in level.items {
            var note: String?
            if fi.item.opensMachine > 0, let m = machineName(fi.item.opensMachine) {
                let e = level.machines[fi.item.opensMachine - 1].entrance
                note = "key to the \(m) at \(e.x),\(e.y)"
            }
            out.append(
                Entry(
                    seed: game.seed,
                    depth: game.depth,
                    kind: .item,
                    position: fi.position,
                    name: trueName(fi.item, catalog: catalog),
                    kindID: catalog.items[fi.item.kind].id,
                    machine: machineName(Int(level.machineAt[fi.position])),
                    note: note
                )
            )
        }
        let hordes = hordes(game)
        for (i, m) in game.monsters.enumerated() {
            var note: String?
            switch m.state {
            case .captive: note = "captive"
            case .dormant: note = "dormant"
            case .ally: note = "ally"
            default:
                if m.machine > 0 {
                    note = "guarding"
                } else if m.leadsHorde {
                    note = "leader of \(hordes.size[i])"
                }
            }
            let inMachine = machineName(Int(level.machineAt[m.position]))
            if everyMonster, note == nil {
                note = hordes.leader[i].map { "in a horde of \(hordes.size[$0])" } ?? "alone"
            }
            guard note != nil || inMachine != nil else { continue }
            out.append(
                Entry(
                    seed: game.seed,
                    depth: game.depth,
                    kind: .monster,
                    position: m.position,
                    name: catalog.monsters[m.kind].name,
                    kindID: catalog.monsters[m.kind].id,
                    machine: inMachine,
                    note: note
                )
            )
        }
        return out
    }

    /// For each monster that leads a horde, how many monsters the horde has; for each follower, its
    /// leader. A horde is made in one go: its followers are the monsters created right after its
    /// leader, of its kind or a follower kind its lines name, standing near it, and no more than the
    /// largest horde the spawn table gives that leader at the depth (a lone monster spawned next is
    /// not one of them).
    static func hordes(_ game: Game) -> (size: [Int], leader: [Int?]) {
        let ms = game.monsters
        var sizes = [Int](repeating: 0, count: ms.count)
        var leaders = [Int?](repeating: nil, count: ms.count)
        for i in ms.indices where ms[i].leadsHorde {
            let id = game.catalog.monsters[ms[i].kind].id
            let lines = game.catalog.spawns.monsters.filter { $0.kind == id && $0.depths.contains(game.spawnDepth) }
            let largest = lines.map(\.largestHorde).max()
            let kinds = [id] + lines.flatMap { $0.followers.map(\.kind) }
            var n = 1
            var j = i + 1
            while j < ms.count, n < largest ?? Int.max, kinds.contains(game.catalog.monsters[ms[j].kind].id), !ms[j].leadsHorde,
                ms[j].id == ms[j - 1].id + 1,
                max(abs(ms[j].position.x - ms[i].position.x), abs(ms[j].position.y - ms[i].position.y)) <= 3
            {
                leaders[j] = i
                n += 1
                j += 1
            }
            sizes[i] = n
        }
        return (sizes, leaders)
    }

    /// An item's name with everything about it known: "+1 sword", "3 darts", "potion of healing".
    public static func trueName(_ item: Item, catalog: ContentCatalog) -> String {
        let kind = catalog.items[item.kind]
        var base = kind.name
        if [.weapon, .armor, .ring, .charm].contains(kind.category) {
            base = (item.enchant >= 0 ? "+" : "") + "\(item.enchant) " + base
        }
        if item.runic > 0 && item.runic <= catalog.runics.count { base += " of \(catalog.runics[item.runic - 1].name)" }
        if kind.category == .gold { return "\(item.quantity) gold pieces" }
        if item.quantity > 1 { return "\(item.quantity) \(Game.plural(base))" }
        return base
    }
}
