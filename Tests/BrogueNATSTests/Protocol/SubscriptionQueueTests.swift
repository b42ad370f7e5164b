import NIOCore
import Testing

@testable import BrogueNATS

@Suite struct SubscriptionQueueTests {
    static func message(_ text: String) -> NATSMessage { NATSMessage(subject: "s", payload: ByteBuffer(string: text)) }

    @Test func aFullQueueDropsAndCountsInsteadOfGrowing() async {
        let queue = SubscriptionQueue(maxMessages: 3, maxBytes: 1000)
        let accepted = (0..<10).map { queue.enqueue(Self.message("\($0)")) }
        #expect(accepted == [true, true, true] + Array(repeating: false, count: 7))
        #expect(queue.dropped == 7)
        queue.finish()
        var got: [String] = []
        while let message = await queue.next() { got.append(message.string) }
        #expect(got == ["0", "1", "2"], "the buffered messages survive finish; the end follows them")
    }

    @Test func theByteBoundDropsToo() {
        let queue = SubscriptionQueue(maxMessages: 100, maxBytes: 10)
        #expect(queue.enqueue(Self.message("123456")))
        #expect(!queue.enqueue(Self.message("123456")))
        #expect(queue.dropped == 1)
    }

    @Test func aWaitingConsumerGetsTheNextMessage() async {
        let queue = SubscriptionQueue(maxMessages: 1, maxBytes: 100)
        async let next = queue.next()
        // Whether the consumer is already waiting or not, it gets exactly this message.
        queue.enqueue(Self.message("x"))
        #expect(await next?.string == "x")
    }

    @Test func cancellingAWaitingConsumerEndsItsWait() async {
        let queue = SubscriptionQueue(maxMessages: 1, maxBytes: 100)
        let task = Task { await queue.next() }
        task.cancel()
        #expect(await task.value == nil)
    }
}
