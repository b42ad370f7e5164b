import Foundation
import Testing

/// The module table of `docs/architecture.md` is the rule for who may import whom; these tests
/// read it and every `import` in the sources, so the table and the code cannot drift apart.
@Suite struct ModuleImportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyImportOfOurModulesIsOneTheTableAllows() throws {
        let table = try ModuleTable(markdown: String(contentsOf: Self.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8))
        let sources = try SourceModules(root: Self.root)
        #expect(!table.allowed.isEmpty && sources.imports.count >= 10, "the table or the sources were not found")
        for problem in table.problems(with: sources) { Issue.record("\(problem)") }
    }

    @Test func anImportTheTableDoesNotListIsReported() {
        let table = ModuleTable(allowed: ["BrogueCore": [], "BrogueStore": ["BrogueCore"]])
        let sources = SourceModules(imports: ["BrogueCore": ["BrogueStore": "Sources/BrogueCore/Game.swift:3"], "BrogueStore": ["BrogueCore": "x"]])
        let problems = table.problems(with: sources)
        #expect(problems.count == 1)
        #expect(problems.first?.contains("Sources/BrogueCore/Game.swift:3: BrogueCore imports BrogueStore") == true)
    }

    @Test func aModuleWithoutARowAndARowWithoutAModuleAreReported() {
        let table = ModuleTable(allowed: ["BrogueCore": [], "BrogueGone": []])
        let sources = SourceModules(imports: ["BrogueCore": [:], "BrogueNew": ["BrogueCore": "y"]])
        let problems = table.problems(with: sources)
        #expect(problems.contains { $0.contains("BrogueNew has no row") })
        #expect(problems.contains { $0.contains("BrogueGone") && $0.contains("no such module") })
    }

    @Test func theTableIsReadFromItsMarkdown() {
        let markdown = """
            | module | what it holds | imports |
            | --- | --- | --- |
            | `BrogueCore` | the rules | nothing (not even Foundation) |
            | `BrogueUI` | screens, `PlaySession` | `BrogueCore`, `BrogueFrame`, Foundation |
            """
        let table = ModuleTable(markdown: markdown)
        #expect(
            table.allowed == ["BrogueCore": [], "BrogueUI": ["BrogueCore", "BrogueFrame"]],
            "a backticked name in the middle column is not an import"
        )
    }
}

/// Who may import whom, as the table says: each row's module and the backticked names of its imports column.
struct ModuleTable {
    var allowed: [String: Set<String>]

    init(allowed: [String: Set<String>]) { self.allowed = allowed }

    init(markdown: String) {
        allowed = [:]
        for line in markdown.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, let module = Self.ticked(cells[1]).first else { continue }
            // The middle column may hold backticks too; only the row's module and its last column count.
            allowed[module] = Set(Self.ticked(cells[cells.count - 2]))
        }
    }

    /// The `backticked` words of a cell.
    static func ticked(_ cell: String) -> [String] {
        cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Each import of one of our modules that its importer's row does not list, each module of
    /// ours without a row, each row without a module.
    func problems(with sources: SourceModules) -> [String] {
        var out: [String] = []
        let ours = Set(sources.imports.keys)
        for module in sources.imports.keys.sorted() {
            guard let permitted = allowed[module] else {
                if SourceModules.nonSwift.contains(module) { continue }
                out.append("\(module) has no row in docs/architecture.md's module table; add one with what it holds and imports")
                continue
            }
            for (imported, place) in sources.imports[module]!.sorted(by: { $0.key < $1.key }) where ours.contains(imported) && imported != module {
                if !permitted.contains(imported) {
                    out.append(
                        "\(place): \(module) imports \(imported), which its row in docs/architecture.md does not allow; change the code or, if the design changed, the table"
                    )
                }
            }
        }
        for module in allowed.keys.sorted() where !ours.contains(module) && !SourceModules.nonSwift.contains(module) {
            out.append("docs/architecture.md has a row for \(module), but there is no such module in the sources; remove or rename the row")
        }
        return out
    }
}

/// Our Swift modules and, for each, the modules its files import (with the first place each is imported).
struct SourceModules {
    /// Modules of ours with no Swift files (C headers, system libraries): imported, never importing.
    static let nonSwift: Set<String> = ["CBroguePlugin", "CFFI", "CLibYAML", "CMalloc"]

    var imports: [String: [String: String]]

    init(imports: [String: [String: String]]) { self.imports = imports }

    init(root: URL) throws {
        let fm = FileManager.default
        var folders: [(String, URL)] = []
        for base in ["Sources", "PluginKit/Sources"] {
            let dir = root.appendingPathComponent(base)
            for name in try fm.contentsOfDirectory(atPath: dir.path).sorted() { folders.append((name, dir.appendingPathComponent(name))) }
        }
        let plugins = root.appendingPathComponent("Plugins")
        for name in try fm.contentsOfDirectory(atPath: plugins.path).sorted() {
            let sources = plugins.appendingPathComponent(name).appendingPathComponent("Sources")
            if fm.fileExists(atPath: sources.path) { folders.append((name, sources)) }
        }
        imports = [:]
        for (module, folder) in folders {
            let files = (fm.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".swift") }.sorted()
            guard !files.isEmpty else { continue }
            var found: [String: String] = [:]
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    guard let imported = Self.importedModule(line) else { continue }
                    let place = folder.appendingPathComponent(file).path.replacingOccurrences(of: root.path + "/", with: "") + ":\(n + 1)"
                    if found[imported] == nil { found[imported] = place }
                }
            }
            imports[module] = found
        }
        for name in Self.nonSwift { imports[name] = imports[name] ?? [:] }
    }

    /// The module an `import` line names (`import X`, `public import X`, `@testable import X`, `import struct X.Y`).
    static func importedModule(_ line: Substring) -> String? {
        // Imports start a line; an indented one is text inside a string (a scaffold's template).
        guard let first = line.first, !first.isWhitespace else { return nil }
        var words = line.split(separator: " ").map(String.init)
        while let first = words.first, first.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains(first) {
            words.removeFirst()
        }
        guard words.first == "import", words.count >= 2 else { return nil }
        let target =
            ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"].contains(words[1]) && words.count >= 3 ? words[2] : words[1]
        return target.split(separator: ".").first.map(String.init)
    }
}
