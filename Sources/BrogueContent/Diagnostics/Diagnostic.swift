/// One problem found in content, with the place it was found.
///
/// Its description is the one line a compiler would print:
/// `content/core/monsters/goblin.yaml:7:5: error: unknown key 'hp_max' in monster 'goblin' (did you mean 'hp'?)`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How bad a problem is: errors stop the content from loading, warnings do not.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// The file as the caller named it (plugin folder joined with the file's path inside it).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars as libyaml counts them.
    public var column: Int
    /// The id of the entry the problem is in, when known.
    public var entry: String?
    /// What is wrong.
    public var message: String
    /// What to do about it, when there is something to suggest.
    public var hint: String?

    public init(
        severity: Severity,
        file: String,
        line: Int,
        column: Int,
        entry: String? = nil,
        message: String,
        hint: String? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.entry = entry
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)" + (hint.map { " (\($0))" } ?? "")
    }
}

/// Every problem that kept a set of plugins from loading, errors and warnings alike.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
