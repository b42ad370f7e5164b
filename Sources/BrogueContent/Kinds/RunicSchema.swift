import BrogueCore

/// The runic file: one runic kind per file, named `<id>.yaml`. Generated weapons and armors may carry one.
enum RunicSchema {
    static let table = ContentSchema.Table(
        name: "runic",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init("name", .name, .required, "Shown after the item's name once known (\"quietus\": \"sword of quietus\")."),
            .init("slot", .choice("slot", RunicSlot.allCases.map(\.rawValue)), .required, "What carries it: `weapon` or `armor`."),
            .init("bad", .boolean, .value("false"), "A bad runic: it comes on items of negative enchantment instead of positive."),
            .init(
                "rule",
                .choice("runic rule", RunicRule.allCases.map(\.rawValue)),
                .required,
                "The rule it runs when it acts (below); the rule must fit the slot."
            ),
            .init("chance", .integer(min: 0, max: 100), .value("100"), "Percent chance it acts on a blow, at enchantment 0."),
            .init(
                "chance-per-enchant",
                .integer(min: 0, max: 100),
                .value("0"),
                "Percent points added to `chance` for each point of the item's enchantment (of either sign); at most 100 in all."
            ),
            .init("amount", .integer(min: 0, max: nil), .value("0"), "How much the rule does (below)."),
            .init("turns", .integer(min: 0, max: nil), .value("0"), "How long a timed rule lasts, in turns."),
            .init("monsters", .strings("monster ids"), .value("[]"), "`slaying` and `immunity` (required): the monster kinds it acts on."),
            .init("summons", .reference("monster"), .optional, "`multiplicity` (required): the monster it calls up beside the wielder."),
            .init("terrain", .reference("terrain"), .optional, "`immolation` (required): the terrain (fire) it sets around the wearer."),
            .init(
                "frequency",
                .integer(min: 0, max: nil),
                .value("10"),
                "Weight among the runics of its slot and sign when a generated item gets one; 0: never generated."
            ),
            .init("description", .text, .value("\"\""), "Text shown when the player looks at it."),
        ]
    )

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<RunicKind> {
        guard let r = EntryReader(node, table: table, what: "runic", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "runic")
        let name = r.string("name")
        let slot = r.string("slot").flatMap(RunicSlot.init(rawValue:))
        let bad = r.bool("bad")
        let rule = r.string("rule").flatMap(RunicRule.init(rawValue:))
        let chance = r.int("chance")
        let perEnchant = r.int("chance-per-enchant")
        let amount = r.int("amount")
        let turns = r.int("turns")
        let monsters = r.strings("monsters")
        let summons = r.has("summons") ? r.string("summons") : nil
        let terrain = r.has("terrain") ? r.string("terrain") : nil
        let frequency = r.int("frequency")
        let description = r.string("description")
        if let rule {
            if let slot, !rule.slots.contains(slot) {
                r.error(
                    r.mark("rule"),
                    "rule '\(rule.rawValue)' of \(r.label) cannot be on \(slot == .armor ? "an armor" : "a weapon")",
                    hint: "use slot '\(rule.slots.map(\.rawValue).joined(separator: "' or '"))', or another rule"
                )
            }
            for needed in rule.needs where !r.has(needed) {
                r.error(
                    r.mark("rule"),
                    "rule '\(rule.rawValue)' of \(r.label) needs '\(needed)'",
                    hint: "add '\(needed): <\(table.field(needed)?.type ?? "value")>'"
                )
            }
            for unused in ["monsters", "summons", "terrain"] where r.has(unused) && !rule.needs.contains(unused) {
                r.error(
                    r.keyMark(unused),
                    "'\(unused)' does not apply to rule '\(rule.rawValue)' of \(r.label)",
                    hint:
                        "remove it; it is read by \(unused == "monsters" ? "slaying and immunity" : unused == "summons" ? "multiplicity" : "immolation") only"
                )
            }
        }
        var decoded = Decoded<RunicKind>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        for (monster, mark) in monsters ?? [] {
            decoded.references.append(Reference(kind: .monsters, id: monster, mark: mark, place: "'monsters' of \(r.label)"))
        }
        if let summons {
            decoded.references.append(Reference(kind: .monsters, id: summons, mark: r.mark("summons"), place: "'summons' of \(r.label)"))
        }
        if let terrain {
            decoded.references.append(Reference(kind: .terrain, id: terrain, mark: r.mark("terrain"), place: "'terrain' of \(r.label)"))
        }
        guard !r.hasErrors, let id, let name, let slot, let bad, let rule, let chance, let perEnchant, let amount, let turns, let monsters,
            let frequency, let description
        else { return decoded }
        decoded.value = RunicKind(
            id: id,
            name: name,
            slot: slot,
            bad: bad,
            rule: rule,
            chance: chance,
            chancePerEnchant: perEnchant,
            amount: amount,
            turns: turns,
            monsters: monsters.map(\.0),
            summons: summons,
            terrain: terrain,
            frequency: frequency,
            description: description
        )
        return decoded
    }
}
