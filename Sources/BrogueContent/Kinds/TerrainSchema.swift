import BrogueCore

/// The terrain file: one terrain kind per file, named `<id>.yaml`.
enum TerrainSchema {
    static let table = ContentSchema.Table(
        name: "terrain",
        fields: [
            .init("id", .id, .required, "Kebab-case id; the file must be named `<id>.yaml`."),
            .init("name", .name, .required, "Name shown to the player."),
            .init("glyph", .glyph, .required, "Character drawn for it (any one Unicode character)."),
            .init("ascii-glyph", .asciiGlyph, .required, "Character drawn when the terminal asks for plain ASCII."),
            .init("foreground", .color, .required, "Glyph colour."),
            .init("background", .color, .value("\"#000000\""), "Cell colour behind the glyph."),
            .init("layer", .choice("layer", TerrainLayer.allCases.map(\.name)), .required, "Which of the cell's four layers it occupies."),
            .init("flags", .flags("terrain", TerrainFlags.names.map(\.0)), .value("[]"), "What it does to movement, vision and so on."),
            .init("draw-priority", .integer(min: 0, max: nil), .required, "Lower numbers draw on top when layers compete."),
            .init("discover-as", .reference("terrain"), .optional, "Secrets only: the terrain it becomes once found."),
            .init(
                "promotes-to",
                .reference("terrain"),
                .optional,
                "Machine parts (`wired` or `locked`): the terrain it becomes when its machine fires or its lock opens."
            ),
            .init("description", .text, .value("\"\""), "Text shown when the player looks at it."),
        ]
    )

    static func decode(_ node: YNode, _ file: FileContext) -> Decoded<TerrainKind> {
        guard let r = EntryReader(node, table: table, what: "terrain", idKey: "id", sink: file.sink) else {
            return Decoded(id: nil, value: nil, file: file.sink.file, mark: node.mark)
        }
        let id = file.id(r, kind: "terrain")
        let name = r.string("name")
        let glyph = r.character("glyph")
        let ascii = r.character("ascii-glyph")
        let foreground = r.color("foreground")
        let background = r.color("background")
        let layer = r.string("layer").flatMap { l in TerrainLayer.allCases.first { $0.name == l } }
        let flags = r.flagNames("flags").map { TerrainFlags(names: $0) }
        let priority = r.int("draw-priority")
        let discoverAs = r.has("discover-as") ? r.string("discover-as") : nil
        let description = r.string("description")
        let promotesTo = r.has("promotes-to") ? r.string("promotes-to") : nil
        if let flags {
            if flags.contains(.isWired) || flags.contains(.isLocked) {
                if !r.has("promotes-to") {
                    r.error(
                        r.mark("flags"),
                        "\(r.label) is 'wired' or 'locked' but has no 'promotes-to'",
                        hint: "name the terrain it becomes when its machine fires or its lock opens"
                    )
                }
            } else if r.has("promotes-to") {
                r.error(
                    r.keyMark("promotes-to"),
                    "'promotes-to' in \(r.label) applies only to a terrain flagged 'wired' or 'locked'",
                    hint: "add 'wired' or 'locked' to its flags, or remove 'promotes-to'"
                )
            }
            if r.has("discover-as") && !flags.contains(.isSecret) {
                r.error(
                    r.keyMark("discover-as"),
                    "'discover-as' in \(r.label) applies only to a terrain flagged 'secret'",
                    hint: "add 'secret' to its flags, or remove 'discover-as'"
                )
            }
            if flags.contains(.isDeep) && !flags.contains(.isLiquid) {
                r.warning(r.mark("flags"), "\(r.label) is 'deep' but not 'liquid'")
            }
        }
        var decoded = Decoded<TerrainKind>(id: id, value: nil, file: file.sink.file, mark: r.mark("id"))
        if let discoverAs {
            decoded.references.append(Reference(kind: .terrain, id: discoverAs, mark: r.mark("discover-as"), place: "'discover-as' of \(r.label)"))
        }
        if let promotesTo {
            decoded.references.append(Reference(kind: .terrain, id: promotesTo, mark: r.mark("promotes-to"), place: "'promotes-to' of \(r.label)"))
        }
        guard !r.hasErrors, let id, let name, let glyph, let ascii, let foreground, let background, let layer, let flags, let priority,
            let description
        else { return decoded }
        decoded.value = TerrainKind(
            id: id,
            name: name,
            glyph: glyph,
            asciiGlyph: ascii,
            foreground: foreground,
            background: background,
            layer: layer,
            flags: flags,
            drawPriority: priority,
            discoverAs: discoverAs,
            promotesTo: promotesTo,
            description: description
        )
        return decoded
    }
}

extension TerrainFlags {
    init(names: [String]) {
        self = []
        for (name, flag) in TerrainFlags.names where names.contains(name) { insert(flag) }
    }
}

extension MonsterFlags {
    init(names: [String]) {
        self = []
        for (name, flag) in MonsterFlags.names where names.contains(name) { insert(flag) }
    }
}
