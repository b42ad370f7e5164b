import BrogueCore
import Testing

@testable import BrogueContent

/// The schema's defaults agree with the defaults of the Core types they fill.
@Suite("Defaults")
struct DefaultsTests {
    private func decode(_ text: String, _ file: String) -> (YNode?, DiagnosticSink) {
        let sink = DiagnosticSink(file: file, cap: 100)
        return (SourceReader(limits: .default).compose(Array(text.utf8), expected: "a mapping", sink: sink), sink)
    }

    @Test("an empty player mapping is PlayerKind's defaults")
    func player() throws {
        let (node, sink) = decode("{}\n", "player.yaml")
        let top = try #require(node)
        let file = PlayerSchema.decode(top, FileContext(sink: sink))
        #expect(sink.diagnostics.isEmpty)
        #expect(file.player == PlayerKind())
    }

    @Test("a minimal monster gets MonsterKind's defaults")
    func monster() throws {
        let text = "id: rat\nname: rat\nglyph: r\ncolor: \"#ffffff\"\nhp: 6\ndefense: 0\naccuracy: 80\ndamage: {min: 1, max: 3}\nxp: 1\n"
        let (node, sink) = decode(text, "monsters/rat.yaml")
        let top = try #require(node)
        let kind = try #require(MonsterSchema.decode(top, FileContext(sink: sink)).value)
        let expected = MonsterKind(
            id: "rat",
            name: "rat",
            glyph: "r",
            color: .white,
            hp: 6,
            defense: 0,
            accuracy: 80,
            damage: DamageRange(min: 1, max: 3),
            xp: 1
        )
        #expect(kind == expected)
    }

    @Test("a minimal item gets ItemKind's defaults, including its category's glyph")
    func item() throws {
        let (node, sink) = decode("id: mango\nname: mango\ncategory: food\nnutrition: 1550\n", "items/mango.yaml")
        let top = try #require(node)
        let kind = try #require(ItemSchema.decode(top, FileContext(sink: sink)).value)
        #expect(kind == ItemKind(id: "mango", name: "mango", category: .food, nutrition: 1550))
        #expect(kind.glyph == ":")
    }

    @Test("every written default parses as its field's type", arguments: ContentKind.allCases)
    func defaultsParse(kind: ContentKind) throws {
        for table in ContentLoader.schema(for: kind).tables {
            for field in table.fields {
                guard case .value(let text) = field.presence else { continue }
                let sink = DiagnosticSink(file: "default", cap: 10)
                let node = try #require(SourceReader(limits: .default).compose(Array("\(field.name): \(text)\n".utf8), expected: "x", sink: sink))
                let reader = try #require(
                    EntryReader(node, table: ContentSchema.Table(name: table.name, fields: [field]), what: "default", sink: sink)
                )
                switch field.valueType {
                case .integer: #expect(reader.int(field.name) != nil)
                case .boolean: #expect(reader.bool(field.name) != nil)
                case .color: #expect(reader.color(field.name) != nil)
                case .range: #expect(reader.range(field.name) != nil)
                case .damage: #expect(reader.damage(field.name) != nil)
                case .flags: #expect(reader.flagNames(field.name) != nil)
                case .list: #expect(reader.list(field.name) != nil)
                case .table: #expect(reader.mapping(field.name) != nil)
                case .strings: #expect(reader.strings(field.name) != nil)
                case .glyph, .asciiGlyph: #expect(reader.character(field.name) != nil)
                default: #expect(reader.string(field.name) != nil)
                }
                #expect(sink.diagnostics.isEmpty, "default of \(table.name).\(field.name): \(sink.diagnostics)")
            }
        }
    }
}
