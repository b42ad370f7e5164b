extension String {
    /// The string as a message quotes it: at most 60 characters, line breaks shown as `\n`.
    var clipped: String {
        let oneLine = replacing("\n", with: "\\n")
        return oneLine.count > 60 ? String(oneLine.prefix(60)) + "..." : oneLine
    }
}

/// A 1-based position in a file, columns counted in Unicode scalars (as libyaml does).
struct Mark: Sendable, Hashable, CustomStringConvertible {
    var line: Int
    var column: Int

    static let start = Mark(line: 1, column: 1)

    var description: String { "\(line):\(column)" }
}

/// One node of a composed YAML document.
///
/// Aliases are resolved to the anchored node (sharing its storage, so nothing is copied);
/// `weight` counts the nodes a full walk visits, so callers can know the cost before walking.
struct YNode: Sendable {
    struct Pair: Sendable {
        var key: YNode
        var value: YNode
    }

    enum Value: Sendable {
        /// `plain` is false for quoted and block scalars: `"5"` is a string, `5` a number.
        case scalar(String, plain: Bool)
        case sequence([YNode])
        case mapping([Pair])
    }

    var value: Value
    var mark: Mark
    /// Nodes visited by a full walk of this subtree, aliases expanded.
    var weight: Int
    /// Nesting levels in this subtree: 1 for a scalar.
    var height: Int

    var scalar: String? {
        if case .scalar(let s, _) = value { return s }
        return nil
    }

    var isPlainScalar: Bool {
        if case .scalar(_, plain: true) = value { return true }
        return false
    }

    /// `true` or `false` written plain (not quoted, not `yes`/`on`); nil for anything else.
    var plainBool: Bool? {
        guard case .scalar(let s, plain: true) = value else { return nil }
        return s == "true" ? true : s == "false" ? false : nil
    }

    /// `key:` with nothing after it, `~` or `null`.
    var isNull: Bool {
        if case .scalar(let s, plain: true) = value { return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL" }
        return false
    }

    /// How the node reads in a "found ..." phrase of a message.
    var foundDescription: String {
        switch value {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let s, let plain):
            if isNull { return "nothing" }
            let shown = s.clipped
            return plain ? "'\(shown)'" : "the string \"\(shown)\""
        }
    }
}
