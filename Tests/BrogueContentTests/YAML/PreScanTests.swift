import Testing

@testable import BrogueContent

@Suite("Byte pre-scan")
struct PreScanTests {
    private func scan(_ text: String, maxDepth: Int = 4) -> [String] {
        let sink = DiagnosticSink(file: "t.yaml", cap: 50)
        _ = PreScan.check(Array(text.utf8), maxDepth: maxDepth, sink: sink)
        return sink.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
    }

    @Test("brackets inside quotes, comments, plain text and block scalars are not nesting")
    func noFalseAlarms() {
        let deep = String(repeating: "[", count: 50)
        #expect(scan("a: \"\(deep)\"\n") == [])
        #expect(scan("a: '\(deep) it''s fine'\n") == [])
        #expect(scan("a: 1 # \(deep)\n") == [])
        #expect(scan("# \(deep)\n") == [])
        #expect(scan("a: see \(deep) here\n") == [])
        #expect(scan("a: |\n  \(deep)\n  - - - - - - -\n      - - - - - -\nb: 1\n") == [])
        #expect(scan("a: >-\n  {{{{{{{{{{\nb: [x, \"]]]]\", y]\n") == [])
        #expect(scan("a: \"multi\n  line \\\" [[[[[[[[[[\n  still\"\nb: 1\n") == [])
    }

    @Test("real nesting is counted: flow, block sequences and indentation")
    func realNesting() {
        #expect(scan("a: [[[[x]]]]\n") == ["1:7 nesting deeper than 4 levels"])
        #expect(scan("a: {b: {c: [d, {e: f}]}}\n") == ["1:16 nesting deeper than 4 levels"])
        #expect(scan("- - - - - x\n") == ["1:9 nesting deeper than 4 levels"])
        #expect(scan("a:\n b:\n  c:\n   d:\n    e: 1\n") == ["5:5 nesting deeper than 4 levels"])
        #expect(scan("a:\n  - b:\n      - [1]\n") == [])
    }

    @Test("UTF-8 is checked byte by byte, with multi-byte characters counted as one column")
    func encoding() {
        #expect(scan("a: \"▒≈·\"\n") == [])
        let overlong: [UInt8] = Array("a: ".utf8) + [0xC0, 0xAF]
        let sink = DiagnosticSink(file: "t.yaml", cap: 5)
        #expect(!PreScan.check(overlong, maxDepth: 8, sink: sink))
        #expect(
            sink.diagnostics.map(\.description) == ["t.yaml:1:4: error: content file is not valid UTF-8 (byte 0xC0 here) (save the file as UTF-8)"]
        )
        let truncated: [UInt8] = Array("▒: 1\nb: ".utf8) + [0xE2, 0x96]
        let sink2 = DiagnosticSink(file: "t.yaml", cap: 5)
        #expect(!PreScan.check(truncated, maxDepth: 8, sink: sink2))
        #expect(sink2.diagnostics.map { "\($0.line):\($0.column)" } == ["2:4"])
        let surrogate: [UInt8] = [0xED, 0xA0, 0x80]
        #expect(!PreScan.check(surrogate, maxDepth: 8, sink: DiagnosticSink(file: "t", cap: 5)))
    }

    @Test("a tab after the indentation, inside a line, is allowed")
    func tabsInsideLines() {
        #expect(scan("a: \"x\ty\"\nb: 1\t# comment\n") == [])
        #expect(scan("a:\n \tb: 1\n") == ["2:2 tab character in indentation"])
    }
}

@Suite("Composer")
struct YAMLComposerTests {
    private func compose(_ text: String, limits: ContentLimits = .default) -> (YNode?, [String]) {
        let (node, found) = composeDiagnostics(Array(text.utf8), limits: limits)
        return (node, found.map { "\($0.line):\($0.column) \($0.message)" })
    }

    @Test("nodes carry their marks, plainness, weight and height")
    func shape() throws {
        let (node, problems) = compose("a: 1\nb: \"2\"\nc: [x, {d: e}]\n")
        #expect(problems.isEmpty)
        let root = try #require(node)
        guard case .mapping(let pairs) = root.value else {
            Issue.record("not a mapping")
            return
        }
        #expect(pairs.map { $0.key.scalar } == ["a", "b", "c"])
        #expect(pairs[0].value.isPlainScalar && !pairs[1].value.isPlainScalar)
        #expect(pairs[2].value.mark == Mark(line: 3, column: 4))
        #expect(root.weight == 1 + 3 + 2 + 1 + 1 + 1 + 2)
        #expect(root.height == 4)
    }

    @Test("an alias shares the anchored node and counts its full weight")
    func aliases() throws {
        let (node, problems) = compose("a: &x [1, 2, 3]\nb: *x\n")
        #expect(problems.isEmpty)
        let root = try #require(node)
        #expect(root.weight == 1 + 2 + 4 + 4)
        guard case .mapping(let pairs) = root.value else { return }
        #expect(pairs[1].value.mark == Mark(line: 2, column: 4))
        let (_, tight) = compose("a: &x [1, 2, 3]\nb: *x\n", limits: ContentLimits(maxNodes: 10))
        #expect(tight == ["2:4 alias '*x' expands more than 10 YAML nodes"])
    }

    @Test("an alias cannot be used to nest past the depth limit")
    func aliasDepth() {
        let (_, problems) = compose("a: &x [[[1]]]\nb: [[*x]]\n", limits: ContentLimits(maxDepth: 5))
        #expect(problems == ["2:6 alias '*x' nests deeper than 5 levels"])
    }

    @Test("a UTF-8 byte-order mark is ignored")
    func byteOrderMark() throws {
        let (node, problems) = composeDiagnostics([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8))
        #expect(problems.isEmpty)
        #expect(node != nil)
    }
}
