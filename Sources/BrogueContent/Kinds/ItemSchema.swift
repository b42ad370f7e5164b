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
                .itemEffect,
                .optional,
                "Potions and scrolls (required), charms (this or `bolt`): the rule run when used: a built-in effect (below), "
                    + "a plugin's `<plugin-id>.<name>`, or a `native effect` mapping that takes its power from a plugin native."
            ),
            .init(
                "power",
                .integer(min: 0, max: nil),
                .value("0"),
                "Potions and scrolls: the effect's strength (percent healed, turns, ...). Wands: the level their bolt is cast at. "
                    + "Charms: the effect's strength at level 1 (level n: n times it). Rings: what one level of enchantment adds "
                    + "(0 counts as 1)."
            ),
            .init("malevolent", .boolean, .value("false"), "Potions and scrolls: using it harms the user."),
            .init("nutrition", .integer(min: 0, max: nil), .value("0"), "Food (required): turns of nutrition it gives."),
            .init(
                "bolt",
                .reference("bolt"),
                .optional,
                "Staffs and wands (required): the bolt it zaps. Charms: a bolt cast where the user stands, at the charm's level."
            ),
            .init(
                "charges",
                .range(min: 1, max: 30),
                .value("1"),
                "Staffs: the level one is found at (its enchantment and most charges). Wands: the charges one holds. "
                    + "Rings and charms: the level one is found at (a ring is cursed, at minus that, 3 times in 10)."
            ),
            .init(
                "recharge",
                .integer(min: 1, max: nil),
                .value("500"),
                "Staffs and charms: turns to regain a charge at level 1; a level-n one takes 1/n of it."
            ),
            .init(
                "ring",
                .choice("ring power", RingPower.allCases.map(\.rawValue)),
                .optional,
                "Rings (required): what the ring changes while worn."
            ),
            .init(
                "attack",
                .choice("weapon attack", WeaponAttack.allCases.map(\.rawValue)),
                .value("normal"),
                "Weapons: how it strikes besides a plain blow: `lash`, `flail`, `sweep`, `pierce`, `lunge`, `slow` or `arc` (below)."
            ),
            .init(
                "bursts-into",
                .reference("terrain"),
                .optional,
                "Throwable weapons: the terrain (fire) it bursts into where it lands; it is spent."
            ),
            .init("description", .text, .value("\"\""), "Text shown when the player looks at it."),
        ]
    )

    /// `effect: {native: ..., args: [...], then: ...}`: the power comes from a native.
    static let nativeEffect = ContentSchema.Table(
        name: "native effect",
        fields: [
            .init("native", .text, .required, "The native to call, `<plugin-id>.<name>` as its plugin.yaml `natives` declares it."),
            .init(
                "args",
                .strings("native arguments"),
                .value("[]"),
                "What to pass, in order: `depth`, `turn`, `power`, `player-hp`, `player-max-hp`, `player-strength`, `gold`, or a whole number."
            ),
            .init("then", .text, .required, "The effect run with the native's result as its power: a built-in effect or `<plugin-id>.<name>`."),
        ]
    )

    /// Fields that mean something only for some categories; giving one elsewhere is an error.
    static let appliesTo: [String: [ItemCategory]] = [
        "damage": [.weapon], "accuracy": [.weapon], "throwable": [.weapon], "quantity": [.weapon],
        "strength": [.weapon, .armor], "armor": [.armor],
        "effect": [.potion, .scroll, .charm], "power": [.potion, .scroll, .wand, .ring, .charm], "malevolent": [.potion, .scroll],
        "nutrition": [.food], "bolt": [.staff, .wand, .charm], "charges": [.staff, .wand, .ring, .charm], "recharge": [.staff, .charm],
        "ring": [.ring], "attack": [.weapon], "bursts-into": [.weapon],
    ]

    /// The field each category cannot do without.
    static let needs: [ItemCategory: String] = [
        .weapon: "damage", .armor: "armor", .potion: "effect", .scroll: "effect", .food: "nutrition", .staff: "bolt", .wand: "bolt",
        .ring: "ring",
    ]

    static let malevolentEffects: Set<ItemEffect> = [
        .confusion, .darkness, .incineration, .paralysis, .aggravateMonsters, .summonMonsters, .hallucination, .creepingDeath,
    ]

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
        let (effect, nativePower) = r.has("effect") ? readEffect(r) : (nil, nil)
        let power = r.int("power")
        let malevolent = r.bool("malevolent")
        let nutrition = r.int("nutrition")
        let bolt = r.has("bolt") ? r.string("bolt") : nil
        let charges = r.range("charges")
        let recharge = r.int("recharge")
        let ring = r.has("ring") ? r.string("ring").flatMap(RingPower.init(rawValue:)) : nil
        let attack = r.string("attack").flatMap(WeaponAttack.init(rawValue:))
        let burstsInto = r.has("bursts-into") ? r.string("bursts-into") : nil
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
            if category == .charm, !r.has("effect"), !r.has("bolt") {
                r.error(r.node.mark, "charm \(r.label) needs 'effect' or 'bolt'", hint: "add 'effect: <item effect>' or 'bolt: <bolt id>'")
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
        if let bolt { decoded.references.append(Reference(kind: .bolts, id: bolt, mark: r.mark("bolt"), place: "'bolt' of \(r.label)")) }
        if let burstsInto {
            decoded.references.append(Reference(kind: .terrain, id: burstsInto, mark: r.mark("bursts-into"), place: "'bursts-into' of \(r.label)"))
        }
        guard !r.hasErrors, let id, let name, let category, let glyph, let color, let value, let accuracy, let strength,
            let throwable, let quantity, let armor, let power, let malevolent, let nutrition, let charges, let recharge, let description,
            let attack
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
            nativePower: nativePower,
            malevolent: malevolent,
            nutrition: nutrition,
            bolt: bolt,
            charges: charges,
            recharge: recharge,
            ring: ring,
            description: description
        )
        decoded.value?.attack = attack
        decoded.value?.burstsInto = burstsInto
        return decoded
    }

    /// Reads `effect`: a name, or a mapping calling a native. Reports problems to `r`.
    private static func readEffect(_ r: EntryReader) -> (String?, NativeCall?) {
        guard let (node, _) = r.valueNode("effect") else { return (nil, nil) }
        if case .mapping = node.value {
            guard let e = EntryReader(node, table: nativeEffect, what: "effect of \(r.label)", entry: r.entry, sink: r.sink) else {
                return (nil, nil)
            }
            let native = e.string("native")
            if let native, !RuleExtensions.isQualified(native) {
                e.error(
                    e.mark("native"),
                    "'native' in effect of \(r.label) must be '<plugin-id>.<name>', found '\(native.clipped)'",
                    hint: "name a native from a plugin's 'natives' list, like alchemy.brew-strength"
                )
            }
            var arguments: [NativeArgument] = []
            for (text, mark) in e.strings("args") ?? [] {
                if let a = NativeArgument(name: text) {
                    arguments.append(a)
                } else {
                    e.error(
                        mark,
                        "unknown native argument '\(text.clipped)' in effect of \(r.label)",
                        hint: DidYouMean.hint(for: text, among: NativeArgument.names)
                            ?? "write one of \(NativeArgument.names.joined(separator: ", ")) or a whole number -1000000...1000000"
                    )
                }
            }
            let then = e.string("then").flatMap { effectName($0, e.mark("then"), "'then' in effect of \(r.label)", e) }
            guard !e.hasErrors, let native, let then else { return (nil, nil) }
            return (then, NativeCall(native: native, arguments: arguments))
        }
        guard let text = node.scalar, !node.isNull else {
            r.error(node.mark, "expected an item effect for 'effect' in \(r.label), found \(node.foundDescription)")
            return (nil, nil)
        }
        return (effectName(text, node.mark, "'effect' in \(r.label)", r), nil)
    }

    /// A built-in effect's name or `<plugin-id>.<name>`, else an error.
    private static func effectName(_ text: String, _ mark: Mark, _ what: String, _ r: EntryReader) -> String? {
        if ItemEffect(rawValue: text) != nil || RuleExtensions.isQualified(text) { return text }
        let names = ItemEffect.allCases.map(\.rawValue)
        r.error(
            mark,
            "\(what) must be a built-in effect (\(names.joined(separator: ", "))) or a plugin's '<plugin-id>.<name>'; found '\(text.clipped)'",
            hint: DidYouMean.hint(for: text, among: names)
        )
        return nil
    }
}
