import BrogueCore

/// Typed getters: each reads one field (or its default) and checks it against the field's type.
extension EntryReader {
    func int(_ name: String) -> Int? {
        guard let (node, field) = valueNode(name) else { return nil }
        guard case .integer(let min, let max) = field.valueType else { preconditionFailure("'\(name)' is not an integer field") }
        guard let value = integer(node, name, "an integer") else { return nil }
        if value < min {
            error(node.mark, "\(self.field(name)) must be at least \(min), found \(value)")
            return nil
        }
        if let max, value > max {
            error(node.mark, "\(self.field(name)) must be at most \(max), found \(value)")
            return nil
        }
        return value
    }

    func bool(_ name: String) -> Bool? {
        guard let (node, _) = valueNode(name) else { return nil }
        if let b = node.plainBool { return b }
        let yamlish = ["yes", "no", "on", "off", "True", "False", "TRUE", "FALSE", "y", "n"]
        let hint = node.scalar.map { yamlish.contains($0) } == true ? "write true or false" : nil
        error(node.mark, "expected true or false for \(field(name)), found \(node.foundDescription)", hint: hint)
        return nil
    }

    /// Strings of every string-like type: ids, references, names, text, choices and versions.
    func string(_ name: String) -> String? {
        guard let (node, field) = valueNode(name) else { return nil }
        guard let text = node.scalar, !node.isNull || field.valueType.allowsEmpty else {
            error(node.mark, "expected \(field.valueType.phrase) for \(self.field(name)), found \(node.foundDescription)")
            return nil
        }
        switch field.valueType {
        case .id, .reference:
            guard Self.isKebabID(text) else {
                error(
                    node.mark,
                    "\(self.field(name)) must be a kebab-case id (a-z, 0-9 and single dashes), found '\(text.clipped)'",
                    hint: "write '\(Self.kebab(text).clipped)'"
                )
                return nil
            }
        case .name:
            guard !text.isEmpty, !text.contains("\n") else {
                error(node.mark, "\(self.field(name)) must be one line of text, not empty")
                return nil
            }
        case .choice(_, let values):
            guard values.contains(text) else {
                error(
                    node.mark,
                    "\(self.field(name)) must be one of \(values.joined(separator: ", ")); found '\(text.clipped)'",
                    hint: DidYouMean.hint(for: text, amongChoices: values)
                )
                return nil
            }
        case .version:
            if let problem = SemanticVersion.problem(in: text) {
                error(
                    node.mark,
                    "\(self.field(name)) must be a version like 1.0.0, found '\(text.clipped)'",
                    hint: "\(problem); versions are semantic: major.minor.patch, then optionally -prerelease and +build"
                )
                return nil
            }
        case .abiVersion:
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ SemanticVersion.number($0) != nil }) else {
                error(
                    node.mark,
                    "\(self.field(name)) must be an ABI version major.minor like \"1.0\", found '\(text.clipped)'",
                    hint: "write the BROGUE_PLUGIN_ABI_MAJOR.MINOR your library was built against (brogue plugin sdk prints it)"
                )
                return nil
            }
        case .versionRange:
            if let problem = VersionRange.problem(in: text) {
                error(
                    node.mark,
                    "\(self.field(name)) is not a version range: \(problem)",
                    hint: "write e.g. \"^1.0\" or \">=1.2.0 <2.0.0\" in quotes, or \"*\" for any version"
                )
                return nil
            }
        case .relativePath:
            if let problem = Self.pathProblem(text) {
                error(node.mark, "\(self.field(name)) \(problem)", hint: "name a file inside the plugin folder, like libmyplugin.so")
                return nil
            }
        case .symbol:
            guard Self.isSymbol(text) else {
                error(
                    node.mark,
                    "\(self.field(name)) must be a C identifier (letters, digits and '_', not starting with a digit), found '\(text.clipped)'"
                )
                return nil
            }
        case .text:
            break
        default:
            preconditionFailure("'\(name)' is not a string field")
        }
        return text
    }

    func color(_ name: String) -> RGB? {
        guard let (node, _) = valueNode(name) else { return nil }
        if let text = node.scalar, !node.isNull, let rgb = RGB(hex: text) { return rgb }
        let hint = node.isNull ? "quote it: \"#rrggbb\"; an unquoted # starts a comment" : "write six hex digits after #, in quotes: \"#ff8000\""
        error(node.mark, "expected a colour \"#rrggbb\" for \(field(name)), found \(node.foundDescription)", hint: hint)
        return nil
    }

    func character(_ name: String) -> Character? {
        guard let (node, field) = valueNode(name) else { return nil }
        let ascii: Bool
        switch field.valueType {
        case .glyph: ascii = false
        case .asciiGlyph: ascii = true
        default: preconditionFailure("'\(name)' is not a glyph field")
        }
        guard let text = node.scalar, !node.isNull else {
            error(node.mark, "expected one character for \(self.field(name)), found \(node.foundDescription)")
            return nil
        }
        guard text.count == 1, let ch = text.first else {
            error(node.mark, "\(self.field(name)) must be one character, found '\(text.clipped)' (\(text.count) characters)")
            return nil
        }
        if ch.isWhitespace || ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            error(node.mark, "\(self.field(name)) must be a visible character")
            return nil
        }
        if ascii, !(ch.isASCII && ch.asciiValue.map { (0x21...0x7E).contains($0) } == true) {
            error(
                node.mark,
                "\(self.field(name)) must be a printable ASCII character, found '\(text.clipped)'",
                hint: "this glyph is drawn when the terminal asks for plain ASCII"
            )
            return nil
        }
        return ch
    }

    func range(_ name: String) -> ClosedRange<Int>? {
        guard let (node, field) = valueNode(name) else { return nil }
        guard case .range(let lowest, let highest) = field.valueType else { preconditionFailure("'\(name)' is not a range field") }
        let what = "a range like \"3-7\" or a single integer"
        guard let text = node.scalar, !node.isNull else {
            error(node.mark, "expected \(what) for \(self.field(name)), found \(node.foundDescription)")
            return nil
        }
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        guard (1...2).contains(parts.count), let low = Int(parts[0]), let high = Int(parts[parts.count - 1]),
            parts.allSatisfy({ Self.isDigits($0) })
        else {
            error(node.mark, "expected \(what) for \(self.field(name)), found \(node.foundDescription)")
            return nil
        }
        guard low <= high else {
            error(node.mark, "\(self.field(name)) has its minimum above its maximum: '\(text.clipped)'", hint: "write \"\(high)-\(low)\"")
            return nil
        }
        if low < lowest || highest.map({ high > $0 }) == true {
            let allowed = highest.map { "\(lowest)-\($0)" } ?? "\(lowest) or more"
            error(node.mark, "\(self.field(name)) must lie within \(allowed), found '\(text.clipped)'")
            return nil
        }
        return low...high
    }

    func damage(_ name: String) -> DamageRange? {
        guard let (node, _) = valueNode(name) else { return nil }
        if let text = node.scalar, !node.isNull {
            // `3-6` or `4`: the range a modder means, written the way other ranges are.
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.filter { $0 != " " }) }
            let example =
                parts.count == 2 && parts.allSatisfy({ $0 != nil }) ? (parts[0]!, parts[1]!) : parts.count == 1 ? parts[0].map { ($0, $0) } : nil
            error(
                node.mark,
                "'\(name)' of \(label) must be a mapping with min and max, found '\(text.clipped)'",
                hint: "write \(name): {min: \(example?.0 ?? 1), max: \(example?.1 ?? 3)}"
            )
            return nil
        }
        guard let r = EntryReader(node, table: SharedTables.damage, what: "'\(name)' of \(label)", entry: entry, sink: sink) else { return nil }
        let (min, max, clump) = (r.int("min"), r.int("max"), r.int("clump"))
        guard let min, let max, let clump else { return nil }
        guard min <= max else {
            r.error(r.mark("min"), "'\(name)' of \(label) has min \(min) above max \(max)")
            return nil
        }
        return DamageRange(min: min, max: max, clump: clump)
    }

    /// Flag names, checked against the field's set; unknown and repeated names are reported.
    func flagNames(_ name: String) -> [String]? {
        guard let (node, field) = valueNode(name) else { return nil }
        guard case .flags(let of, let known) = field.valueType else { preconditionFailure("'\(name)' is not a flags field") }
        guard case .sequence(let items) = node.value else {
            error(
                node.mark,
                "expected a list of \(of) flags for \(self.field(name)), found \(node.foundDescription)",
                hint: "write [flag, flag] or [] for none"
            )
            return nil
        }
        var out: [String] = []
        var ok = true
        for item in items {
            guard let flag = item.scalar, !item.isNull else {
                error(item.mark, "expected a flag name in \(self.field(name)), found \(item.foundDescription)")
                ok = false
                continue
            }
            guard known.contains(flag) else {
                error(
                    item.mark,
                    "unknown \(of) flag '\(flag.clipped)' in \(label)",
                    hint: DidYouMean.hint(for: flag, among: known) ?? "known flags: \(known.joined(separator: ", "))"
                )
                ok = false
                continue
            }
            if out.contains(flag) {
                warning(item.mark, "flag '\(flag.clipped)' is listed twice in \(label)")
                continue
            }
            out.append(flag)
        }
        return ok ? out : nil
    }

    /// A list of strings with the position of each.
    func strings(_ name: String) -> [(String, Mark)]? {
        guard let (node, field) = valueNode(name) else { return nil }
        guard case .sequence(let items) = node.value else {
            error(node.mark, "expected a \(field.type) for \(self.field(name)), found \(node.foundDescription)", hint: "write [\"a\", \"b\"]")
            return nil
        }
        var out: [(String, Mark)] = []
        var ok = true
        for item in items {
            guard let s = item.scalar, !item.isNull, !s.isEmpty else {
                error(item.mark, "expected a string in \(self.field(name)), found \(item.foundDescription)")
                ok = false
                continue
            }
            out.append((s, item.mark))
        }
        return ok ? out : nil
    }

    /// The elements of a list of mappings; each is read by its own reader.
    func list(_ name: String) -> [YNode]? {
        guard let (node, field) = valueNode(name) else { return nil }
        guard case .sequence(let items) = node.value else {
            error(
                node.mark,
                "expected a \(field.type) for \(self.field(name)), found \(node.foundDescription)",
                hint: "write one '- ' line per element"
            )
            return nil
        }
        return items
    }

    /// A nested mapping, to be read by its own reader.
    func mapping(_ name: String) -> YNode? {
        valueNode(name)?.0
    }

    private func integer(_ node: YNode, _ name: String, _ what: String) -> Int? {
        guard let text = node.scalar, !node.isNull else {
            error(node.mark, "expected \(what) for \(field(name)), found \(node.foundDescription)")
            return nil
        }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        guard Self.isDigits(Substring(digits)) else {
            error(node.mark, "expected \(what) for \(field(name)), found \(node.foundDescription)")
            return nil
        }
        guard node.isPlainScalar else {
            error(node.mark, "expected \(what) for \(field(name)), found \(node.foundDescription)", hint: "remove the quotes")
            return nil
        }
        guard let value = Int(text), abs(value) <= 1_000_000_000 else {
            error(node.mark, "\(field(name)) is too large: \(text.clipped)")
            return nil
        }
        return value
    }

    static func isDigits(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.count <= 18 && s.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// `goblin`, `war-axe`, `potion-of-healing`: lower-case letters and digits joined by single dashes.
    static func isKebabID(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 64 else { return false }
        var previousDash = true
        for b in s.utf8 {
            if b == UInt8(ascii: "-") {
                if previousDash { return false }
                previousDash = true
            } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) {
                previousDash = false
            } else {
                return false
            }
        }
        return !previousDash
    }

    /// A best-effort kebab-case spelling, for hints.
    static func kebab(_ s: String) -> String {
        let lowered = DidYouMean.normalized(s).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return lowered.split(separator: "-").joined(separator: "-")
    }

    /// What is wrong with a path that must stay inside the plugin folder, or nil.
    static func pathProblem(_ s: String) -> String? {
        if s.isEmpty { return "is empty" }
        if s.utf8.count > 1024 { return "is longer than 1024 bytes" }
        if s.hasPrefix("/") || s.hasPrefix("~") { return "must be relative to the plugin folder, found '\(s.clipped)'" }
        if s.contains("://") { return "must be a file on this machine, found '\(s.clipped)'" }
        if s.contains("\\") { return "uses '\\'; separate folders with '/'" }
        let segments = s.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains("..") { return "may not leave the plugin folder with '..', found '\(s.clipped)'" }
        if segments.contains(where: \.isEmpty) { return "has an empty path segment ('//' or a trailing '/')" }
        if s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "holds a control character" }
        return nil
    }

    /// A C identifier of at most 255 bytes.
    static func isSymbol(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 255, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return s.utf8.allSatisfy { b in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "_")
        }
    }
}

extension FieldType {
    /// "an id", "a colour": what a message says was expected.
    var phrase: String {
        switch self {
        case .id: "a kebab-case id"
        case .reference(let of): "a \(of) id"
        case .name: "a name"
        case .text: "text"
        case .choice(let name, _): "a \(name)"
        case .version: "a version like 1.0.0"
        case .abiVersion: "an ABI version like \"1.0\""
        case .versionRange: "a version range like \"^1.0\""
        case .relativePath: "a file path"
        case .symbol: "a C symbol"
        case .itemEffect: "an item effect (a built-in name, <plugin-id>.<name>, or a native mapping)"
        default: docName
        }
    }

    /// Whether a present-but-empty value is acceptable (text may be empty).
    var allowsEmpty: Bool {
        if case .text = self { return true }
        return false
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
