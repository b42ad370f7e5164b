import BrogueCore

/// The monster file: one monster kind per file, named `<id>.yaml`.
enum MonsterSchema {
    static let table = ContentSchema.Table(
        name: "monster",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init("name", .name, .required, "Name shown to the player (\"goblin conjurer\")."),
            .init("glyph", .glyph, .required, "Character drawn for it."),
            .init("color", .color, .required, "Glyph colour."),
            .init("hp", .integer(min: 1, max: nil), .required, "Hit points."),
            .init("defense", .integer(min: 0, max: nil), .required, "Armor-like defense; each point lowers attackers' hit chance."),
            .init("accuracy", .integer(min: 0, max: nil), .required, "Hit chance in percent against defense 0."),
            .init("damage", .damage, .required, "Damage of one hit (see the damage table below)."),
            .init("movement-duration", .integer(min: 1, max: nil), .value("100"), "Ticks per step: 100 is normal, 50 twice as fast."),
            .init("attack-duration", .integer(min: 1, max: nil), .value("100"), "Ticks per attack: 100 is normal."),
            .init("regen-turns", .integer(min: 0, max: nil), .value("20"), "Turns to regain one hit point; 0 never regenerates."),
            .init("xp", .integer(min: 0, max: nil), .required, "Experience the player gains for killing it."),
            .init("flags", .flags("monster", MonsterFlags.names.map(\.0)), .value("[]"), "Habits and traits the rules know (below)."),
            .init("abilities", .list("monster ability"), .value("[]"), "Named rules with parameters: casting, summoning, stealing (below)."),
            .init(
                "learnable",
                .flags("learnable", MonsterKind.learnableNames),
                .value("[]"),
                "What an ally learns by absorbing one that fell: names of its own `flags` and of its abilities' rules (`casts-bolt`, `summons`)."
            ),
            .init(
                "behaviour",
                .name,
                .optional,
                "A native plugin's behaviour, `<plugin-id>.<name>`, asked each waking turn before the built-in AI."
            ),
            .init("description", .text, .value("\"\""), "Text shown when the player looks at it."),
        ]
    )

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<MonsterKind> {
        guard let r = EntryReader(node, table: table, what: "monster", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "monster")
        let name = r.string("name")
        let glyph = r.character("glyph")
        let color = r.color("color")
        let hp = r.int("hp")
        let defense = r.int("defense")
        let accuracy = r.int("accuracy")
        let damage = r.damage("damage")
        let movement = r.int("movement-duration")
        let attack = r.int("attack-duration")
        let regen = r.int("regen-turns")
        let xp = r.int("xp")
        let flags = r.flagNames("flags").map { MonsterFlags(names: $0) }
        let description = r.string("description")
        let behaviour = r.has("behaviour") ? r.string("behaviour") : nil
        if let behaviour, !behaviour.contains(".") {
            r.error(
                r.mark("behaviour"),
                "'behaviour' of \(r.label) must name a plugin's behaviour as '<plugin-id>.<name>', not '\(behaviour)'",
                hint: "for example 'alchemy.skittish'; brogue plugin list shows what each plugin registers"
            )
        }
        if let flags, flags.contains(.immobile), r.has("movement-duration") {
            r.warning(r.keyMark("movement-duration"), "\(r.label) is immobile, so its 'movement-duration' is never used")
        }
        var decoded = Decoded<MonsterKind>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        let abilities = MonsterAbilitySchema.decode(r, references: &decoded.references)
        let learnable = r.flagNames("learnable")
        guard !r.hasErrors, let abilities, let id, let name, let glyph, let color, let hp, let defense, let accuracy, let damage, let movement,
            let attack, let regen, let xp, let flags, let description, let learnable
        else { return decoded }
        decoded.value = MonsterKind(
            id: id,
            name: name,
            glyph: glyph,
            color: color,
            hp: hp,
            defense: defense,
            accuracy: accuracy,
            damage: damage,
            movementDuration: movement,
            attackDuration: attack,
            regenTurns: regen,
            xp: xp,
            flags: flags,
            description: description,
            behaviour: behaviour,
            abilities: abilities,
            learnable: learnable
        )
        if let value = decoded.value, let name = value.unlearnableNames.first {
            r.error(
                r.mark("learnable"),
                "'learnable' of \(r.label) names '\(name)', which it does not have",
                hint: "list only its own flags and the rules of its own abilities"
            )
            decoded.value = nil
        }
        return decoded
    }
}
