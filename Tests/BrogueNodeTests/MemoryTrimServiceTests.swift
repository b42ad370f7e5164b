import Testing

@testable import BrogueNode

/// The periodic `malloc_trim`: when it runs, and how its interval is read.
@Suite struct MemoryTrimServiceTests {
    @Test func itTrimsOnceAnIntervalOnTheNodesClockUntilCancelled() async throws {
        let clock = ManualClock()
        let (trims, trimmed) = AsyncStream.makeStream(of: Duration.self)
        let service = MemoryTrimService(interval: .seconds(60), clock: clock) { trimmed.yield(clock.now) }
        let running = Task { try await service.run() }
        var seen = trims.makeAsyncIterator()
        for minute in 1...3 {
            try await clock.advanceToNextDeadline()
            #expect(await seen.next() == .seconds(60 * minute), "the trim comes a whole interval after the last")
        }
        running.cancel()
        try await running.value
    }

    @Test func switchedOffItEndsAtOnceWithoutTrimming() async throws {
        let service = MemoryTrimService(interval: .zero, clock: ManualClock()) { Issue.record("trimmed while switched off") }
        try await service.run()
    }

    @Test func theIntervalComesFromTheEnvironmentOrIsAMinute() throws {
        #expect(try MemoryTrimService.interval(from: [:]) == .seconds(60))
        #expect(try MemoryTrimService.interval(from: ["BROGUE_MEMORY_TRIM_SECONDS": "0"]) == .zero)
        #expect(try MemoryTrimService.interval(from: ["BROGUE_MEMORY_TRIM_SECONDS": "300"]) == .seconds(300))
        for bad in ["-1", "soon", "86401", "1.5"] {
            #expect {
                try MemoryTrimService.interval(from: ["BROGUE_MEMORY_TRIM_SECONDS": bad])
            } throws: { error in
                "\(error)".contains("BROGUE_MEMORY_TRIM_SECONDS='\(bad)'") && "\(error)".contains("0 (never) to 86400")
            }
        }
    }
}
