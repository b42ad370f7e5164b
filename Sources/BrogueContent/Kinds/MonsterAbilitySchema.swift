import BrogueCore

/// One entry of a monster's `abilities` list: the named rule and its parameters.
enum MonsterAbilitySchema {
    static let table = ContentSchema.Table(
        name: "monster ability",
        fields: [
            .init(
                "ability",
                .choice("ability rule", MonsterAbility.Rule.allCases.map(\.rawValue)),
                .required,
                "The rule it runs (below)."
            ),
            .init("bolt", .reference("bolt"), .optional, "`casts-bolt` (required): the bolt it fires."),
            .init("monster", .reference("monster"), .optional, "`summons`, `dies-into` (required): the monster it calls up."),
            .init("count", .range(min: 1, max: 20), .value("1"), "`summons`, `dies-into`: how many appear."),
            .init("range", .integer(min: 1, max: 30), .value("7"), "`casts-bolt`: the farthest target, in cells."),
            .init(
                "chance",
                .integer(min: 1, max: 100),
                .value("100"),
                "`casts-bolt`, `summons`: percent chance each turn it could; `steals`: each hit; `carries-item`: when it is placed."
            ),
            .init(
                "turns",
                .integer(min: 0, max: 1000),
                .value("0"),
                "`summons`: turns the summoned last before fading; 0 for good. `bursts`: turns the terrain lasts; 0 for its own `decay-turns`."
            ),
            .init("terrain", .reference("terrain"), .optional, "`bursts` (required): the terrain it lays where it dies."),
            .init("radius", .integer(min: 0, max: 9), .value("1"), "`bursts`: steps from where it fell that the terrain reaches."),
        ]
    )

    /// Decodes `abilities` of a monster; nil when any entry is wrong (each problem went to the sink).
    static func decode(_ r: EntryReader, references: inout [Reference]) -> [MonsterAbility]? {
        guard r.has("abilities") else { return [] }
        var out: [MonsterAbility] = []
        var ok = true
        for element in r.list("abilities") ?? [] {
            guard let e = EntryReader(element, table: table, what: "ability of \(r.label)", entry: r.entry, sink: r.sink),
                let ability = decodeOne(e, of: r.label, &references)
            else {
                ok = false
                continue
            }
            out.append(ability)
        }
        return ok ? out : nil
    }

    private static func decodeOne(_ e: EntryReader, of owner: String, _ references: inout [Reference]) -> MonsterAbility? {
        let rule = e.string("ability").flatMap(MonsterAbility.Rule.init(rawValue:))
        let bolt = e.has("bolt") ? e.string("bolt") : nil
        let monster = e.has("monster") ? e.string("monster") : nil
        let terrain = e.has("terrain") ? e.string("terrain") : nil
        let (count, range, chance, turns, radius) = (e.range("count"), e.int("range"), e.int("chance"), e.int("turns"), e.int("radius"))
        guard let rule else { return nil }
        for needed in rule.needs where !e.has(needed) {
            e.error(e.mark("ability"), "ability '\(rule.rawValue)' of \(owner) needs '\(needed)'", hint: "add '\(needed): <\(needed) id>'")
        }
        for field in table.fields.map(\.name) where field != "ability" && e.has(field) && !rule.reads.contains(field) {
            e.error(
                e.keyMark(field),
                "'\(field)' does not apply to ability '\(rule.rawValue)' of \(owner)",
                hint: "'\(rule.rawValue)' reads \(rule.reads.map { "'\($0)'" }.joined(separator: ", ")); remove '\(field)'"
            )
        }
        let place = "ability '\(rule.rawValue)' of \(owner)"
        if let bolt { references.append(Reference(kind: .bolts, id: bolt, mark: e.mark("bolt"), place: place, castByMonster: true)) }
        if let monster { references.append(Reference(kind: .monsters, id: monster, mark: e.mark("monster"), place: place)) }
        if let terrain { references.append(Reference(kind: .terrain, id: terrain, mark: e.mark("terrain"), place: place)) }
        guard !e.hasErrors, let count, let range, let chance, let turns, let radius else { return nil }
        return MonsterAbility(
            rule,
            bolt: bolt,
            monster: monster,
            count: count,
            range: range,
            chance: chance,
            turns: turns,
            terrain: terrain,
            radius: radius
        )
    }
}
