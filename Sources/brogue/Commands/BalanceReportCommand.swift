import ArgumentParser
import BrogueContent
import BrogueCore
import Foundation

struct BalanceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Play the explore bot over many seeds and report, per depth, how far runs got, what killed them and what they had.",
        discussion: """
            Each seed is one headless game of the explore bot (as brogue sim plays it). For each \
            depth the report gives how many runs reached it, how many died there and of what, and \
            which items and allies the runs had on first arriving there. The same seeds, turns and \
            content always give the same report. Progress goes to standard error.

            Examples:
              brogue report balance --seeds 1-1000
              brogue report balance --seeds 1-200 --plot balance.svg
              brogue report balance --seeds 1-100 --json > balance.json
              brogue report balance --seeds 1-100 --plugin Plugins/Variants/RapidBrogue
            """
    )

    @Option(help: ArgumentHelp("Seeds to play: one seed (7) or a range (1-1000).", valueName: "A-B"))
    var seeds: String = "1-100"

    @Option(help: "Stop each game after this many turns if it has not ended; such runs count as alive at the turn limit.")
    var turns: Int = 20000

    @Option(
        help: ArgumentHelp("Also write the report as an SVG chart to this file: runs reaching each depth, and how runs ended.", valueName: "file")
    )
    var plot: String?

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    @Flag(help: "Print no progress on standard error.")
    var quiet = false

    @OptionGroup var content: ContentOptions

    func validate() throws {
        guard let s = CatalogCommand.range(seeds), s.lowerBound >= 0 else {
            throw ValidationError("--seeds takes a seed or a range such as 1-1000 (got '\(seeds)').")
        }
        guard turns > 0, turns <= 10_000_000 else { throw ValidationError("--turns must be between 1 and 10,000,000 (got \(turns)).") }
    }

    func run() throws {
        let loaded = try content.load()
        let range = CatalogCommand.range(seeds)!
        let terminal = isatty(STDERR_FILENO) == 1
        var runs: [BalanceRun] = []
        for (i, seed) in range.enumerated() {
            runs.append(BalanceRun.play(seed: UInt64(seed), catalog: loaded.catalog, turns: turns))
            guard !quiet else { continue }
            let line = "seed \(i + 1)/\(range.count) (seed \(seed): \(describe(runs[i].end)))"
            // On a terminal one line is rewritten; in a log a line every 50 seeds and at the end.
            if terminal {
                Console.progress(line)
            } else if (i + 1) % 50 == 0 || i + 1 == range.count {
                Console.error(line)
            }
        }
        if terminal && !quiet { Console.progress("") }
        let report = BalanceReport(
            seeds: seeds,
            turns: turns,
            content: loaded.contentSet.map { "\($0.id) \($0.version)" },
            runs: runs
        )
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text, terminator: "")
        }
        if let plot {
            do {
                try BalanceChart(report: report).svg.write(toFile: plot, atomically: true, encoding: .utf8)
            } catch {
                Console.error("brogue: cannot write the chart to \(plot): \(error.localizedDescription); check the folder exists and is writable.")
                throw ExitCode(1)
            }
        }
    }

    private func describe(_ end: BalanceRun.End) -> String {
        switch end {
        case .died(let cause, let depth): "\(cause) on depth \(depth)"
        case .won(let depth): "escaped from depth \(depth)"
        case .stopped(let depth): "alive on depth \(depth) at the turn limit"
        }
    }
}
