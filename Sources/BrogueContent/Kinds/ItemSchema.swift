import BrogueCore

/// The item file: one item kind per file, named `<id>.yaml`.
enum ItemSchema {
    static let table = ContentSchema.Table(
        name: "item",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init("name", .name, .required, "Name shown once identified (\"potion of healing\")."),
            .init("category", .choice("item category", ItemCategory.allCases.map(\.rawValue)), .required, "What sort of item it is."),
            .init(
                "glyph",
                .glyph,
                .computed("category glyph"),
                "Character drawn for it; by default the category's (`(` weapons, `[` armor, `!` potions, ...)."
            ),
            .init("color", .color, .value("\"#ffffff\""), "Glyph colour."),
            .init("value", .integer(min: 0, max: nil), .value("0"), "Worth in gold when the game is scored."),
            .init("damage", .damage, .optional, "Weapons (required): damage of one hit."),
            .init("accuracy", .integer(min: -100, max: nil), .value("0"), "Weapons: added to the wielder's accuracy, in percent points."),
            .init("strength", .integer(min: 0, max: nil), .value("0"), "Weapons and armor: strength needed to use it well."),
            .init("throwable", .boolean, .value("false"), "Weapons: thrown as a missile rather than swung."),
            .init("quantity", .range(min: 1, max: nil), .value("1"), "Weapons: stack size when generated; above 1 only for throwable ones."),
            .init("armor", .integer(min: 0, max: nil), .value("0"), "Armor (required): armor value in tenths (leather armor is 30)."),
            .init(
                "effect",
                .choice("item effect", ItemEffect.allCases.map(\.rawValue)),
                .optional,
                "Potions and scrolls (required): the rule run when used."
            ),
            .init("power", .integer(min: 0, max: nil), .value("0"), "Potions and scrolls: the effect's strength (percent healed, turns, ...)."),
            .init("malevolent", .boolean, .value("false"), "Potions and scrolls: using it harms the user."),
            .init("nutrition", .integer(min: 0, max: nil), .value("0"), "Food (required): turns of nutrition it gives."),
            .init("description", .text, .value("\"\""), "Text shown when the player looks at it."),
        ]
    )

    /// Fields that mean something only for some categories; giving one elsewhere is an error.
    static let appliesTo: [String: [ItemCategory]] = [
        "damage": [.weapon], "accuracy": [.weapon], "throwable": [.weapon], "quantity": [.weapon],
        "strength": [.weapon, .armor], "armor": [.armor],
        "effect": [.potion, .scroll], "power": [.potion, .scroll], "malevolent": [.potion, .scroll],
        "nutrition": [.food],
    ]

    /// The field each category cannot do without.
    static let needs: [ItemCategory: String] = [.weapon: "damage", .armor: "armor", .potion: "effect", .scroll: "effect", .food: "nutrition"]

    static let malevolentEffects: Set<ItemEffect> = [.confusion, .darkness, .incineration, .paralysis, .aggravateMonsters, .summonMonsters]

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<ItemKind> {
        guard let r = EntryReader(node, table: table, what: "item", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "item")
        let name = r.string("name")
        let category = r.string("category").flatMap(ItemCategory.init(rawValue:))
        let glyph = r.has("glyph") ? r.character("glyph") : category?.defaultGlyph
        let color = r.color("color")
        let value = r.int("value")
        let damage = r.has("damage") ? r.damage("damage") : nil
        let accuracy = r.int("accuracy")
        let strength = r.int("strength")
        let throwable = r.bool("throwable")
        let quantity = r.range("quantity")
        let armor = r.int("armor")
        let effect = r.has("effect") ? r.string("effect") : nil
        let power = r.int("power")
        let malevolent = r.bool("malevolent")
        let nutrition = r.int("nutrition")
        let description = r.string("description")
        if let category {
            for field in table.fields where r.has(field.name) {
                if let allowed = appliesTo[field.name], !allowed.contains(category) {
                    r.error(
                        r.keyMark(field.name),
                        "'\(field.name)' does not apply to \(category.rawValue) \(r.label)",
                        hint: "it is read for \(allowed.map(\.rawValue).joined(separator: " and ")) only; remove it"
                    )
                }
            }
            if let needed = needs[category], !r.has(needed) {
                r.error(
                    r.node.mark,
                    "\(category.rawValue) \(r.label) needs '\(needed)'",
                    hint: "add '\(needed): <\(table.field(needed)?.type ?? "value")>'"
                )
            }
            if category == .weapon, let quantity, quantity.upperBound > 1, throwable == false {
                r.error(
                    r.mark("quantity"),
                    "only throwable weapons come in stacks, but \(r.label) has quantity \(quantity.lowerBound)-\(quantity.upperBound)",
                    hint: "add 'throwable: true' or remove 'quantity'"
                )
            }
        }
        if let effect = effect.flatMap(ItemEffect.init(rawValue:)), let malevolent, malevolent != malevolentEffects.contains(effect) {
            r.warning(
                r.mark("effect"),
                "effect '\(effect.rawValue)' of \(r.label) \(malevolent ? "is usually harmless" : "harms the user") but 'malevolent' is \(malevolent)"
            )
        }
        var decoded = Decoded<ItemKind>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        guard !r.hasErrors, let id, let name, let category, let glyph, let color, let value, let accuracy, let strength,
            let throwable, let quantity, let armor, let power, let malevolent, let nutrition, let description
        else { return decoded }
        decoded.value = ItemKind(
            id: id,
            name: name,
            category: category,
            glyph: glyph,
            color: color,
            value: value,
            damage: damage,
            accuracy: accuracy,
            strength: strength,
            throwable: throwable,
            quantity: quantity,
            armor: armor,
            effect: effect,
            power: power,
            malevolent: malevolent,
            nutrition: nutrition,
            description: description
        )
        return decoded
    }
}
