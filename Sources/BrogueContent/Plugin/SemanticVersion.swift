/// A semantic version (semver.org 2.0): `major.minor.patch`, an optional `-prerelease` and an
/// optional `+build` (ignored when comparing).
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Dot-separated prerelease identifiers (`alpha.1` -> ["alpha", "1"]); empty for a release.
    public var prerelease: [String]
    /// Build metadata, as written after `+`; not part of the order.
    public var build: String?

    public init(major: Int, minor: Int, patch: Int, prerelease: [String] = [], build: String? = nil) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Parses a version, or returns nil; `problem(in:)` says why.
    public init?(_ text: String) {
        guard case .success(let v) = Self.parse(text) else { return nil }
        self = v
    }

    /// Why `text` is not a semantic version, or nil when it is one.
    public static func problem(in text: String) -> String? {
        if case .failure(let reason) = parse(text) { return reason.text }
        return nil
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: ".")) + (build.map { "+" + $0 } ?? "")
    }

    /// Precedence as semver defines it: numbers, then a prerelease before its release,
    /// prerelease identifiers compared one by one (numeric ones as numbers, and below words).
    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        if (a.major, a.minor, a.patch) != (b.major, b.minor, b.patch) { return (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch) }
        if a.prerelease.isEmpty || b.prerelease.isEmpty { return !a.prerelease.isEmpty && b.prerelease.isEmpty }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            switch (Int(x), Int(y)) {
            case (let i?, let j?): return i < j
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return x.utf8.lexicographicallyPrecedes(y.utf8)
            }
        }
        return a.prerelease.count < b.prerelease.count
    }

    /// Equality ignores build metadata, as precedence does.
    public static func == (a: SemanticVersion, b: SemanticVersion) -> Bool {
        (a.major, a.minor, a.patch) == (b.major, b.minor, b.patch) && a.prerelease == b.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    struct Reason: Error {
        var text: String
    }

    static func parse(_ text: String) -> Result<SemanticVersion, Reason> {
        guard text.utf8.count <= 64 else { return .failure(Reason(text: "it is longer than 64 characters")) }
        var rest = Substring(text)
        var build: String?
        if let plus = rest.firstIndex(of: "+") {
            let b = rest[rest.index(after: plus)...]
            if let problem = identifiersProblem(b, what: "build metadata", numeric: false) { return .failure(Reason(text: problem)) }
            build = String(b)
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let p = rest[rest.index(after: dash)...]
            if let problem = identifiersProblem(p, what: "prerelease", numeric: true) { return .failure(Reason(text: problem)) }
            prerelease = p.split(separator: ".").map(String.init)
            rest = rest[..<dash]
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(Reason(text: "it has \(parts.count) number\(parts.count == 1 ? "" : "s") where major.minor.patch needs 3"))
        }
        var numbers: [Int] = []
        for (part, name) in zip(parts, ["major", "minor", "patch"]) {
            guard let n = number(part) else {
                return .failure(Reason(text: part.isEmpty ? "the \(name) number is missing" : "the \(name) part '\(part)' is not a number"))
            }
            if part.count > 1 && part.first == "0" { return .failure(Reason(text: "the \(name) number '\(part)' has a leading zero")) }
            numbers.append(n)
        }
        return .success(SemanticVersion(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: prerelease, build: build))
    }

    /// Digits only, at most 9 of them (so every version fits an Int everywhere).
    static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 9, s.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int(s)
    }

    private static func identifiersProblem(_ s: Substring, what: String, numeric: Bool) -> String? {
        let identifiers = s.split(separator: ".", omittingEmptySubsequences: false)
        for id in identifiers {
            if id.isEmpty { return "the \(what) has an empty identifier" }
            let allowed = id.utf8.allSatisfy { b in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) || b == UInt8(ascii: "-")
            }
            if !allowed { return "the \(what) '\(id)' may hold only letters, digits and '-'" }
            if numeric, id.count > 1, id.first == "0", id.allSatisfy(\.isNumber) { return "the \(what) number '\(id)' has a leading zero" }
        }
        return nil
    }
}
