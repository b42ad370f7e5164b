/// Suggests the closest known name for a misspelt one.
enum DidYouMean {
    /// The best candidate for `word`, or nil when none is close enough to be a plausible typo.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let typed = normalized(word)
        if let same = candidates.first(where: { normalized($0) == typed }) { return same }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(Array(typed.utf8), Array(candidate.utf8))
            if d <= threshold(typed.utf8.count), d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        if let best { return best.name }
        // `hp_max` for `hp`: a known name typed with something stuck to it.
        let parts = typed.split(separator: "-").map(String.init)
        if parts.count > 1 {
            return candidates.first { candidate in parts.contains(candidate) || candidate.split(separator: "-").first.map(String.init) == parts[0] }
        }
        return nil
    }

    /// The did-you-mean hint text, if there is a suggestion.
    static func hint(for word: String, among candidates: [String]) -> String? {
        suggestion(for: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// The did-you-mean hint among a few fixed words (a choice's values), where a word that shares
    /// a stem with the typed one is worth suggesting too (`asleep` -> `sleeping`, `guard` -> `guarding`).
    static func hint(for word: String, amongChoices choices: [String]) -> String? {
        if let near = hint(for: word, among: choices) { return near }
        let typed = Array(normalized(word).utf8)
        let stem = max(4, (typed.count + 1) / 2)
        guard typed.count >= stem else { return nil }
        for start in 0...(typed.count - stem) {
            let piece = typed[start..<(start + stem)]
            if let choice = choices.first(where: { Array($0.utf8).firstRange(of: piece) != nil }) { return "did you mean '\(choice)'?" }
        }
        return nil
    }

    private static func threshold(_ length: Int) -> Int {
        switch length {
        case ..<4: 1
        case ..<8: 2
        default: 3
        }
    }

    /// Lower-cases and turns `snake_case`, `camelCase` and spaces into kebab-case, the content spelling.
    static func normalized(_ word: String) -> String {
        var out = ""
        var previousWasLower = false
        for ch in word {
            if ch == "_" || ch == " " {
                out.append("-")
                previousWasLower = false
            } else if ch.isUppercase {
                if previousWasLower { out.append("-") }
                out.append(contentsOf: ch.lowercased())
                previousWasLower = false
            } else {
                out.append(ch)
                previousWasLower = ch.isLowercase
            }
        }
        return out
    }

    /// Optimal string alignment distance: edits, where swapping two neighbours counts as one.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Names are short; a long one is never a typo of a field name, so skip the quadratic work.
        if abs(a.count - b.count) > 3 || a.count > 64 || b.count > 64 { return max(a.count, b.count) }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, previous2[j - 2] + 1) }
                current[j] = d
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
