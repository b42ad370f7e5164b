import BrogueCore

/// `appearances.yaml`: what unidentified potions and scrolls look like.
enum AppearancesSchema {
    static let table = ContentSchema.Table(
        name: "appearances",
        fields: [
            .init("potion-colors", .list("potion colour"), .required, "Disguises for potions; at least as many as there are potion kinds."),
            .init("scroll-syllables", .strings("syllables"), .required, "Syllables joined at random into scroll titles; at least 2."),
            .init("staff-woods", .strings("woods"), .value("[]"), "What unknown staffs look like (\"teak staff\"); empty: a built-in list."),
            .init("wand-metals", .strings("metals"), .value("[]"), "What unknown wands look like (\"brass wand\"); empty: a built-in list."),
            .init("ring-gems", .strings("gems"), .value("[]"), "What unknown rings look like (\"garnet ring\"); empty: a built-in list."),
        ]
    )

    static let potionColor = ContentSchema.Table(
        name: "potion colour",
        fields: [
            .init("name", .name, .required, "The colour's name (\"murky\", \"pink\")."),
            .init("color", .color, .required, "The colour the potion is drawn in."),
        ]
    )

    struct File {
        var file: String
        var appearances: Appearances?
        /// Distinct potion colours read, even when the file has other errors.
        var potionColorCount: Int?
        var potionColorsMark: Mark = .start
        var syllablesMark: Mark = .start
    }

    static func decode(_ node: YNode, _ context: FileContext) -> File {
        var out = File(file: context.sink.file)
        guard let r = EntryReader(node, table: table, what: "appearances", sink: context.sink) else { return out }
        out.potionColorsMark = r.keyMark("potion-colors")
        out.syllablesMark = r.keyMark("scroll-syllables")
        var colors: [Appearances.PotionColor] = []
        var seen: [String: Mark] = [:]
        for element in r.list("potion-colors") ?? [] {
            guard let e = EntryReader(element, table: potionColor, what: "potion colour", idKey: "name", sink: context.sink) else { continue }
            let (name, color) = (e.string("name"), e.color("color"))
            guard let name, let color else { continue }
            if let first = seen[name] {
                e.error(
                    e.mark("name"),
                    "potion colour '\(name.clipped)' is listed twice; first at \(first)",
                    hint: "each disguise needs its own name"
                )
                continue
            }
            seen[name] = e.mark("name")
            colors.append(Appearances.PotionColor(name: name, color: color))
        }
        if r.has("potion-colors") { out.potionColorCount = colors.count }
        var syllables: [String] = []
        var seenSyllables: Set<String> = []
        for (syllable, mark) in r.strings("scroll-syllables") ?? [] {
            if syllable.contains(where: \.isWhitespace) {
                r.error(
                    mark,
                    "scroll syllable '\(syllable.clipped)' contains a space",
                    hint: "syllables are joined into words; list each one on its own"
                )
            } else if !seenSyllables.insert(syllable).inserted {
                r.warning(mark, "scroll syllable '\(syllable.clipped)' is listed twice")
            } else {
                syllables.append(syllable)
            }
        }
        if r.has("scroll-syllables"), syllables.count < 2 {
            r.error(r.mark("scroll-syllables"), "scroll titles need at least 2 syllables, found \(syllables.count)")
        }
        guard !r.hasErrors else { return out }
        func words(_ key: String) -> [String] { (r.strings(key) ?? []).map(\.0) }
        out.appearances = Appearances(
            potionColors: colors,
            scrollSyllables: syllables,
            staffWoods: words("staff-woods"),
            wandMetals: words("wand-metals"),
            ringGems: words("ring-gems")
        )
        return out
    }
}
