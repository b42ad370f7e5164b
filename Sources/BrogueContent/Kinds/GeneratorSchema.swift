import BrogueCore

/// A generator profile file: one profile per file, named `<id>.yaml`, under `generators/`.
enum GeneratorSchema {
    static let maxRoomWidth = Dungeon.width - 2
    static let maxRoomHeight = Dungeon.height - 2

    static let table = ContentSchema.Table(
        name: "generator",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init(
                "depths",
                .range(min: 1, max: Dungeon.deepestLevel),
                .required,
                "Depths the profile builds; the first profile (in load order) covering a depth wins."
            ),
            .init("entrance", .table("room design"), .required, "The first room, where the up stairs go."),
            .init("rooms", .list("room design"), .required, "Designs of every later room, drawn by weight."),
            .init("room-attempts", .integer(min: 0, max: 200), .value("40"), "Rooms designed and tried; those that fit nowhere are dropped."),
            .init("corridor-chance", .integer(min: 0, max: 100), .value("25"), "Percent of rooms that arrive at the end of a straight corridor."),
            .init("loops", .integer(min: 0, max: 200), .value("20"), "Most extra doorways cut to join far-apart places."),
            .init(
                "loop-min-distance",
                .integer(min: 2, max: 500),
                .value("20"),
                "A wall is cut for a loop only if walking round it takes at least this many steps."
            ),
            .init("door-chance", .integer(min: 0, max: 100), .value("60"), "Percent of doorways given a door; the rest stay open."),
            .init(
                "secret-doors",
                .table("depth curve"),
                .value("{start: 0, end: 0}"),
                "Percent of loop doorways that are secret doors, by depth."
            ),
            .init("lakes", .list("lake"), .value("[]"), "Lakes tried on each level, in order."),
            .init("decorations", .list("decoration"), .value("[]"), "Patches of terrain and traps scattered on each level, in order."),
            .init("bridges", .table("bridges"), .optional, "Bridges across chasms and deep water; none when left out."),
            .init(
                "machines",
                .table("depth curve"),
                .value("{start: 2, end: 4}"),
                "Machines (blueprints, `docs/content/blueprints.md`) tried per level, by depth."
            ),
            .init(
                "stages",
                .strings("plugin stage names"),
                .value("[]"),
                "Plugin generator stages (`<plugin-id>.<name>`) run on this profile's levels, in order, after the built-in stages; "
                    + "a plugin stage that no profile names runs on every level."
            ),
        ]
    )

    static let room = ContentSchema.Table(
        name: "room design",
        fields: [
            .init("design", .choice("room design", RoomDesign.allCases.map(\.rawValue)), .required, "The room's shape."),
            .init("weight", .integer(min: 0, max: nil), .value("10"), "Relative chance against the profile's other room designs."),
            .init(
                "width",
                .range(min: 1, max: maxRoomWidth),
                .computed("by design"),
                "Width of the room's bounding box, at most the map's inside (\(maxRoomWidth))."
            ),
            .init(
                "height",
                .range(min: 1, max: maxRoomHeight),
                .computed("by design"),
                "Height of the room's bounding box, at most the map's inside (\(maxRoomHeight))."
            ),
        ]
    )

    static let curve = ContentSchema.Table(
        name: "depth curve",
        fields: [
            .init("start", .integer(min: 0, max: 1000), .required, "Value at `from-depth` and above."),
            .init("end", .integer(min: 0, max: 1000), .required, "Value at `to-depth` and below."),
            .init("from-depth", .integer(min: 1, max: Dungeon.deepestLevel), .value("1"), "Where the value starts to change."),
            .init("to-depth", .integer(min: 1, max: Dungeon.deepestLevel), .value("26"), "Where it reaches `end`."),
        ]
    )

    static let lake = ContentSchema.Table(
        name: "lake",
        fields: [
            .init("deep", .reference("terrain"), .required, "Liquid terrain of the lake's body."),
            .init("shallow", .reference("terrain"), .optional, "Liquid terrain of the wreath round it; none for no wreath."),
            .init("chance", .table("depth curve"), .required, "Percent chance of each attempt, by depth."),
            .init("attempts", .integer(min: 0, max: 20), .value("3"), "Lakes tried per level."),
            .init("width", .range(min: 2, max: maxRoomWidth), .value("\"6-20\""), "Width of the lake's bounding box."),
            .init("height", .range(min: 2, max: maxRoomHeight), .value("\"4-10\""), "Height of the lake's bounding box."),
            .init("wreath", .integer(min: 0, max: 3), .value("1"), "Width of the shallow wreath in cells."),
            .init("min-depth", .integer(min: 1, max: Dungeon.deepestLevel), .value("1"), "Shallowest depth where the lake appears."),
        ]
    )

    static let decoration = ContentSchema.Table(
        name: "decoration",
        fields: [
            .init("terrain", .reference("terrain"), .required, "The terrain laid."),
            .init(
                "placement",
                .choice("placement", DecorationPlacement.allCases.map(\.rawValue)),
                .value("floor"),
                "`floor`: on bare floor (must not block movement or be a hazard); `wall`: replacing a wall that faces open floor; `trap`: one trap per count (an `is-trap` terrain)."
            ),
            .init("count", .table("depth curve"), .required, "Patches per level, by depth."),
            .init("size", .range(min: 1, max: 200), .value("1"), "Cells per patch (traps are single cells)."),
        ]
    )

    static let bridges = ContentSchema.Table(
        name: "bridges",
        fields: [
            .init("terrain", .reference("terrain"), .required, "The bridge terrain: dungeon layer, flagged `bridge`."),
            .init("count", .table("depth curve"), .required, "Most bridges per level, by depth."),
            .init("max-length", .integer(min: 2, max: maxRoomWidth), .value("12"), "Most cells of chasm or deep water a bridge spans."),
            .init(
                "detour",
                .integer(min: 1, max: 50),
                .value("4"),
                "A bridge is laid only where walking between its ends takes at least this many times its length (ends included)."
            ),
        ]
    )

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<GeneratorProfile> {
        guard let r = EntryReader(node, table: table, what: "generator", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "generator")
        var decoded = Decoded<GeneratorProfile>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        var parts = GeneratorDecoder(r, id: id, file: file)
        let depths = r.range("depths")
        let entrance = r.mapping("entrance").flatMap { parts.room($0, "entrance") }
        let rooms = parts.rooms()
        let secret = parts.secretDoors()
        let lakes = parts.lakes()
        let decorations = parts.decorations()
        let machines = r.has("machines") ? parts.curve(r.mapping("machines"), "'machines'") : DepthCurve(start: 2, end: 4)
        let bridgeSpec = parts.bridges()
        let stages = parts.stages()
        decoded.references = parts.references
        let (attempts, corridor, loops, loopDistance, doorChance) = (
            r.int("room-attempts"), r.int("corridor-chance"), r.int("loops"), r.int("loop-min-distance"), r.int("door-chance")
        )
        guard !r.hasErrors, let id, let depths, let entrance, let secret, let attempts, let corridor, let loops, let loopDistance,
            let doorChance, let machines
        else { return decoded }
        decoded.value = GeneratorProfile(
            id: id,
            depths: depths,
            entrance: entrance,
            rooms: rooms,
            roomAttempts: attempts,
            corridorChance: corridor,
            loops: loops,
            loopMinDistance: loopDistance,
            lakes: lakes,
            doorChance: doorChance,
            secretDoors: secret,
            decorations: decorations,
            machines: machines,
            bridges: bridgeSpec,
            stages: stages
        )
        return decoded
    }
}
