import BrogueContent
import Foundation
import Testing

/// The schema documents in docs/content/ must describe exactly the fields the loader reads.
@Suite("Schema docs")
struct SchemaDocsTests {
    /// A markdown table with the header `| field | type | default | required | meaning |`, named by the heading above it.
    struct DocTable {
        var name: String
        var rows: [[String]]
    }

    static let header = "| field | type | default | required | meaning |"

    static func tables(in markdown: String) -> [DocTable] {
        var tables: [DocTable] = []
        var heading = ""
        var current: DocTable?
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var table = current {
                if line.hasPrefix("|") {
                    if !line.hasPrefix("| ---") { table.rows.append(cells(line)) }
                    current = table
                    continue
                }
                tables.append(table)
                current = nil
            }
            if line.hasPrefix("#") {
                heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            } else if line == header {
                current = DocTable(name: heading, rows: [])
            }
        }
        if let current { tables.append(current) }
        return tables
    }

    static func cells(_ line: String) -> [String] {
        line.split(separator: "|", omittingEmptySubsequences: false)
            .dropFirst()
            .dropLast()
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// Backticks are formatting, not content: `` `100` `` and `100` are the same default.
    static func plain(_ cell: String) -> String {
        var s = cell
        if s.hasPrefix("`") && s.hasSuffix("`") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        return s
    }

    static func mismatches(kind: ContentKind, markdown: String) -> [String] {
        let docs = tables(in: markdown)
        let schema = ContentLoader.schema(for: kind).tables
        var out: [String] = []
        if docs.map(\.name) != schema.map(\.name) {
            out.append("tables: docs have \(docs.map(\.name)), loader has \(schema.map(\.name))")
        }
        for (doc, table) in zip(docs, schema) {
            let docFields = doc.rows.map { plain($0.first ?? "") }
            let fields = table.fields.map(\.name)
            if docFields != fields { out.append("\(table.name): docs list fields \(docFields), loader reads \(fields)") }
            for row in doc.rows {
                guard row.count == 5 else {
                    out.append("\(table.name): row \(row) does not have 5 cells")
                    continue
                }
                guard let field = table.fields.first(where: { $0.name == plain(row[0]) }) else { continue }
                let expected = [field.type, field.defaultValue, field.required ? "yes" : "no"]
                let written = [row[1], plain(row[2]), row[3]]
                for (column, (want, got)) in zip(["type", "default", "required"], zip(expected, written)) where want != got {
                    out.append("\(table.name).\(field.name): docs say \(column) '\(got)', loader has '\(want)'")
                }
                if row[4].isEmpty { out.append("\(table.name).\(field.name): no meaning given") }
            }
        }
        return out
    }

    @Test("each kind's document lists the loader's fields, types, defaults and required flags", arguments: ContentKind.allCases)
    func docsMatchLoader(kind: ContentKind) throws {
        let path = repositoryRoot + "/docs/content/\(kind.rawValue).md"
        let markdown = try String(contentsOfFile: path, encoding: .utf8)
        let problems = Self.mismatches(kind: kind, markdown: markdown)
        #expect(problems.isEmpty, "docs/content/\(kind.rawValue).md disagrees with the loader:\n\(problems.joined(separator: "\n"))")
    }

    @Test("the comparison notices a wrong default, a missing field and a wrong required flag")
    func comparisonBites() throws {
        let markdown = try String(contentsOfFile: repositoryRoot + "/docs/content/monsters.md", encoding: .utf8)
        let broken =
            markdown
            .replacingOccurrences(of: "| `movement-duration` | integer >= 1 | `100` |", with: "| `movement-duration` | integer >= 1 | `50` |")
            .replacingOccurrences(of: "| `xp` | integer >= 0 | — | yes |", with: "| `xp` | integer >= 0 | — | no |")
            .replacingOccurrences(of: "| `regen-turns` |", with: "| `regeneration` |")
        let problems = Self.mismatches(kind: .monsters, markdown: broken)
        #expect(problems.contains("monster.movement-duration: docs say default '50', loader has '100'"))
        #expect(problems.contains("monster.xp: docs say required 'no', loader has 'yes'"))
        #expect(problems.contains { $0.hasPrefix("monster: docs list fields") && $0.contains("regeneration") })
    }

    @Test("the README links every schema document")
    func readmeLinks() throws {
        let readme = try String(contentsOfFile: repositoryRoot + "/docs/content/README.md", encoding: .utf8)
        for kind in ContentKind.allCases { #expect(readme.contains("(\(kind.rawValue).md)"), "README does not link \(kind.rawValue).md") }
    }
}
