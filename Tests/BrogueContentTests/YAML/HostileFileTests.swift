import BrogueContent
import Foundation
import Testing

/// Each class of hostile or broken file is refused with a positioned diagnostic, in bounded
/// time and memory, through the whole loader.
@Suite("Hostile files")
struct HostileFileTests {
    /// Loads a copy of the core plugin whose `monsters/rat.yaml` holds `bytes`; returns the rat file's diagnostics.
    private func diagnostics(forRat bytes: [UInt8], limits: ContentLimits = .default) -> (path: String, found: [Diagnostic]) {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = temp.write("core/monsters/rat.yaml", bytes: bytes)
        let all = loadDiagnostics([core], limits: limits)
        return (path, all.filter { $0.file == path })
    }

    private func diagnostics(forRat text: String, limits: ContentLimits = .default) -> (path: String, found: [Diagnostic]) {
        diagnostics(forRat: Array(text.utf8), limits: limits)
    }

    @Test("an alias-expansion bomb is refused at the alias that crosses the node budget")
    func billionLaughs() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        let (path, found) = diagnostics(forRat: text)
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.file == path)
        #expect(d.severity == .error)
        #expect((d.line, d.column) == (6, 8))
        #expect(d.message == "alias '*e' expands more than 100000 YAML nodes")
    }

    @Test("an alias used as a mapping key cannot make key hashing exponential")
    func aliasAsKey() throws {
        var text = "a0: &a0 [x, x]\n"
        for i in 1..<40 { text += "a\(i): &a\(i) [*a\(i - 1), *a\(i - 1)]\n" }
        text += "k: {*a39: 1}\n"
        let (_, found) = diagnostics(forRat: text)
        let d = try #require(found.first)
        #expect(d.message.contains("more than 100000 YAML nodes"))
        #expect(d.line < 40)
    }

    @Test("deep flow nesting is refused by the byte pre-scan before any parser recursion")
    func deepFlowNesting() throws {
        let (path, found) = diagnostics(forRat: "a: " + String(repeating: "[", count: 100_000))
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.file == path)
        #expect((d.line, d.column) == (1, 67))
        #expect(d.message == "nesting deeper than 64 levels")
    }

    @Test("deep block nesting, on one line or over many, is refused")
    func deepBlockNesting() throws {
        let dashes = diagnostics(forRat: String(repeating: "- ", count: 100_000) + "x\n").found
        #expect(dashes.map { "\($0.line):\($0.column) \($0.message)" } == ["1:129 nesting deeper than 64 levels"])

        var lines = ""
        for depth in 0..<200 { lines += String(repeating: " ", count: depth) + "k\(depth):\n" }
        let indented = diagnostics(forRat: lines).found
        #expect(indented.map { "\($0.line):\($0.column) \($0.message)" } == ["65:65 nesting deeper than 64 levels"])
    }

    @Test("the composer enforces the depth limit exactly, whatever the pre-scan estimated")
    func composerDepth() throws {
        let (_, found) = composeDiagnostics(Array("[[[[1]]]]".utf8), limits: ContentLimits(maxDepth: 3))
        let d = try #require(found.first)
        #expect(d.message == "nesting deeper than 3 levels")
        #expect((d.line, d.column) == (1, 3) || (d.line, d.column) == (1, 4))
    }

    @Test("a huge scalar is refused at its start")
    func hugeScalar() throws {
        let text = "id: rat\ndescription: \"" + String(repeating: "x", count: 100_000) + "\"\n"
        let (path, found) = diagnostics(forRat: text)
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.file == path)
        #expect((d.line, d.column) == (2, 14))
        #expect(d.message == "a scalar of 100000 bytes is over the limit of 16384 bytes")
    }

    @Test("a file over the size limit is refused without being read")
    func oversizedFile() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let path = temp.write("core/monsters/rat.yaml", "id: rat\n")
        // A sparse 4 GiB file: reading it whole would take far longer than the test runs.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 4 << 30)
        try handle.close()
        let found = loadDiagnostics([core]).filter { $0.file == path }
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect((d.line, d.column) == (1, 1))
        #expect(d.message == "file is 4,294,967,296 bytes, over the 1 MiB limit for content files")
    }

    @Test("a content file that links to a FIFO is refused at once, never waited on", .timeLimit(.minutes(1)))
    func linkToFIFO() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let fifo = temp.path + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let path = core + "/monsters/rat.yaml"
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: fifo)
        // Nothing ever writes to the FIFO: a blocking open or read would hang the load here.
        let found = loadDiagnostics([core]).filter { $0.file == path }
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.message == "not a regular file")
    }

    @Test("bad UTF-8 is refused at the offending byte")
    func badUTF8() throws {
        let bytes = Array("id: rat\nname: \"r".utf8) + [0xFF] + Array("t\"\n".utf8)
        let (path, found) = diagnostics(forRat: bytes)
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.file == path)
        #expect((d.line, d.column) == (2, 9))
        #expect(d.message == "content file is not valid UTF-8 (byte 0xFF here)")
    }

    @Test("a NUL byte is refused at its position")
    func nulByte() throws {
        let (path, found) = diagnostics(forRat: Array("id: rat\nhp: 6".utf8) + [0] + Array("\n".utf8))
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.file == path)
        #expect((d.line, d.column) == (2, 6))
        #expect(d.message == "NUL byte in content file")
    }

    @Test("tabs in indentation are reported at each tab")
    func tabs() throws {
        let (path, found) = diagnostics(forRat: "id: rat\ndamage:\n\tmin: 1\n  \tmax: 3\n")
        #expect(found.map { "\($0.line):\($0.column) \($0.message)" } == ["3:1 tab character in indentation", "4:3 tab character in indentation"])
        #expect(found.allSatisfy { $0.file == path && $0.hint?.contains("spaces") == true })
    }

    @Test("a list or a scalar where a mapping belongs is refused")
    func wrongTopLevel() throws {
        let list = diagnostics(forRat: "- rat\n- kobold\n").found
        #expect(list.map { "\($0.line):\($0.column) \($0.message)" } == ["1:1 expected a mapping of monster fields, found a list"])
        let scalar = diagnostics(forRat: "just a rat\n").found
        #expect(scalar.map { "\($0.line):\($0.column) \($0.message)" } == ["1:1 expected a mapping of monster fields, found 'just a rat'"])
    }

    @Test("an empty file, or one with only comments, is refused")
    func emptyFile() throws {
        for text in ["", "# nothing here\n", "\n\n"] {
            let found = diagnostics(forRat: text).found
            #expect(found.map { "\($0.line):\($0.column) \($0.message)" } == ["1:1 file is empty"], "for \(text.debugDescription)")
        }
        let null = diagnostics(forRat: "~\n").found
        #expect(null.map(\.message) == ["file holds no content"])
    }

    @Test("a YAML syntax error is reported at the parser's mark")
    func syntaxError() throws {
        let (path, found) = diagnostics(forRat: "id: rat\n  name: rat\nhp: 6\n")
        let d = try #require(found.first)
        #expect(found.count == 1)
        #expect(d.file == path)
        #expect((d.line, d.column) == (2, 7))
        #expect(d.message.hasPrefix("YAML syntax error: mapping values are not allowed"))

        let unclosed = diagnostics(forRat: "id: rat\nname: [rat\nhp: 6\n").found
        #expect(unclosed.count == 1)
        #expect(unclosed.first?.message.hasPrefix("YAML syntax error") == true)
        #expect((unclosed.first?.line ?? 0) >= 2)
    }

    @Test("a second document, a tag or an undefined alias is refused")
    func otherYAMLFeatures() throws {
        let twoDocs = diagnostics(forRat: "id: rat\n---\nid: kobold\n").found
        #expect(twoDocs.map { "\($0.line):\($0.column) \($0.message)" } == ["2:1 a second YAML document starts here"])
        let tagged = diagnostics(forRat: "id: !!str rat\n").found
        #expect(tagged.first.map { "\($0.line):\($0.column)" } == "1:5")
        #expect(tagged.first?.message == "YAML tag 'tag:yaml.org,2002:str' is not supported in content")
        let alias = diagnostics(forRat: "id: *nowhere\n").found
        #expect(alias.map { "\($0.line):\($0.column) \($0.message)" } == ["1:5 alias '*nowhere' names no anchor defined before it"])
    }

    @Test("thousands of mistakes in one file are capped, with a count of the rest")
    func manyMistakes() throws {
        let text = "id: rat\n" + (0..<5000).map { "bad\($0): 1\n" }.joined()
        let found = diagnostics(forRat: text).found
        #expect(found.count == 201)
        #expect(found.last?.message.hasSuffix("more problems in this file not shown") == true)
    }
}

@Suite("Hostile files, large but legal")
struct LargeFileTests {
    @Test("long lists are checked in linear time (no pairwise comparisons)")
    func longLists() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let syllables = (0..<40_000).map { "s\($0)" }.joined(separator: ", ")
        let path = temp.write("core/appearances.yaml", "potion-colors: []\nscroll-syllables: [\(syllables)]\n")
        let found = loadDiagnostics([core]).filter { $0.file == path }
        #expect(found.map(\.message) == ["39 potion kinds but only 0 potion colours to disguise them"] || found.count == 1)
        let population = (0..<10_000).map { _ in "  - {depths: \"1-26\", monsters: 1, items: 1, gold: 1}\n" }.joined()
        let spawns = temp.write("core/spawns.yaml", "population:\n" + population)
        let warnings = loadDiagnostics([core]).filter { $0.file == spawns }
        #expect(warnings.count == 201)
        #expect(warnings.first?.message == "population line for depths 1-26 overlaps the earlier line for 1-26; the earlier line wins")
    }

    @Test("a huge key or value is quoted in a message only in part")
    func clippedMessages() throws {
        let temp = TempFolder()
        let core = temp.copyCore()
        let key = String(repeating: "k", count: 1_000)
        let path = temp.write("core/monsters/rat.yaml", "id: rat\n\(key): 1\n")
        let found = loadDiagnostics([core]).filter { $0.file == path }
        let d = try #require(found.first)
        #expect(d.message == "unknown key '\(String(repeating: "k", count: 60))...' in monster 'rat'")
    }
}
