/// A live interest in a subject: the messages delivered to it, in order, as an `AsyncSequence`.
///
/// The sequence ends after `unsubscribe()`, when a maximum set by `unsubscribe(after:)` is reached,
/// or when the client drains or closes; messages already buffered are still delivered first.
/// Iterate it from one task.
///
/// ```swift
/// let sub = try client.subscribe("game.*.frames", queue: "gateways")
/// for await message in sub { handle(message) }
/// ```
public struct NATSSubscription: AsyncSequence, Sendable {
    public typealias Element = NATSMessage

    /// The id the client gave it; the same across reconnects.
    public let sid: UInt64
    public let subject: String
    public let queueGroup: String?
    let queue: SubscriptionQueue
    let client: NATSClient

    /// Stops delivery now (`after: nil`) or after `after` messages in all have been delivered.
    /// - Throws: `NATSError.clientClosed` when the client is closed.
    public func unsubscribe(after maximum: Int? = nil) throws {
        try client.unsubscribe(self, after: maximum)
    }

    /// Messages dropped because this subscriber fell behind its pending limits.
    public var droppedMessages: Int { queue.dropped }

    public func makeAsyncIterator() -> Iterator { Iterator(queue: queue) }

    public struct Iterator: AsyncIteratorProtocol {
        let queue: SubscriptionQueue

        public mutating func next() async -> NATSMessage? { await queue.next() }
    }
}
