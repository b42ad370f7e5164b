import Foundation

extension BalanceReport {
    /// The report for reading: a table of depths, then what the runs carried on each.
    var text: String {
        var lines = [
            "Balance: \(runs) explore-bot runs (seeds \(seeds), at most \(turns) turns each), content \(content.joined(separator: ", "))",
            "",
            "depth  reached  died  won  alive  top causes of death",
        ]
        for d in depths {
            let causes = d.causes.prefix(3).map { "\(Self.short($0.name)) \($0.count)" }.joined(separator: ", ")
            lines.append(
                Self.pad(d.depth, 5) + Self.pad(d.reached, 9) + Self.pad(d.died, 6) + Self.pad(d.won, 5) + Self.pad(d.stopped, 7)
                    + (causes.isEmpty ? "" : "  " + causes)
            )
        }
        lines.append("")
        lines.append("On arriving (share of the runs that arrived, and how many each had on average):")
        for d in depths {
            lines.append(
                "depth \(d.depth): \(d.arrivals) arrived with \(Self.decimal(d.averageItems)) items and \(Self.decimal(d.averageAllies)) allies"
            )
            if !d.items.isEmpty { lines.append("  items: " + d.items.map { describe($0, of: d.arrivals) }.joined(separator: ", ")) }
            if !d.allies.isEmpty { lines.append("  allies: " + d.allies.map { describe($0, of: d.arrivals) }.joined(separator: ", ")) }
        }
        lines.append("")
        lines.append(
            "Deaths: \(causes.reduce(0) { $0 + $1.count }) of \(runs) runs; most often "
                + (causes.isEmpty ? "none" : causes.prefix(5).map { "\(Self.short($0.name)) (\($0.count))" }.joined(separator: ", "))
        )
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ c: Carried, of arrivals: Int) -> String {
        let percent = arrivals == 0 ? 0 : c.runs * 100 / arrivals
        return "\(c.kind) \(percent == 0 && c.runs > 0 ? "<1" : "\(percent)")% x\(Self.decimal(c.average))"
    }

    /// "killed by a goblin" as "a goblin": the table's column says killed.
    static func short(_ cause: String) -> String {
        cause.hasPrefix("killed by ") ? String(cause.dropFirst("killed by ".count)) : cause
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    static func decimal(_ x: Double) -> String { String(format: "%.2f", x) }
}
