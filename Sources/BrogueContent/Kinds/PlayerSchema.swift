import BrogueCore

/// `player.yaml`: the player's starting statistics and kit.
enum PlayerSchema {
    static let table = ContentSchema.Table(
        name: "player",
        fields: [
            .init("name", .name, .value("you"), "What messages call the player."),
            .init("hp", .integer(min: 1, max: nil), .value("40"), "Starting and maximum hit points."),
            .init("accuracy", .integer(min: 0, max: nil), .value("100"), "Hit chance in percent against defense 0."),
            .init("defense", .integer(min: 0, max: nil), .value("0"), "Defense before armor."),
            .init("strength", .integer(min: 1, max: nil), .value("12"), "Starting strength."),
            .init("damage", .damage, .value("{min: 1, max: 2}"), "Damage with bare hands."),
            .init("regen-turns", .integer(min: 0, max: nil), .value("9"), "Turns to regain one hit point."),
            .init("stomach", .integer(min: 1, max: nil), .value("2150"), "Turns of food a full stomach holds."),
            .init(
                "light-radius",
                .range(min: 1, max: nil),
                .value("\"3-9\""),
                "Light radius on depth 1 and on the deepest level; depths between are interpolated."
            ),
            .init("stealth-range", .integer(min: 1, max: nil), .value("14"), "How far monsters notice the player moving normally."),
            .init(
                "freeing-turns",
                .integer(min: 1, max: nil),
                .value("1"),
                "Turns of work (walking into the captive) that free a captive from its shackles; 1 frees it at once."
            ),
            .init(
                "strong-search-turns",
                .integer(min: 0, max: nil),
                .value("0"),
                "Searches in a row (`s` held) whose last is a strong search: radius 10 instead of 5, sure of every secret in view; 0 for none."
            ),
            .init(
                "running-noise",
                .boolean,
                .value("false"),
                "Whether running (travel and explore steps) doubles the stealth range, as fighting does."
            ),
            .init("starting-items", .list("starting item"), .value("[]"), "The kit the player starts with."),
        ]
    )

    static let startingItem = ContentSchema.Table(
        name: "starting item",
        fields: [
            .init("item", .reference("item"), .required, "The item."),
            .init("quantity", .integer(min: 1, max: nil), .value("1"), "How many (darts, rations)."),
            .init("equipped", .boolean, .value("false"), "Wielded or worn from the start (weapons and armor only)."),
        ]
    )

    struct File {
        var file: String
        var player: PlayerKind?
        /// The position of each starting item's id, in order.
        var itemMarks: [Mark] = []
    }

    static func decode(_ node: YNode, _ context: FileContext) -> File {
        var out = File(file: context.sink.file)
        guard let r = EntryReader(node, table: table, what: "player", sink: context.sink) else { return out }
        var items: [StartingItem] = []
        for element in r.list("starting-items") ?? [] {
            guard let e = EntryReader(element, table: startingItem, what: "starting item", idKey: "item", sink: context.sink) else { continue }
            let (id, quantity, equipped) = (e.string("item"), e.int("quantity"), e.bool("equipped"))
            guard let id, let quantity, let equipped else { continue }
            items.append(StartingItem(kind: id, quantity: quantity, equipped: equipped))
            out.itemMarks.append(e.mark("item"))
        }
        let name = r.string("name")
        let hp = r.int("hp")
        let accuracy = r.int("accuracy")
        let defense = r.int("defense")
        let strength = r.int("strength")
        let damage = r.damage("damage")
        let regen = r.int("regen-turns")
        let stomach = r.int("stomach")
        let light = r.range("light-radius")
        let stealth = r.int("stealth-range")
        let freeing = r.int("freeing-turns")
        let strongSearch = r.int("strong-search-turns")
        let runningNoise = r.bool("running-noise")
        guard !r.hasErrors, let name, let hp, let accuracy, let defense, let strength, let damage, let regen, let stomach, let light,
            let stealth, let freeing, let strongSearch, let runningNoise
        else { return out }
        out.player = PlayerKind(
            name: name,
            hp: hp,
            accuracy: accuracy,
            defense: defense,
            strength: strength,
            damage: damage,
            regenTurns: regen,
            stomach: stomach,
            lightRadius: light,
            stealthRange: stealth,
            freeingTurns: freeing,
            strongSearchTurns: strongSearch,
            runningNoise: runningNoise,
            startingItems: items
        )
        return out
    }
}
