/// What explore-bot runs over many seeds say about a content's balance, depth by depth: how many
/// runs reached each depth, what killed them there, and what they carried and who followed them
/// on arriving. Built from the runs alone, in seed order, so the same runs give the same report.
struct BalanceReport: Codable, Equatable {
    struct Count: Codable, Equatable {
        var name: String
        var count: Int
    }

    /// A kind carried (or an ally kind present) on arriving at a depth.
    struct Carried: Codable, Equatable {
        var kind: String
        /// Arrivals with at least one.
        var runs: Int
        /// How many, on average, among those arrivals.
        var average: Double
    }

    struct Depth: Codable, Equatable {
        var depth: Int
        /// Runs that reached this depth or a deeper one.
        var reached: Int
        var died: Int
        var won: Int
        /// Runs still alive here when their turns ran out.
        var stopped: Int
        /// Causes of the deaths on this depth, most frequent first.
        var causes: [Count]
        /// Runs whose arrival was seen (a fall past a depth skips it).
        var arrivals: Int
        /// Inventory letters in use on arriving, on average.
        var averageItems: Double
        var items: [Carried]
        var averageAllies: Double
        var allies: [Carried]
    }

    var seeds: String
    var runs: Int
    var turns: Int
    /// The plugins of the content, as `id version`.
    var content: [String]
    var depths: [Depth]
    /// Every cause of death over all depths, most frequent first.
    var causes: [Count]

    /// How many item and ally kinds each depth lists.
    static let topItems = 8
    static let topAllies = 5

    init(seeds: String, turns: Int, content: [String], runs: [BalanceRun]) {
        self.seeds = seeds
        self.runs = runs.count
        self.turns = turns
        self.content = content
        let deepest = runs.map(\.deepest).max() ?? 0
        depths = deepest < 1 ? [] : (1...deepest).map { Self.depth($0, runs) }
        causes = Self.ranked(runs.compactMap { if case .died(let c, _) = $0.end { c } else { nil } })
    }

    private static func depth(_ d: Int, _ runs: [BalanceRun]) -> Depth {
        let ending = runs.filter { $0.end.depth == d }
        let arrivals = runs.compactMap { $0.arrivals.first { $0.depth == d } }
        var items: [String: [Int]] = [:]
        var allies: [String: [Int]] = [:]
        for a in arrivals {
            for (kind, n) in a.items { items[kind, default: []].append(n) }
            var counted: [String: Int] = [:]
            for kind in a.allies { counted[kind, default: 0] += 1 }
            for (kind, n) in counted { allies[kind, default: []].append(n) }
        }
        return Depth(
            depth: d,
            reached: runs.count(where: { $0.deepest >= d }),
            died: ending.count(where: { if case .died = $0.end { true } else { false } }),
            won: ending.count(where: { if case .won = $0.end { true } else { false } }),
            stopped: ending.count(where: { if case .stopped = $0.end { true } else { false } }),
            causes: ranked(ending.compactMap { if case .died(let c, _) = $0.end { c } else { nil } }),
            arrivals: arrivals.count,
            averageItems: mean(arrivals.map(\.stacks)),
            items: Array(carried(items).prefix(topItems)),
            averageAllies: mean(arrivals.map(\.allies.count)),
            allies: Array(carried(allies).prefix(topAllies))
        )
    }

    /// Names with how often each occurs, most frequent first, then by name.
    static func ranked(_ names: [String]) -> [Count] {
        var counts: [String: Int] = [:]
        for n in names { counts[n, default: 0] += 1 }
        return counts.map { Count(name: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    private static func carried(_ counts: [String: [Int]]) -> [Carried] {
        counts.map { Carried(kind: $0.key, runs: $0.value.count, average: mean($0.value)) }
            .sorted { $0.runs != $1.runs ? $0.runs > $1.runs : $0.kind < $1.kind }
    }

    /// The mean to two decimals, so the JSON reads plainly; 0 for no values.
    private static func mean(_ values: [Int]) -> Double {
        values.isEmpty ? 0 : (Double(values.reduce(0, +)) / Double(values.count) * 100).rounded() / 100
    }
}
