import BrogueCore
import Testing

@testable import BrogueUI

/// The message log: repeats counted, the oldest dropped past its capacity, room added a step at
/// a time, and texts kept once per process.
@Suite struct MessageLogTests {
    @Test func repeatsAreCountedAndTheOldestGoPastTheCapacity() {
        var log = MessageLog(capacity: 100)
        log.add("The rat misses you.", .combat, turn: 1)
        log.add("The rat misses you.", .combat, turn: 2)
        #expect(log.entries.count == 1 && log.entries[0].count == 2 && log.entries[0].turn == 2)
        log.add("The rat misses you.", .combat, turn: 9)
        #expect(log.entries.count == 2, "a repeat after a pause is a new entry")
        for i in 0..<250 { log.add("Message number \(i) of the test.", .info, turn: 10 + i) }
        #expect(log.entries.count == 100)
        #expect(log.entries.first?.text == "Message number 150 of the test.")
        #expect(log.entries.last?.text == "Message number 249 of the test." && log.entries.last?.turn == 259)
        #expect(log.entries.capacity < 2 * 100, "room is added a step at a time, not doubled")
    }

    @Test func turnsAndCountsBeyond32BitsAreClampedNotWrapped() {
        var log = MessageLog()
        log.add("Late in a very long game.", .info, turn: Int(Int32.max) + 5)
        #expect(log.entries[0].turn == Int(Int32.max))
    }

    @Test func equalTextsShareOneStorage() {
        let pool = MessageTexts()
        let made = (0..<3).map { "The goblin conjurer casts \($0 < 10 ? "spectral blade" : "")." }
        let kept = made.map { pool.pooled($0) }
        #expect(kept.allSatisfy { $0 == made[0] })
        func address(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        #expect(Set(kept.map(address)).count == 1, "one storage for the three equal texts")
        #expect(Set(made.map(address)).count == 3, "they were made apart")
        #expect(pool.count == 1)
        _ = pool.pooled("short")
        _ = pool.pooled(String(repeating: "long ", count: 40))
        #expect(pool.count == 1, "texts held inside a String, and very long ones, are not kept")
    }

    @Test func thePoolStopsGrowingAtItsLimit() {
        let pool = MessageTexts()
        for i in 0..<(MessageTexts.limit + 50) { _ = pool.pooled("A message seen once, number \(i).") }
        #expect(pool.count == MessageTexts.limit)
        #expect(pool.pooled("A message seen once, number 999999.") == "A message seen once, number 999999.")
    }
}
