/// Byte-level checks run before the YAML parser sees a file.
///
/// They catch what a parser handles badly or reports vaguely: text that is not UTF-8, NUL
/// bytes, tabs used for indentation, and nesting deep enough to be an attack. The depth
/// estimate is deliberately simple (quotes, comments and block scalars are skipped; every
/// other `[`, `{` and `- ` at the start of a token counts); the composer checks depth exactly.
enum PreScan {
    /// Runs every check, reporting to `sink`.
    /// - Returns: false when the file must not be handed to the parser.
    static func check(_ bytes: [UInt8], maxDepth: Int, sink: DiagnosticSink) -> Bool {
        guard checkEncoding(bytes, sink) else { return false }
        guard checkIndentationTabs(bytes, sink) else { return false }
        return checkDepth(bytes, maxDepth: maxDepth, sink: sink)
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let cr = UInt8(ascii: "\r")

    private static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

    /// Valid UTF-8 with no NUL; reports the first offending byte.
    static func checkEncoding(_ bytes: [UInt8], _ sink: DiagnosticSink) -> Bool {
        var line = 1
        var column = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 {
                    sink.error(
                        Mark(line: line, column: column),
                        "NUL byte in content file",
                        hint: "content files are UTF-8 text; is this a binary file, or saved as UTF-16?"
                    )
                    return false
                }
                if b == newline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
                continue
            }
            let need: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                highest = 0x9F
            case 0xF0:
                need = 3
                lowest = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                highest = 0x8F
            default: need = 0
            }
            var ok = need > 0 && i + need < n
            if ok {
                for k in 1...need {
                    let c = bytes[i + k]
                    let lo: UInt8 = k == 1 ? lowest : 0x80
                    let hi: UInt8 = k == 1 ? highest : 0xBF
                    if c < lo || c > hi { ok = false }
                }
            }
            guard ok else {
                let hex = String(b, radix: 16, uppercase: true)
                sink.error(
                    Mark(line: line, column: column),
                    "content file is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex) here)",
                    hint: "save the file as UTF-8"
                )
                return false
            }
            i += need + 1
            column += 1
        }
        return true
    }

    /// YAML forbids tabs in indentation; say so at the tab rather than let the parser guess.
    static func checkIndentationTabs(_ bytes: [UInt8], _ sink: DiagnosticSink) -> Bool {
        var ok = true
        var line = 1
        var column = 1
        var inIndentation = true
        for b in bytes {
            if b == newline {
                line += 1
                column = 1
                inIndentation = true
                continue
            }
            if inIndentation {
                if b == tab {
                    sink.error(
                        Mark(line: line, column: column),
                        "tab character in indentation",
                        hint: "indent with spaces; YAML does not allow tabs there"
                    )
                    ok = false
                    inIndentation = false
                } else if b != space {
                    inIndentation = false
                }
            }
            if !isContinuation(b) { column += 1 }
        }
        return ok
    }

    /// Estimates nesting depth (open flow brackets plus block indentation levels).
    static func checkDepth(_ bytes: [UInt8], maxDepth: Int, sink: DiagnosticSink) -> Bool {
        var scan = DepthScan(bytes: bytes, maxDepth: maxDepth, sink: sink)
        return scan.run()
    }
}

extension PreScan {
    /// The depth estimate of `checkDepth`, line by line and byte by byte: the block indentation
    /// levels and `- ` items open, plus the flow brackets open; quotes, comments and block scalars
    /// are skipped.
    struct DepthScan {
        let bytes: [UInt8]
        let maxDepth: Int
        let sink: DiagnosticSink
        private var flow = 0
        private var indents: [Int] = []
        private var quote: UInt8?
        /// The indentation of the line that opened a block scalar (`|`, `>`) being skipped.
        private var blockScalarParent: Int?
        private var line = 1
        private var i = 0
        // The line being read.
        private var lineStart = 0
        private var lineEnd = 0
        private var indent = 0
        private var column = 0
        private var previous = PreScan.space
        /// Whether the next byte may begin a token (an item, a bracket, a quote, ...).
        private var tokenStart = false

        /// What a byte asks of the line it is on.
        private enum Next { case byte, endOfLine, tooDeep }

        init(bytes: [UInt8], maxDepth: Int, sink: DiagnosticSink) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.sink = sink
        }

        /// - Returns: false when the file nests too deep (reported to the sink).
        mutating func run() -> Bool {
            while i < bytes.count {
                guard scanLine() else { return false }
                i = lineEnd + 1
                line += 1
            }
            return true
        }

        private mutating func scanLine() -> Bool {
            lineStart = i
            lineEnd = i
            while lineEnd < bytes.count && bytes[lineEnd] != PreScan.newline { lineEnd += 1 }
            indent = 0
            while i < lineEnd && bytes[i] == PreScan.space {
                i += 1
                indent += 1
            }
            let blank = i == lineEnd || bytes[i] == UInt8(ascii: "#") || bytes[i] == PreScan.cr
            if quote == nil, let parent = blockScalarParent {
                if blank || indent > parent { return true }
                blockScalarParent = nil
            }
            if quote == nil && flow == 0 && !blank {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
                if tooDeep(indent + 1) { return false }
            }
            tokenStart = quote == nil
            previous = PreScan.space
            column = indent
            while i < lineEnd {
                let b = bytes[i]
                let next: Next
                if quote != nil {
                    next = quoted(b)
                } else if b == UInt8(ascii: "#") && (previous == PreScan.space || previous == PreScan.tab || i == lineStart) {
                    next = .endOfLine
                } else {
                    next = flow == 0 ? block(b) : inFlow(b)
                }
                previous = b
                if !PreScan.isContinuation(b) { column += 1 }
                i += 1
                switch next {
                case .byte: continue
                case .endOfLine: return true
                case .tooDeep: return false
                }
            }
            return true
        }

        /// Inside quotes: skips escapes (and `''` in single quotes) up to the closing quote.
        private mutating func quoted(_ b: UInt8) -> Next {
            guard let q = quote else { return .byte }
            if q == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") && i + 1 < lineEnd {
                i += 1
                if !PreScan.isContinuation(bytes[i]) { column += 1 }
            } else if b == q {
                if q == UInt8(ascii: "'") && i + 1 < lineEnd && bytes[i + 1] == q {
                    i += 1
                    column += 1
                } else {
                    quote = nil
                    tokenStart = false
                }
            }
            return .byte
        }

        /// Outside flow brackets: at a token's start, `- ` and `? ` open a level, a bracket opens
        /// flow, a quote or a block scalar begins; after `: ` a token may start again.
        private mutating func block(_ b: UInt8) -> Next {
            guard tokenStart else {
                if b == UInt8(ascii: ":") && endsToken(i + 1) { tokenStart = true }
                return .byte
            }
            switch b {
            case PreScan.space, PreScan.tab, PreScan.cr: break
            case UInt8(ascii: "-"), UInt8(ascii: "?"):
                guard endsToken(i + 1) else {
                    tokenStart = false
                    break
                }
                if let last = indents.last, column > last { indents.append(column) }
                if tooDeep(column + 1) { return .tooDeep }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow = 1
                if tooDeep(column + 1) { return .tooDeep }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = b
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                blockScalarParent = indent
                return .endOfLine
            case UInt8(ascii: "&"), UInt8(ascii: "!"):
                while i + 1 < lineEnd && !endsToken(i + 1) {
                    i += 1
                    if !PreScan.isContinuation(bytes[i]) { column += 1 }
                }
            default:
                tokenStart = false
            }
            return .byte
        }

        /// Inside flow brackets: brackets nest, `,` and `:` start a token, a quote may begin one.
        private mutating func inFlow(_ b: UInt8) -> Next {
            switch b {
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                tokenStart = true
                if tooDeep(column + 1) { return .tooDeep }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flow = max(0, flow - 1)
                tokenStart = false
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                tokenStart = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if tokenStart { quote = b }
            case PreScan.space, PreScan.tab, PreScan.cr:
                break
            default:
                tokenStart = false
            }
            return .byte
        }

        /// Reports and returns true when the levels open exceed `maxDepth`.
        private func tooDeep(_ column: Int) -> Bool {
            guard flow + indents.count > maxDepth else { return false }
            sink.error(
                Mark(line: line, column: column),
                "nesting deeper than \(maxDepth) levels",
                hint: "content needs only a few levels of lists and mappings"
            )
            return true
        }

        private func endsToken(_ j: Int) -> Bool {
            j >= bytes.count || bytes[j] == PreScan.space || bytes[j] == PreScan.tab || bytes[j] == PreScan.newline || bytes[j] == PreScan.cr
        }
    }
}
