import BrogueClient
import BrogueNode
import BrogueProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `brogue loadtest` against a node in this process: bots play, idle sessions are held, and
/// the printed numbers add up.
@Suite struct LoadTestTests {
    @Test func botsPlayRealGamesAndTheSummaryIsSane() async throws {
        let node = try makeNode()
        try await node.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let lines = Box<[String]>([])
            // A run of a fixed size (3 stored actions a bot), not of a fixed time: a loaded
            // machine makes it slower, never smaller. The duration is only against a hang.
            let report = await LoadTest.run(
                .init(url: "ws://127.0.0.1:\(port)", bots: 4, duration: 60, rate: 10, ramp: 0.5, idle: 6, progressEvery: 1, actionsPerBot: 3)
            ) { line in lines.set(lines.get + [line]) }
            #expect(report.errors == 0, "\(report.errorSamples)")
            #expect(report.drops == 0, "\(report.errorSamples)")
            #expect(report.actions > 10, "4 bots of 3 actions stored only \(report.actions)")
            #expect(report.actions == 12, "each bot stops at its 3rd stored action")
            #expect(report.gamesStarted >= 4)
            #expect(report.idleOpened == 6 && report.idleHeld == 6)
            #expect(report.roundTrips.count == report.actions + report.refused)
            let p50 = report.percentile(0.5)
            let p95 = report.percentile(0.95)
            let p99 = report.percentile(0.99)
            #expect(0 < p50 && p50 <= p95 && p95 <= p99 && p99 <= report.roundTrips.last!)
            // The node stored what the bots were told was stored.
            #expect(node.metrics.text().contains("brogue_actions_total \(report.actions)\n"))

            let summary = report.summary
            #expect(summary.contains("actions: \(report.actions) stored, \(report.refused) refused"))
            #expect(summary.contains("errors: 0\n") && summary.contains("drops: 0"))
            #expect(summary.contains("idle sessions: 6 requested, 6 opened, 6 held"))
            let trip = try #require(summary.split(separator: "\n").first { $0.hasPrefix("round trip ms:") })
            let numbers = trip.split(separator: " ").compactMap { Double($0) }
            #expect(numbers.count == 4 && numbers == numbers.sorted() && numbers[0] > 0, "\(trip)")
            // The node's own figures, from its /metrics before and after.
            let figures = try #require(report.node, "\(report.nodeMeasureFailure ?? "")")
            #expect(figures.nodeActions == Double(report.actions), "the node counted the actions the bots were told were stored")
            #expect(figures.cpuMicrosecondsPerAction.map { $0 >= 0 } == true)
            #expect(figures.cpuMicrosecondsPerIdleSession != nil && figures.bytesPerIdleSession != nil)
            #expect(figures.residentBytesAtStart > 0)
            #expect(summary.contains("node cpu: ") && summary.contains(" us per action"))
            // Here the node runs in the test's own process, so the tool's figure counts both.
            #expect(report.toolCpuSeconds > 0 && summary.contains("load tool cpu: "))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
            #expect(json["actions"] as? Int == report.actions)
            // As numbers, not Doubles: JSONSerialization gives a whole number as an integer.
            let toolSeconds = try #require((json["toolCpuSeconds"] as? NSNumber)?.doubleValue)
            #expect(abs(toolSeconds - report.toolCpuSeconds) < 1e-9 && json["toolCpuMicrosecondsPerAction"] is NSNumber)
            let node = try #require(json["node"] as? [String: Any])
            #expect(node["cpuMicrosecondsPerAction"] is Double && node["nodeActions"] as? Double == Double(report.actions))
            #expect(lines.get.contains { $0.hasPrefix("idle: 6 of 6 sessions open") })
            #expect(lines.get.contains { $0.hasPrefix("t=") && $0.contains("s actions ") && $0.contains(" errors 0 drops 0") }, "\(lines.get)")
        }
    }

    /// What `brogue loadtest` does on SIGINT or SIGTERM: the bots stop early, each after the
    /// action it was waiting for, so the record holds every action the node stored, each with the
    /// time it was acknowledged.
    @Test(.timeLimit(.minutes(5))) func aStopRequestEndsTheRunWithEveryStoredActionRecorded() async throws {
        let node = try makeNode()
        let recordPath = FileManager.default.temporaryDirectory.appendingPathComponent("acks-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: recordPath) }
        try await node.makeApplication().test(.live) { client in
            var options = LoadTest.Options(url: "ws://127.0.0.1:\(try #require(client.port))", bots: 3, duration: 3_600, rate: 20)
            options.recordPath = recordPath
            let before = LoadTest.AckRecord.now()
            let run = Task { await LoadTest.run(options) }
            // Only against a hang: the bots play until asked to stop.
            let deadline = ContinuousClock.now + .seconds(120)
            while LoadTestReconnectTests.actionsStored(node) < 9, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(!options.stop.request(), "the first request")
            #expect(options.stop.request(), "asking again changes nothing")
            let report = await run.value
            #expect(report.errors == 0 && report.drops == 0, "\(report.errorSamples)")
            #expect(report.actions >= 9)
            #expect(LoadTestReconnectTests.actionsStored(node) == report.actions, "the node stored what the bots were told")
            let records = try LoadTest.AckRecord.read(path: recordPath)
            #expect(records.count == report.actions)
            let times = records.compactMap(\.at)
            #expect(times.count == records.count && times.allSatisfy { $0 >= before }, "every record has the time of its ack")
        }
    }

    /// `--game-actions`: each bot leaves its game once it has that many actions stored (its
    /// first game after a random number up to that) and starts another, so the node hosts games
    /// of every age, as with players coming and going.
    @Test(.timeLimit(.minutes(5))) func botsLeaveTheirGamesAfterTheGivenNumberOfActions() async throws {
        let node = try makeNode()
        let recordPath = FileManager.default.temporaryDirectory.appendingPathComponent("acks-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: recordPath) }
        try await node.makeApplication().test(.live) { client in
            var options = LoadTest.Options(url: "ws://127.0.0.1:\(try #require(client.port))", bots: 3, duration: 600, rate: 50, actionsPerBot: 12)
            options.recordPath = recordPath
            options.gameActions = 4
            options.seed = 5
            let report = await LoadTest.run(options)
            #expect(report.errors == 0 && report.drops == 0, "\(report.errorSamples)")
            #expect(report.actions == 36)
            let records = try LoadTest.AckRecord.read(path: recordPath)
            #expect(records.count == 36)
            // Every game got at most 4 actions, each bot played at least 3 games (12 actions),
            // and every game a bot left before its last had exactly 4, but for its first.
            for bot in 0..<3 {
                let games = records.filter { $0.bot == bot }.map(\.game).reduce(into: [Int64]()) { if $0.last != $1 { $0.append($1) } }
                let counts = games.map { game in records.filter { $0.game == game }.count }
                #expect(games.count >= 3 && counts.allSatisfy { (1...4).contains($0) }, "bot \(bot): \(counts)")
                #expect(counts.dropFirst().dropLast().allSatisfy { $0 == 4 } || report.gamesOver > 0, "bot \(bot): \(counts)")
            }
            #expect(report.gamesLeft >= 6 && report.gamesStarted == report.gamesLeft + report.gamesOver + 3, "\(report.summary)")
            #expect(report.summary.contains("\(report.gamesLeft) left after 4 actions"))
        }
    }

    @Test func aRecordWrittenBeforeAckTimesWereKeptStillReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("acks-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = """
            {"action":"x","bot":0,"game":4,"seq":1,"stateHash":"0123456789abcdef"}
            {"action":"m2","at":1767225600000,"bot":0,"game":4,"seq":2,"stateHash":"fedcba9876543210"}

            """
        try Data(lines.utf8).write(to: folder)
        let records = try LoadTest.AckRecord.read(path: folder.path)
        #expect(records.map(\.at) == [nil, 1_767_225_600_000])
        #expect(records.map(\.seq) == [1, 2])
    }

    @Test func anUnreachableNodeIsCountedAsErrorsNotActions() async throws {
        let report = await LoadTest.run(.init(url: "ws://127.0.0.1:1", bots: 2, duration: 0.2, rate: 5))
        #expect(report.errors == 2 && report.actions == 0)
        #expect(report.summary.contains("errors: 2"))
        #expect(report.errorSamples.allSatisfy { $0.contains("could not connect") })
        // --json keeps the words too: a script that reads only the JSON can say why.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        let samples = try #require(json["errorSamples"] as? [String])
        #expect(samples.count == 2 && samples.allSatisfy { $0.contains("could not connect") })
    }
}
