/// The kinds of content file a plugin can hold, named as the manifest's `content` keys name them.
public enum ContentKind: String, CaseIterable, Sendable, Hashable {
    /// One file per terrain kind.
    case terrain
    /// One file per monster kind.
    case monsters
    /// One file per item kind.
    case items
    /// Per-depth spawn tables and level populations.
    case spawns
    /// The player's starting statistics and kit.
    case player
    /// Potion colours and scroll syllables used to disguise unidentified items.
    case appearances
    /// Level generator profiles, one per file, each covering a range of depths.
    case generators
    /// Machine blueprints (vaults, altars, captives...), one per file.
    case blueprints
    /// Bolts that staffs and wands zap, one per file.
    case bolts
    /// Runics weapons and armors may carry, one per file.
    case runics
    /// The plugin's own `plugin.yaml`.
    case manifest

    /// The kinds a manifest's `content` mapping may list (all but the manifest itself).
    public static let contentKinds: [ContentKind] = [
        .terrain, .monsters, .items, .spawns, .player, .appearances, .generators, .blueprints, .bolts, .runics,
    ]
}

/// Every field a content file may hold, as the loader reads it and as the docs describe it.
///
/// The loader decodes through these tables, so unknown keys, defaults, required fields and
/// the schema documents in `docs/content/` all come from one place (a test holds the docs to it).
public struct ContentSchema: Sendable {
    /// One mapping's fields: the file's top level, or a mapping nested in it.
    public struct Table: Sendable {
        /// The table's name, as the docs head it ("monster", "starting item").
        public let name: String
        public let fields: [Field]

        init(name: String, fields: [Field]) {
            self.name = name
            self.fields = fields
        }

        func field(_ name: String) -> Field? { fields.first { $0.name == name } }
    }

    /// One key of a mapping.
    public struct Field: Sendable {
        /// The key as written in YAML (kebab-case).
        public let name: String
        /// Human-readable meaning.
        public let meaning: String
        let valueType: FieldType
        let presence: Presence

        init(_ name: String, _ valueType: FieldType, _ presence: Presence, _ meaning: String) {
            self.name = name
            self.valueType = valueType
            self.presence = presence
            self.meaning = meaning
        }

        /// The value's type as the docs write it ("integer >= 1", "colour", "range 1-26").
        public var type: String { valueType.docName }
        /// The default as the docs write it: a YAML value, "none", or "—" for required fields.
        public var defaultValue: String { presence.docText }
        /// Whether a file must give the field.
        public var required: Bool {
            if case .required = presence { return true }
            return false
        }
    }

    public let kind: ContentKind
    /// The file's top-level table first, then the nested ones.
    public let tables: [Table]
}

/// Whether a field must be given, and what it is when it is not.
enum Presence: Sendable {
    case required
    /// May be left out; then it has no value.
    case optional
    /// May be left out; then it is this YAML value, read as the field's type.
    case value(String)
    /// May be left out; then the loader works it out as described.
    case computed(String)

    var docText: String {
        switch self {
        case .required: "—"
        case .optional: "none"
        case .value(let text): text
        case .computed(let text): text
        }
    }
}

/// The type of a field's value, which decides how it is read and checked.
enum FieldType: Sendable {
    /// A kebab-case id naming this entry.
    case id
    /// A kebab-case id of an entry of another kind ("monster id"); checked once everything is loaded.
    case reference(String)
    /// One line of text, not empty.
    case name
    /// Any text, possibly empty.
    case text
    case integer(min: Int, max: Int?)
    case boolean
    /// `"#rrggbb"`.
    case color
    /// One character.
    case glyph
    /// One printable ASCII character.
    case asciiGlyph
    /// `{min, max, clump}`.
    case damage
    /// `"3-7"` or a single integer.
    case range(min: Int, max: Int?)
    /// A list of flag names, from the given set.
    case flags(String, [String])
    /// One of a fixed set of words.
    case choice(String, [String])
    /// A list of mappings described by the named table (named in the singular).
    case list(String)
    /// A list of strings.
    case strings(String)
    /// A mapping described by the named table.
    case table(String)
    /// `major.minor.patch`.
    case version
    /// A plugin ABI version, `major.minor`.
    case abiVersion
    /// Space-separated version comparisons (`VersionRange`).
    case versionRange
    /// A file path relative to the plugin folder, never leaving it.
    case relativePath
    /// A C identifier, as a shared library exports it.
    case symbol
    /// An item effect: a built-in effect's name, a plugin's `<plugin-id>.<name>`, or a mapping
    /// that calls a native for the power (`native effect` table).
    case itemEffect

    var docName: String {
        switch self {
        case .id: "id"
        case .reference(let of): "\(of) id"
        case .name: "string"
        case .text: "text"
        case .integer(let min, let max): max.map { "integer \(min)-\($0)" } ?? "integer >= \(min)"
        case .boolean: "boolean"
        case .color: "colour"
        case .glyph: "glyph"
        case .asciiGlyph: "ASCII glyph"
        case .damage: "damage"
        case .range(let min, let max): max.map { "range \(min)-\($0)" } ?? "range >= \(min)"
        case .flags(let of, _): "list of \(of) flags"
        case .choice(let name, _): name
        case .list(let table): "list of " + (table.hasSuffix("y") ? table.dropLast() + "ies" : table + "s")
        case .strings(let what): "list of \(what)"
        case .table(let table): "\(table) mapping"
        case .version: "version"
        case .abiVersion: "ABI version"
        case .versionRange: "version range"
        case .relativePath: "file path"
        case .symbol: "C symbol"
        case .itemEffect: "item effect"
        }
    }
}
