import BrogueCore

/// The bolt file: one bolt kind per file, named `<id>.yaml`. Staffs and wands name a bolt by id.
enum BoltSchema {
    static let table = ContentSchema.Table(
        name: "bolt",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init("name", .name, .required, "Name used in messages (\"firebolt\")."),
            .init("glyph", .glyph, .value("\"*\""), "Character drawn along its path while it flies."),
            .init("color", .color, .value("\"#ffffff\""), "Colour of its path while it flies."),
            .init("reach", .integer(min: 1, max: 80), .value("20"), "The most cells it travels."),
            .init("passes-through-creatures", .boolean, .value("false"), "Flies on through the creatures it hits instead of stopping."),
            .init(
                "effect",
                .choice("bolt effect", BoltEffect.allCases.map(\.rawValue)),
                .required,
                "The rule it runs on what it meets (below); `power` is the staff's level or the wand's `power`."
            ),
            .init("damage", .damage, .optional, "`damage` (required): the damage roll of a level-2 staff; scaled by power / 2."),
            .init("turns", .integer(min: 0, max: nil), .value("0"), "How long a timed effect lasts: turns per power level, or in all (below)."),
            .init("amount", .integer(min: 0, max: nil), .value("0"), "How much of the effect per power level (below)."),
            .init(
                "lights",
                .reference("terrain"),
                .optional,
                "Terrain set on each flammable cell it crosses (fire); it burns out by its `decays-to`."
            ),
            .init("terrain", .reference("terrain"), .optional, "`obstruct` (required): the terrain it fills cells with."),
            .init("summons", .reference("monster"), .optional, "`conjure` (required): the monster it calls up."),
            .init("description", .text, .value("\"\""), "Text shown when the player looks at it."),
        ]
    )

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<BoltKind> {
        guard let r = EntryReader(node, table: table, what: "bolt", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "bolt")
        let name = r.string("name")
        let glyph = r.character("glyph")
        let color = r.color("color")
        let reach = r.int("reach")
        let passes = r.bool("passes-through-creatures")
        let effect = r.string("effect").flatMap(BoltEffect.init(rawValue:))
        let damage = r.has("damage") ? r.damage("damage") : nil
        let turns = r.int("turns")
        let amount = r.int("amount")
        let lights = r.has("lights") ? r.string("lights") : nil
        let terrain = r.has("terrain") ? r.string("terrain") : nil
        let summons = r.has("summons") ? r.string("summons") : nil
        let description = r.string("description")
        if let effect {
            for needed in effect.needs where !r.has(needed) {
                r.error(
                    r.mark("effect"),
                    "effect '\(effect.rawValue)' of \(r.label) needs '\(needed)'",
                    hint: "add '\(needed): <\(table.field(needed)?.type ?? "value")>'"
                )
            }
            for unused in ["damage", "terrain", "summons"] where r.has(unused) && !effect.needs.contains(unused) {
                r.error(
                    r.keyMark(unused),
                    "'\(unused)' does not apply to effect '\(effect.rawValue)' of \(r.label)",
                    hint: "it is read by effect '\(unused == "damage" ? "damage" : unused == "terrain" ? "obstruct" : "conjure")' only; remove it"
                )
            }
        }
        var decoded = Decoded<BoltKind>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        for (field, kind, value) in [("lights", ContentKind.terrain, lights), ("terrain", .terrain, terrain), ("summons", .monsters, summons)] {
            if let value { decoded.references.append(Reference(kind: kind, id: value, mark: r.mark(field), place: "'\(field)' of \(r.label)")) }
        }
        guard !r.hasErrors, let id, let name, let glyph, let color, let reach, let passes, let effect, let turns, let amount, let description
        else { return decoded }
        decoded.value = BoltKind(
            id: id,
            name: name,
            glyph: glyph,
            color: color,
            reach: reach,
            passesThroughCreatures: passes,
            effect: effect,
            damage: damage,
            turns: turns,
            amount: amount,
            lights: lights,
            terrain: terrain,
            summons: summons,
            description: description
        )
        return decoded
    }
}
