import BrogueCore

/// A blueprint file: one machine blueprint per file, named `<id>.yaml`, under `blueprints/`.
enum BlueprintSchema {
    static let table = ContentSchema.Table(
        name: "blueprint",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init("name", .name, .required, "What the machine is, as the seed catalog names it (\"locked vault\")."),
            .init("depths", .range(min: 1, max: Dungeon.deepestLevel), .required, "Depths where it may be built."),
            .init("frequency", .integer(min: 0, max: 10_000), .value("10"), "Relative chance against the other blueprints that fit the depth."),
            .init(
                "width",
                .range(min: 1, max: Blueprint.maxWidth),
                .required,
                "Width of the room's inside, at most \(Blueprint.maxWidth) (the map less its rim and the room's walls)."
            ),
            .init("height", .range(min: 1, max: Blueprint.maxHeight), .required, "Height of the room's inside, at most \(Blueprint.maxHeight)."),
            .init(
                "entrance",
                .reference("terrain"),
                .optional,
                "Terrain of the one cell in the wall through which the room is entered; none leaves an open doorway."
            ),
            .init("floor", .reference("terrain"), .optional, "Terrain laid on every inside cell first (carpet, shallow water)."),
            .init("features", .list("feature"), .value("[]"), "What is placed, in order; each feature takes cells no earlier one took."),
        ]
    )

    static let feature = ContentSchema.Table(
        name: "feature",
        fields: [
            .init("terrain", .reference("terrain"), .optional, "Terrain laid on each of the feature's cells."),
            .init(
                "placement",
                .choice("placement", FeaturePlacement.allCases.map(\.rawValue)),
                .value("interior"),
                "Where: `interior` (any inside cell), `center`, `far` (farthest from the entrance), `edge` (against a wall), `wall` (in the room's wall), `outside` (floor elsewhere on the level, reachable without any machine), `outside-wall` (a wall elsewhere facing reachable floor), `path` (the straight line from the entrance to the far wall, cleared of liquid: a bridge), `path-end` (the free cell of that line nearest the far wall, cleared of liquid: a landing), `path-start` (the free cell of that line nearest the entrance, cleared of liquid: a ledge facing the drop)."
            ),
            .init("count", .range(min: 0, max: 100), .value("1"), "How many cells; fewer than the least refuses the site and another is tried."),
            .init("item", .table("feature item"), .optional, "An item placed on each cell when the level is first visited."),
            .init("monster", .table("feature monster"), .optional, "A monster placed on each cell when the level is first visited."),
            .init(
                "key-slot",
                .boolean,
                .value("false"),
                "In a key room: another machine's key lies on this cell, or is carried by this feature's monster."
            ),
        ]
    )

    static let item = ContentSchema.Table(
        name: "feature item",
        fields: [
            .init("kind", .reference("item"), .optional, "One item kind; without it, one is drawn from the depth's item table."),
            .init(
                "categories",
                .flags("item category", ItemCategory.allCases.map(\.rawValue)),
                .value("[]"),
                "Without `kind`: draw only among these categories (all when empty)."
            ),
            .init("key", .boolean, .value("false"), "The item is this machine's key (its `kind` must be of category `key`)."),
            .init(
                "held-in",
                .strings("blueprint ids"),
                .value("[]"),
                "For a key: key rooms (blueprints with a `key-slot`), one of which is built to hold it; the key lies outside when none fits."
            ),
            .init("least-enchant", .integer(min: 0, max: 10), .value("0"), "A drawn item's enchantment is raised to at least this."),
        ]
    )

    static let monster = ContentSchema.Table(
        name: "feature monster",
        fields: [
            .init("kind", .reference("monster"), .optional, "One monster kind; without it, one is drawn from the depth's spawn table."),
            .init(
                "state",
                .choice("monster state", MachineMonsterState.allCases.map(\.rawValue)),
                .value("sleeping"),
                "`sleeping`; `captive` (shackled until the player frees it, then an ally); `dormant` (wakes when the machine fires); `guarding` (awake, never leaves the machine)."
            ),
        ]
    )

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<Blueprint> {
        guard let r = EntryReader(node, table: table, what: "blueprint", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "blueprint")
        var decoded = Decoded<Blueprint>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        let label = r.label
        func ref(_ kind: ContentKind, _ reader: EntryReader, _ key: String, _ place: String) -> String? {
            guard reader.has(key), let v = reader.string(key) else { return nil }
            decoded.references.append(Reference(kind: kind, id: v, mark: reader.mark(key), place: place))
            return v
        }
        let name = r.string("name")
        let depths = r.range("depths")
        let frequency = r.int("frequency")
        let width = r.range("width")
        let height = r.range("height")
        let entrance = ref(.terrain, r, "entrance", "'entrance' of \(label)")
        let floor = ref(.terrain, r, "floor", "'floor' of \(label)")
        var features: [BlueprintFeature] = []
        var featuresOK = true
        for (i, n) in (r.list("features") ?? []).enumerated() {
            let what = "feature \(i + 1) of \(label)"
            guard let e = EntryReader(n, table: feature, what: what, entry: id, sink: file.sink) else {
                featuresOK = false
                continue
            }
            let terrain = ref(.terrain, e, "terrain", "'terrain' of \(what)")
            var itemChoice: ItemChoice?
            if let itemNode = e.mapping("item"), let ir = EntryReader(itemNode, table: item, what: "item of \(what)", entry: id, sink: file.sink) {
                let kind = ref(.items, ir, "kind", "'kind' of the item of \(what)")
                let categories = (ir.flagNames("categories") ?? []).compactMap(ItemCategory.init(rawValue:))
                let key = ir.bool("key") ?? false
                if key && kind == nil {
                    ir.error(ir.mark("key"), "the key of \(what) needs a 'kind' (an item of category 'key')", hint: "add 'kind: vault-key'")
                }
                if kind != nil && ir.has("categories") {
                    ir.error(ir.keyMark("categories"), "the item of \(what) names both a 'kind' and 'categories'", hint: "keep one")
                }
                let heldIn = (ir.strings("held-in") ?? []).map(\.0)
                if !heldIn.isEmpty && !key {
                    ir.error(ir.keyMark("held-in"), "'held-in' of \(what) applies only to a key", hint: "add 'key: true', or remove 'held-in'")
                }
                itemChoice = ItemChoice(kind: kind, categories: categories, key: key, heldIn: heldIn, leastEnchant: ir.int("least-enchant") ?? 0)
            }
            var monsterChoice: MonsterChoice?
            if let monsterNode = e.mapping("monster"),
                let mr = EntryReader(monsterNode, table: monster, what: "monster of \(what)", entry: id, sink: file.sink)
            {
                let kind = ref(.monsters, mr, "kind", "'kind' of the monster of \(what)")
                let state = mr.string("state").flatMap(MachineMonsterState.init(rawValue:)) ?? .sleeping
                monsterChoice = MonsterChoice(kind: kind, state: state)
            }
            let placement = e.string("placement").flatMap(FeaturePlacement.init(rawValue:))
            let count = e.range("count")
            let keySlot = e.bool("key-slot") ?? false
            if terrain == nil && itemChoice == nil && monsterChoice == nil && !keySlot && !e.hasErrors {
                e.error(n.mark, "\(what) places nothing", hint: "give it a 'terrain', an 'item' or a 'monster'")
            }
            if itemChoice?.key == true, let placement, placement != .outside {
                e.error(e.mark("placement"), "the key of \(what) must be placed 'outside', where it can be reached without its vault")
            }
            guard !e.hasErrors, let placement, let count else {
                featuresOK = false
                continue
            }
            features.append(
                BlueprintFeature(terrain: terrain, placement: placement, count: count, item: itemChoice, monster: monsterChoice, keySlot: keySlot)
            )
        }
        if let width, let height {
            let needed = features.filter { $0.placement.isInside }.reduce(0) { $0 + $1.count.lowerBound }
            if needed > width.upperBound * height.upperBound {
                r.error(
                    r.mark("features"),
                    "\(label) needs \(needed) inside cells for its features but its largest room has \(width.upperBound * height.upperBound); it can never fit",
                    hint: "raise 'width'/'height' or lower the features' counts"
                )
            }
        }
        guard !r.hasErrors, featuresOK, let id, let name, let depths, let frequency, let width, let height else { return decoded }
        decoded.value = Blueprint(
            id: id,
            name: name,
            depths: depths,
            frequency: frequency,
            width: width,
            height: height,
            entrance: entrance,
            floor: floor,
            features: features
        )
        return decoded
    }
}
