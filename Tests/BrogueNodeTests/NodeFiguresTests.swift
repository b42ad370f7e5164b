import Testing

@testable import BrogueClient

/// The load test's figures from the node's samples: the steady window is the span when every
/// bot plays (from the ramp's end to the play's length), so games started are left out of it.
@Suite struct NodeFiguresTests {
    func sample(cpu: Double, actions: Double) -> NodeSample {
        var s = NodeSample()
        s.cpuSeconds = cpu
        s.actions = actions
        return s
    }

    @Test func theSteadyFigureCountsOnlyTheSamplesWhileEveryBotPlays() throws {
        var samples = LoadTest.NodeSamples()
        samples.start = sample(cpu: 1, actions: 0)
        samples.idle = sample(cpu: 1, actions: 0)
        // Ramp 5 s, play 15 s: samples at 1 s (still starting games) and 20 s (bots stopping) are left out.
        for (at, cpu, actions) in [(1.0, 3.0, 10.0), (5.0, 4.0, 100.0), (10.0, 4.5, 1100.0), (15.0, 5.0, 2100.0), (20.0, 9.0, 2200.0)] {
            samples.keepSteady(sample(cpu: cpu, actions: actions), at: at, ramp: 5, duration: 15)
        }
        samples.end = sample(cpu: 9.5, actions: 2200)
        let figures = try #require(samples.figures(answered: 2200, idleOpened: 0))
        // (5.0 - 4.0) s over (2100 - 100) actions.
        #expect(figures.cpuMicrosecondsPerActionSteady == 500)
        #expect(figures.steadySeconds == 10)
        // The whole play's figure still counts everything: (9.5 - 1) s over 2200 answered.
        #expect(figures.cpuMicrosecondsPerAction.map { ($0 - 3863.6).magnitude < 0.1 } == true)
        #expect(figures.lines.contains { $0.hasPrefix("node cpu with every bot playing: 500 us per action stored (over 10.0 s") })
    }

    @Test func aRunWithNoSteadyWindowSaysSo() throws {
        var samples = LoadTest.NodeSamples()
        samples.start = sample(cpu: 1, actions: 0)
        samples.idle = sample(cpu: 1, actions: 0)
        // One sample in the window is not a span.
        samples.keepSteady(sample(cpu: 2, actions: 50), at: 6, ramp: 5, duration: 15)
        samples.end = sample(cpu: 3, actions: 100)
        let figures = try #require(samples.figures(answered: 100, idleOpened: 0))
        #expect(figures.cpuMicrosecondsPerActionSteady == nil && figures.steadySeconds == nil)
        #expect(figures.lines.contains { $0.hasPrefix("node cpu with every bot playing: - us") })
    }
}
