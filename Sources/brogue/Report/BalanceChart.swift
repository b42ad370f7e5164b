/// The balance report drawn as an SVG document, written here rather than by a plotting library:
/// runs reaching each depth as bars above, and how the runs ended on each depth (the most common
/// causes of death, the other deaths, escapes and runs still alive at the turn limit) as stacked
/// bars below, each with axes, labels and a legend.
struct BalanceChart {
    let report: BalanceReport

    static let width = 1000
    static let plotLeft = 70
    static let plotWidth = 620
    static let plotHeight = 260
    /// The named causes; the rest are drawn as one "other deaths" band.
    static let namedCauses = 7
    static let palette = ["#c0392b", "#e67e22", "#f1c40f", "#27ae60", "#2980b9", "#8e44ad", "#16a085"]
    static let otherColour = "#7f8c8d"
    static let wonColour = "#2ecc71"
    static let aliveColour = "#bdc3c7"

    /// One band of the stacked bars: its legend text, colour and value per depth.
    struct Series {
        var label: String
        var colour: String
        var values: [Int]
    }

    var svg: String {
        let height = 2 * Self.plotHeight + 250
        var out = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"\(height)\" viewBox=\"0 0 \(Self.width) \(height)\" "
                + "font-family=\"sans-serif\" font-size=\"12\">",
            "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
            Self.text(
                "Balance: \(report.runs) explore-bot runs, seeds \(report.seeds), \(report.content.joined(separator: ", "))",
                x: Self.width / 2,
                y: 24,
                anchor: "middle",
                size: 16
            ),
        ]
        let reached = Series(label: "runs reaching the depth", colour: "#34495e", values: report.depths.map(\.reached))
        out += plot(title: "Runs reaching each depth", top: 70, series: [reached], yLabel: "runs", totals: false)
        out += plot(title: "How runs ended on each depth", top: Self.plotHeight + 170, series: endings, yLabel: "runs ending there", totals: true)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    /// The most common causes of death, the other deaths, escapes and runs alive at the limit.
    var endings: [Series] {
        let named = report.causes.prefix(Self.namedCauses).map(\.name)
        var series = named.enumerated().map { i, cause in
            Series(
                label: BalanceReport.short(cause),
                colour: Self.palette[i % Self.palette.count],
                values: report.depths.map { d in d.causes.first { $0.name == cause }?.count ?? 0 }
            )
        }
        series.append(
            Series(
                label: "other deaths",
                colour: Self.otherColour,
                values: report.depths.map { d in d.causes.filter { !named.contains($0.name) }.reduce(0) { $0 + $1.count } }
            )
        )
        series.append(Series(label: "escaped", colour: Self.wonColour, values: report.depths.map(\.won)))
        series.append(Series(label: "alive at the turn limit", colour: Self.aliveColour, values: report.depths.map(\.stopped)))
        return series.filter { $0.values.contains { $0 > 0 } }
    }

    /// One chart: axes with ticks, stacked bars per depth, a legend on the right (with each
    /// band's total over the depths when `totals`).
    func plot(title: String, top: Int, series: [Series], yLabel: String, totals showTotals: Bool) -> [String] {
        let depths = report.depths.map(\.depth)
        let totals = depths.indices.map { i in series.reduce(0) { $0 + $1.values[i] } }
        let step = Self.tickStep(totals.max() ?? 0)
        let yMax = max(step, ((totals.max() ?? 0) + step - 1) / step * step)
        let bottom = top + Self.plotHeight
        let slot = Double(Self.plotWidth) / Double(max(1, depths.count))
        func y(_ v: Int) -> Double { Double(bottom) - Double(v) / Double(yMax) * Double(Self.plotHeight) }
        var out = [Self.text(title, x: Self.plotLeft + Self.plotWidth / 2, y: top - 12, anchor: "middle", size: 14)]
        for tick in stride(from: 0, through: yMax, by: step) {
            let ty = Self.number(y(tick))
            out.append("<line x1=\"\(Self.plotLeft - 5)\" y1=\"\(ty)\" x2=\"\(Self.plotLeft + Self.plotWidth)\" y2=\"\(ty)\" stroke=\"#e0e0e0\"/>")
            out.append(Self.text("\(tick)", x: Self.plotLeft - 8, y: Int(y(tick)) + 4, anchor: "end"))
        }
        for (i, depth) in depths.enumerated() {
            let x = Double(Self.plotLeft) + slot * Double(i)
            var base = 0
            for s in series where s.values[i] > 0 {
                let rectTop = y(base + s.values[i])
                out.append(
                    "<rect x=\"\(Self.number(x + slot * 0.15))\" y=\"\(Self.number(rectTop))\" width=\"\(Self.number(slot * 0.7))\" "
                        + "height=\"\(Self.number(y(base) - rectTop))\" fill=\"\(s.colour)\"><title>depth \(depth): "
                        + "\(Self.escaped(s.label)) \(s.values[i])</title></rect>"
                )
                base += s.values[i]
            }
            out.append(Self.text("\(depth)", x: Int(x + slot / 2), y: bottom + 16, anchor: "middle"))
        }
        out.append(
            "<line x1=\"\(Self.plotLeft)\" y1=\"\(top)\" x2=\"\(Self.plotLeft)\" y2=\"\(bottom)\" stroke=\"black\"/>"
                + "<line x1=\"\(Self.plotLeft)\" y1=\"\(bottom)\" x2=\"\(Self.plotLeft + Self.plotWidth)\" y2=\"\(bottom)\" stroke=\"black\"/>"
        )
        out.append(Self.text("depth", x: Self.plotLeft + Self.plotWidth / 2, y: bottom + 34, anchor: "middle"))
        let mid = top + Self.plotHeight / 2
        out.append("<text x=\"18\" y=\"\(mid)\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(mid))\">\(Self.escaped(yLabel))</text>")
        for (i, s) in series.enumerated() {
            let ly = top + 10 + i * 20
            let lx = Self.plotLeft + Self.plotWidth + 30
            out.append("<rect x=\"\(lx)\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" fill=\"\(s.colour)\"/>")
            out.append(Self.text(showTotals ? "\(s.label) (\(s.values.reduce(0, +)))" : s.label, x: lx + 18, y: ly, anchor: "start"))
        }
        return out
    }

    /// A round step (1, 2 or 5 times a power of ten) giving at most six ticks up to `maximum`.
    static func tickStep(_ maximum: Int) -> Int {
        var magnitude = 1
        while true {
            for m in [1, 2, 5] where maximum <= m * magnitude * 6 { return m * magnitude }
            magnitude *= 10
        }
    }

    static func text(_ s: String, x: Int, y: Int, anchor: String, size: Int = 12) -> String {
        "<text x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">\(escaped(s))</text>"
    }

    /// A coordinate to a tenth of a pixel, without a trailing ".0".
    static func number(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
