import BrogueRecording
import BrogueStore
import Foundation
import Testing

@testable import BrogueNode

/// `brogue_levels_hosted`: the levels the hosted games hold, which is what a node's memory
/// follows as its players go deeper (the soak reads it beside resident memory).
@Suite struct LevelsHostedTests {
    @Test func aHostedGameCountsItsLevelsAndTakesThemOffWhenReleased() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-levels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let games = RecordedGames(store: try SQLiteGameStore(path: folder.appendingPathComponent("brogue.sqlite").path), content: coreContent)
        let metrics = NodeMetrics()
        #expect(levels(metrics) == 0)
        var first: GameHost? = GameHost(try games.start(seed: 3), token: "a", metrics: metrics)
        let second = GameHost(try games.start(seed: 4), token: "b", metrics: metrics)
        // A new game holds its first level.
        #expect(levels(metrics) == 2)
        first = nil
        #expect(levels(metrics) == 1, "a released game takes its levels off the gauge")
        _ = (first, second)
    }

    private func levels(_ metrics: NodeMetrics) -> Double? {
        ProcessMetricsTests.value("brogue_levels_hosted", in: metrics.text())
    }
}
