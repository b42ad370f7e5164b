import Foundation

extension LoadTest.Report {
    /// The figures of a run as one JSON object, for comparing runs by script (`--json`).
    struct Figures: Codable {
        var bots: Int
        var idle: Int
        var rate: Double
        var seconds: Double
        var actions: Int
        var refused: Int
        var actionsPerSecond: Double
        var roundTripMs: [String: Double]
        var errors: Int
        var errorCodes: [String: Int]
        /// The first few errors in words (what `--json` alone would otherwise hide).
        var errorSamples: [String]
        var drops: Int
        var reconnects: Int
        var gamesStarted: Int
        var gamesOver: Int
        var gamesLeft: Int
        var idleOpened: Int
        var idleHeld: Int
        var toolCpuSeconds: Double
        var toolCpuMicrosecondsPerAction: Double?
        var node: LoadTest.NodeFigures?
        var nodeMeasureFailure: String?
    }

    /// What `brogue loadtest --json` prints: one object, keys sorted.
    public var json: String {
        let figures = Figures(
            bots: options.bots,
            idle: options.idle,
            rate: options.rate,
            seconds: seconds,
            actions: actions,
            refused: refused,
            actionsPerSecond: actionsPerSecond,
            roundTripMs: ["p50": percentile(0.5), "p95": percentile(0.95), "p99": percentile(0.99), "max": roundTrips.last ?? 0],
            errors: errors,
            errorCodes: errorCodes,
            errorSamples: errorSamples,
            drops: drops,
            reconnects: reconnects,
            gamesStarted: gamesStarted,
            gamesOver: gamesOver,
            gamesLeft: gamesLeft,
            idleOpened: idleOpened,
            idleHeld: idleHeld,
            toolCpuSeconds: toolCpuSeconds,
            toolCpuMicrosecondsPerAction: toolCpuMicrosecondsPerAction,
            node: node,
            nodeMeasureFailure: nodeMeasureFailure
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(figures)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
