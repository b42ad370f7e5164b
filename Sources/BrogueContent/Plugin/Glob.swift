import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Content globs: paths relative to a plugin folder, where `*` and `?` match within one path
/// segment and a `**` segment matches any number of folders.
///
/// Hidden files and folders (names starting with `.`) never match, and symbolic links to
/// folders are not followed, so a walk cannot leave the plugin or loop.
enum Glob {
    /// What is wrong with a pattern, or nil when it is usable.
    static func problem(in pattern: String) -> String? {
        if pattern.isEmpty { return "an empty glob matches nothing" }
        if pattern.hasPrefix("/") || pattern.hasPrefix("~") { return "glob '\(pattern)' must be relative to the plugin folder" }
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: { $0 == ".." }) { return "glob '\(pattern)' may not leave the plugin folder with '..'" }
        if segments.contains(where: \.isEmpty) { return "glob '\(pattern)' has an empty path segment ('//' or a trailing '/')" }
        if segments.contains(where: { $0.contains("**") && $0 != "**" }) { return "in glob '\(pattern)', '**' must be a whole path segment" }
        if pattern.contains("\\") { return "glob '\(pattern)' uses '\\'; separate folders with '/'" }
        return nil
    }

    /// A pattern or path cut at each `/`, ready to match. Cutting is most of the cost of a match,
    /// so a plugin's listing is cut once and each pattern once, not once per pair.
    typealias Segments = [[Character]]

    static func segments(_ pathOrPattern: String) -> Segments { pathOrPattern.split(separator: "/").map { Array($0) } }

    /// Whether a relative path (segments joined by `/`) matches the pattern.
    static func matches(_ pattern: String, path: String) -> Bool { matches(segments(pattern), segments(path)) }

    static func matches(_ pattern: Segments, _ path: Segments) -> Bool { match(pattern[...], path[...]) }

    private static func match(_ pattern: ArraySlice<[Character]>, _ path: ArraySlice<[Character]>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == ["*", "*"] {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard let next = tail.first, next.first != "." else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, segment.first != "." || first.first == "." else { return false }
        return matchSegment(first, segment) && match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` and `?` within one segment; iterative with one backtrack point, so linear-ish and bounded.
    static func matchSegment(_ pattern: [Character], _ name: [Character]) -> Bool {
        var p = 0
        var n = 0
        var star: Int?
        var resume = 0
        while n < name.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == name[n]) {
                p += 1
                n += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                resume = n
                p += 1
            } else if let s = star {
                p = s + 1
                resume += 1
                n = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Every regular file under `folder`, as relative paths in byte order, visiting at most `budget` entries.
    /// - Returns: nil when the folder holds more entries than the budget allows.
    static func listFiles(in folder: String, budget: Int, maxDepth: Int = 32) -> [String]? {
        let fm = FileManager.default
        var out: [String] = []
        var visited = 0
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        while let (relative, depth) = pending.popLast() {
            let absolute = relative.isEmpty ? folder : folder + "/" + relative
            guard let names = try? fm.contentsOfDirectory(atPath: absolute) else { continue }
            for name in names where !name.hasPrefix(".") {
                visited += 1
                if visited > budget { return nil }
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let childAbsolute = absolute + "/" + name
                // lstat: a link is listed as a file and never walked into, whatever it points at.
                var info = stat()
                guard lstat(childAbsolute, &info) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                if type == S_IFDIR {
                    if depth + 1 < maxDepth { pending.append((childRelative, depth + 1)) }
                } else if type == S_IFREG || type == S_IFLNK {
                    out.append(childRelative)
                }
            }
        }
        return out.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
