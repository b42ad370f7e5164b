/// Which versions of a plugin a dependency accepts.
///
/// Written as space-separated comparisons that must all hold, like npm and Cargo:
/// `"*"` (any), `"1.2.3"` or `"=1.2.3"` (exactly), `">=1.2"`, `">1.2.3"`, `"<2"`, `"<=1.4.0"`,
/// `"^1.2"` (compatible: at least 1.2.0 and below 2.0.0; for 0.x below the next minor), `"~1.2"`
/// (at least 1.2.0 and below 1.3.0). Missing minor or patch numbers are zeros. A prerelease
/// version is accepted only by a comparison that names a prerelease.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    enum Op: String, Sendable, Hashable {
        case equal = "="
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
    }

    struct Comparison: Sendable, Hashable {
        var op: Op
        var version: SemanticVersion

        func holds(for v: SemanticVersion) -> Bool {
            switch op {
            case .equal: v == version
            case .greater: v > version
            case .greaterOrEqual: v >= version
            case .less: v < version
            case .lessOrEqual: v <= version
            }
        }
    }

    /// The range as written.
    public let text: String
    let comparisons: [Comparison]

    /// Accepts every version.
    public static let any = VersionRange(text: "*", comparisons: [])

    private init(text: String, comparisons: [Comparison]) {
        self.text = text
        self.comparisons = comparisons
    }

    /// Parses a range, or returns nil; `problem(in:)` says why.
    public init?(_ text: String) {
        guard case .success(let r) = Self.parse(text) else { return nil }
        self = r
    }

    /// Why `text` is not a version range, or nil when it is one.
    public static func problem(in text: String) -> String? {
        if case .failure(let reason) = parse(text) { return reason.text }
        return nil
    }

    public var description: String { text }

    /// Whether `version` satisfies every comparison.
    public func contains(_ version: SemanticVersion) -> Bool {
        guard comparisons.allSatisfy({ $0.holds(for: version) }) else { return false }
        // 2.0.0-beta is below 2.0.0, but "<2.0.0" means "any 1.x", not "2.0.0's prereleases".
        if !version.prerelease.isEmpty {
            return comparisons.contains { c in
                !c.version.prerelease.isEmpty && (c.version.major, c.version.minor, c.version.patch) == (version.major, version.minor, version.patch)
            }
        }
        return true
    }

    static func parse(_ raw: String) -> Result<VersionRange, SemanticVersion.Reason> {
        let text = raw.split(separator: " ").joined(separator: " ")
        guard text.utf8.count <= 200 else { return .failure(.init(text: "it is longer than 200 characters")) }
        if text.isEmpty { return .failure(.init(text: "it is empty; write \"*\" for any version")) }
        if text == "*" { return .success(.any) }
        var out: [Comparison] = []
        for term in text.split(separator: " ") {
            if term.contains("||") || term.contains(",") {
                return .failure(
                    .init(text: "'\(term)': alternatives ('||', ',') are not supported; separate comparisons that must all hold with spaces")
                )
            }
            var body = term
            var op: String = ""
            for prefix in [">=", "<=", ">", "<", "=", "^", "~"] where body.hasPrefix(prefix) {
                op = prefix
                body = body.dropFirst(prefix.count)
                break
            }
            guard let version = partial(body) else {
                return .failure(.init(text: "'\(term)' is not a comparison like >=1.2.0, <2, ^1.4 or ~0.3"))
            }
            let (v, given) = version
            switch op {
            case "^":
                let upper: SemanticVersion =
                    if v.major > 0 || given == 1 {
                        SemanticVersion(major: v.major + 1, minor: 0, patch: 0)
                    } else if v.minor > 0 || given == 2 {
                        SemanticVersion(major: 0, minor: v.minor + 1, patch: 0)
                    } else {
                        SemanticVersion(major: 0, minor: 0, patch: v.patch + 1)
                    }
                out += [Comparison(op: .greaterOrEqual, version: v), Comparison(op: .less, version: upper)]
            case "~":
                let upper =
                    given == 1
                    ? SemanticVersion(major: v.major + 1, minor: 0, patch: 0) : SemanticVersion(major: v.major, minor: v.minor + 1, patch: 0)
                out += [Comparison(op: .greaterOrEqual, version: v), Comparison(op: .less, version: upper)]
            default:
                out.append(Comparison(op: Op(rawValue: op.isEmpty ? "=" : op) ?? .equal, version: v))
            }
        }
        return .success(VersionRange(text: text, comparisons: out))
    }

    /// `1`, `1.2`, `1.2.3` or a full version with a prerelease; missing numbers are zeros.
    /// - Returns: the version and how many numbers were given.
    private static func partial(_ s: Substring) -> (SemanticVersion, Int)? {
        if let full = SemanticVersion(String(s)) { return (full, 3) }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for p in parts {
            guard let n = SemanticVersion.number(p), !(p.count > 1 && p.first == "0") else { return nil }
            numbers.append(n)
        }
        return (SemanticVersion(major: numbers[0], minor: numbers.count > 1 ? numbers[1] : 0, patch: 0), parts.count)
    }
}
