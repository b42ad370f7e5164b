import BrogueCore

/// `spawns.yaml`: which monsters and items appear at which depths, and how many per level.
enum SpawnsSchema {
    static let table = ContentSchema.Table(
        name: "spawns",
        fields: [
            .init("hordes", .list("horde"), .value("[]"), "Horde table: each line a leader, its followers, depths and weight."),
            .init(
                "monsters",
                .list("monster spawn"),
                .value("[]"),
                "Older form of the horde table: each line one kind, its depths, weight and group size (a horde with no followers)."
            ),
            .init("items", .list("item spawn"), .value("[]"), "Item table: each line an item, its depths and weight."),
            .init(
                "population",
                .list("population line"),
                .optional,
                "How many monsters, items and gold piles a level starts with; must cover every depth of the dungeon."
            ),
            .init(
                "dungeon",
                .table("dungeon"),
                .computed("26 depths, the Amulet on 26"),
                "How deep the dungeon goes and where the Amulet lies; taken with `population`, which must be given with it."
            ),
        ]
    )

    static let dungeon = ContentSchema.Table(
        name: "dungeon",
        fields: [
            .init("depths", .integer(min: 1, max: Dungeon.deepestLevel), .required, "The deepest depth; it has no stairs down."),
            .init(
                "amulet-depth",
                .integer(min: 1, max: Dungeon.deepestLevel),
                .required,
                "Where the Amulet lies; each depth below it holds a lumenstone (an item of category `gem`)."
            ),
            .init(
                "spawn-depth-scale",
                .integer(min: 1, max: 10),
                .value("1"),
                "Depths of the spawn tables one depth spans: depth d draws monsters, items and gold as depth 1 + (d - 1) x scale."
            ),
        ]
    )

    static let monsterSpawn = ContentSchema.Table(
        name: "monster spawn",
        fields: [
            .init("monster", .reference("monster"), .required, "The monster."),
            .init("depths", .range(min: 1, max: Dungeon.deepestLevel), .required, "Depths where it may appear."),
            .init("weight", .integer(min: 0, max: nil), .required, "Relative chance against the other lines that cover the depth."),
            .init(
                "group",
                .range(min: 1, max: nil),
                .value("1"),
                "How many appear together: each time the line is drawn, that many (a number in the range) are placed side by side, "
                    + "the first leading the rest. `brogue catalog --monster ID` shows each group."
            ),
        ]
    )

    static let horde = ContentSchema.Table(
        name: "horde",
        fields: [
            .init("leader", .reference("monster"), .required, "The monster that leads it (named as leader in `brogue catalog`)."),
            .init("followers", .list("horde follower"), .value("[]"), "Who comes with the leader, placed round it."),
            .init("depths", .range(min: 1, max: Dungeon.deepestLevel), .required, "Depths where it may appear."),
            .init("weight", .integer(min: 0, max: nil), .required, "Relative chance against the other hordes that cover the depth."),
            .init(
                "captive",
                .boolean,
                .value("false"),
                "The leader is a captive in shackles (the player may free it to be an ally) and the followers are its captors."
            ),
        ]
    )

    static let hordeFollower = ContentSchema.Table(
        name: "horde follower",
        fields: [
            .init("monster", .reference("monster"), .required, "The follower's kind."),
            .init("count", .range(min: 0, max: 20), .value("1"), "How many come (a number in the range, drawn each time the horde appears)."),
        ]
    )

    static let itemSpawn = ContentSchema.Table(
        name: "item spawn",
        fields: [
            .init("item", .reference("item"), .required, "The item."),
            .init("depths", .range(min: 1, max: Dungeon.deepestLevel), .required, "Depths where it may appear."),
            .init("weight", .integer(min: 0, max: nil), .required, "Relative chance against the other lines that cover the depth."),
        ]
    )

    static let populationLine = ContentSchema.Table(
        name: "population line",
        fields: [
            .init("depths", .range(min: 1, max: Dungeon.deepestLevel), .required, "Depths the line covers; the first line covering a depth wins."),
            .init("monsters", .range(min: 0, max: nil), .required, "Monster groups placed when the level is made."),
            .init("items", .range(min: 0, max: nil), .required, "Items placed, gold not counted."),
            .init("gold", .range(min: 0, max: nil), .required, "Gold piles placed, on top of the items."),
            .init(
                "food",
                .range(min: 0, max: nil),
                .value("0"),
                "Food items placed on top of the items, drawn from the depth's food lines (a food clock)."
            ),
        ]
    )

    /// A spawn line with the position of the id it names.
    struct Line {
        var entry: SpawnEntry
        var mark: Mark
        /// Where each follower's monster id is written, in `entry.followers`' order.
        var followerMarks: [Mark] = []
        /// How messages name the line.
        var label = "monster spawn"
    }

    struct File {
        var file: String
        var monsters: [Line] = []
        var items: [Line] = []
        /// Nil when the file has no `population` key.
        var population: [LevelPopulation]?
        var populationMark: Mark = .start
        /// The shape the file gives with its population; classic when it names none.
        var dungeon: DungeonShape = .classic
    }

    static func decode(_ node: YNode, _ context: FileContext) -> File {
        var out = File(file: context.sink.file)
        guard let r = EntryReader(node, table: table, what: "spawns", sink: context.sink) else { return out }
        for element in r.list("monsters") ?? [] {
            guard let e = EntryReader(element, table: monsterSpawn, what: "monster spawn", idKey: "monster", sink: context.sink) else { continue }
            let (id, depths, weight, group) = (e.string("monster"), e.range("depths"), e.int("weight"), e.range("group"))
            if let id, let depths, let weight, let group {
                out.monsters.append(Line(entry: SpawnEntry(kind: id, depths: depths, weight: weight, group: group), mark: e.mark("monster")))
            }
        }
        for element in r.list("hordes") ?? [] {
            if let line = decodeHorde(element, context) { out.monsters.append(line) }
        }
        for element in r.list("items") ?? [] {
            guard let e = EntryReader(element, table: itemSpawn, what: "item spawn", idKey: "item", sink: context.sink) else { continue }
            let (id, depths, weight) = (e.string("item"), e.range("depths"), e.int("weight"))
            if let id, let depths, let weight {
                out.items.append(Line(entry: SpawnEntry(kind: id, depths: depths, weight: weight), mark: e.mark("item")))
            }
        }
        if r.has("dungeon") {
            out.dungeon = decodeDungeon(r) ?? .classic
            if !r.has("population") {
                r.error(
                    r.keyMark("dungeon"),
                    "'dungeon' is given without 'population'",
                    hint: "give a 'population' list covering its depths in the same file"
                )
            }
        }
        if r.has("population") {
            out.populationMark = r.keyMark("population")
            var lines: [LevelPopulation] = []
            // The line that first covers each depth, so overlaps are found in linear time.
            var coveredBy: [Int?] = Array(repeating: nil, count: Dungeon.deepestLevel + 1)
            var complete = true
            for element in r.list("population") ?? [] {
                guard let e = EntryReader(element, table: populationLine, what: "population line", sink: context.sink) else {
                    complete = false
                    continue
                }
                let (depths, monsters, items, gold) = (e.range("depths"), e.range("monsters"), e.range("items"), e.range("gold"))
                let food = e.range("food")
                guard let depths, let monsters, let items, let gold, let food else {
                    complete = false
                    continue
                }
                if let earlier = depths.lazy.compactMap({ coveredBy[$0] }).first.map({ lines[$0] }) {
                    e.warning(
                        e.mark("depths"),
                        "population line for depths \(depths.lowerBound)-\(depths.upperBound) overlaps the earlier line for \(earlier.depths.lowerBound)-\(earlier.depths.upperBound); the earlier line wins"
                    )
                }
                for depth in depths where coveredBy[depth] == nil { coveredBy[depth] = lines.count }
                lines.append(LevelPopulation(depths: depths, monsters: monsters, items: items, gold: gold, food: food))
            }
            if complete { checkCoverage(lines, depths: out.dungeon.depths, at: out.populationMark, context.sink) }
            out.population = lines
        }
        return out
    }

    private static func decodeHorde(_ element: YNode, _ context: FileContext) -> Line? {
        guard let e = EntryReader(element, table: horde, what: "horde", idKey: "leader", sink: context.sink) else { return nil }
        let (id, depths, weight, captive) = (e.string("leader"), e.range("depths"), e.int("weight"), e.bool("captive"))
        var followers: [HordeMember] = []
        var marks: [Mark] = []
        for f in e.list("followers") ?? [] {
            guard let r = EntryReader(f, table: hordeFollower, what: "follower of \(e.label)", entry: e.entry, sink: context.sink),
                let kind = r.string("monster"), let count = r.range("count")
            else { continue }
            followers.append(HordeMember(kind: kind, count: count))
            marks.append(r.mark("monster"))
        }
        guard !e.hasErrors, let id, let depths, let weight, let captive else { return nil }
        return Line(
            entry: SpawnEntry(kind: id, depths: depths, weight: weight, followers: followers, captive: captive),
            mark: e.mark("leader"),
            followerMarks: marks,
            label: "horde"
        )
    }

    private static func decodeDungeon(_ r: EntryReader) -> DungeonShape? {
        guard let n = r.mapping("dungeon"), let e = EntryReader(n, table: dungeon, what: "'dungeon' of spawns", sink: r.sink),
            let depths = e.int("depths"), let amulet = e.int("amulet-depth"), let scale = e.int("spawn-depth-scale")
        else { return nil }
        guard amulet <= depths else {
            e.error(
                e.mark("amulet-depth"),
                "the Amulet lies on depth \(amulet), below the deepest depth \(depths)",
                hint: "make 'amulet-depth' at most 'depths'"
            )
            return nil
        }
        return DungeonShape(depths: depths, amuletDepth: amulet, spawnScale: scale)
    }

    private static func checkCoverage(_ lines: [LevelPopulation], depths deepest: Int, at mark: Mark, _ sink: DiagnosticSink) {
        var gapStart: Int?
        for depth in 1...(deepest + 1) {
            let covered = depth > deepest || lines.contains { $0.depths.contains(depth) }
            if !covered, gapStart == nil { gapStart = depth }
            if covered, let start = gapStart {
                let gap = start == depth - 1 ? "depth \(start)" : "depths \(start)-\(depth - 1)"
                sink.error(mark, "no population line covers \(gap)", hint: "every depth from 1 to \(deepest) needs a line")
                gapStart = nil
            }
        }
    }
}
