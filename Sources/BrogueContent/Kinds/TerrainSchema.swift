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
            .init(
                "trap",
                .choice("trap effect", TrapEffect.allCases.map(\.rawValue)),
                .optional,
                "With `is-trap`: what springs when a creature steps on it."
            ),
            .init("on-step", .reference("terrain"), .optional, "With `promotes-on-step`: the terrain (same layer) it becomes when stepped on."),
            .init("decays-to", .reference("terrain"), .optional, "The terrain (same layer) it turns back into after `decay-turns` turns."),
            .init("decay-turns", .range(min: 1, max: 1000), .value("\"5-10\""), "Turns before it becomes its `decays-to` terrain."),
            .init("damage", .damage, .optional, "Damage each turn of `causes-damage` terrain, and of a `fire` trap."),
            .init(
                "release",
                .table("terrain release"),
                .optional,
                "What it lets loose when its machine turns a wired cell into it (a vent opening): a terrain spread round it."
            ),
            .init(
                "breathed",
                .choice("breathed effect", [TrapEffect.paralysis, .poison, .confusion].map(\.rawValue)),
                .optional,
                "A gas: what a creature standing in it suffers each turn (`paralysis`, `poison`, `confusion`)."
            ),
        ]
    )

    static let release = ContentSchema.Table(
        name: "terrain release",
        fields: [
            .init("terrain", .reference("terrain"), .required, "The terrain spread (a gas, deep water), laid on its own layer."),
            .init("radius", .integer(min: 1, max: 20), .required, "How many steps from the source it spreads; it passes no wall or closed door."),
            .init("turns", .range(min: 1, max: 1000), .value("\"10-20\""), "Turns it lasts before becoming its own `decays-to`, or clearing."),
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
        let trap = r.has("trap") ? r.string("trap").flatMap { TrapEffect(rawValue: $0) } : nil
        let onStep = r.has("on-step") ? r.string("on-step") : nil
        let decaysTo = r.has("decays-to") ? r.string("decays-to") : nil
        let decayTurns = r.range("decay-turns")
        let damage = r.has("damage") ? r.damage("damage") : nil
        let breathed = r.has("breathed") ? r.string("breathed").flatMap { TrapEffect(rawValue: $0) } : nil
        var release: TerrainRelease?
        var releaseRef: (String, Mark)?
        if let node = r.mapping("release"), let rr = EntryReader(node, table: Self.release, what: "release of \(r.label)", entry: id, sink: file.sink)
        {
            if let t = rr.string("terrain"), let radius = rr.int("radius"), let turns = rr.range("turns"), !rr.hasErrors {
                release = TerrainRelease(terrain: t, radius: radius, turns: turns)
                releaseRef = (t, rr.mark("terrain"))
            }
        }
        if let flags { checkHazardFields(r, flags: flags, trap: trap) }
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
        if let (t, mark) = releaseRef {
            decoded.references.append(Reference(kind: .terrain, id: t, mark: mark, place: "'terrain' of the release of \(r.label)"))
        }
        for (field, target) in [("on-step", onStep), ("decays-to", decaysTo)] {
            guard let target else { continue }
            decoded.references.append(
                Reference(kind: .terrain, id: target, mark: r.mark(field), place: "'\(field)' of \(r.label)", use: layer.map { .replaces($0) })
            )
        }
        guard !r.hasErrors, let id, let name, let glyph, let ascii, let foreground, let background, let layer, let flags, let priority,
            let description, let decayTurns
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
            description: description,
            trap: trap,
            onStep: onStep,
            decaysTo: decaysTo,
            decayTurns: decayTurns,
            damage: damage,
            release: release,
            breathed: breathed
        )
        return decoded
    }

    /// The hazard fields and flags that only make sense together, each refused where it is written.
    private static func checkHazardFields(_ r: EntryReader, flags: TerrainFlags, trap: TrapEffect?) {
        if r.has("trap") && !flags.contains(.isTrap) {
            r.error(r.keyMark("trap"), "'trap' in \(r.label) applies only to a terrain flagged 'is-trap'", hint: "add 'is-trap' to its flags")
        }
        if flags.contains(.isTrap) && !r.has("trap") && !flags.contains(.autoDescent) {
            r.error(
                r.mark("flags"),
                "\(r.label) is flagged 'is-trap' but springs nothing",
                hint: "give it 'trap: \(TrapEffect.allCases.map(\.rawValue).joined(separator: "|"))', or 'auto-descent' for a trap door"
            )
        }
        if r.has("on-step") && !flags.contains(.promotesOnStep) {
            r.error(
                r.keyMark("on-step"),
                "'on-step' in \(r.label) applies only to a terrain flagged 'promotes-on-step'",
                hint: "add 'promotes-on-step' to its flags"
            )
        }
        if flags.contains(.promotesOnStep) && !r.has("on-step") {
            r.error(r.mark("flags"), "\(r.label) is flagged 'promotes-on-step' but has no 'on-step' terrain", hint: "add 'on-step: <terrain id>'")
        }
        if flags.contains(.causesDamage) && !r.has("damage") {
            r.error(r.mark("flags"), "\(r.label) is flagged 'causes-damage' but gives no 'damage'", hint: "add 'damage: {min: 3, max: 6}'")
        }
        if trap == .fire && !r.has("damage") {
            r.error(r.mark("trap"), "\(r.label) is a fire trap but gives no 'damage'", hint: "add 'damage: {min: 3, max: 8}'")
        }
        if r.has("damage") && !flags.contains(.causesDamage) && trap != .fire {
            r.warning(r.keyMark("damage"), "'damage' in \(r.label) is used only with 'causes-damage' or 'trap: fire'")
        }
        if r.has("decay-turns") && !r.has("decays-to") {
            r.warning(r.keyMark("decay-turns"), "'decay-turns' in \(r.label) is used only with 'decays-to'")
        }
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
