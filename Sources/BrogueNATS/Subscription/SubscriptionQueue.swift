import NIOConcurrencyHelpers

/// A subscription's delivered but unconsumed messages, bounded in count and bytes, and the one
/// consumer waiting for the next. Filled on the event loop, emptied by the consumer's task.
final class SubscriptionQueue: Sendable {
    private struct State {
        var buffer: [NATSMessage] = []
        var head = 0
        var bytes = 0
        var finished = false
        var dropped = 0
        var waiter: CheckedContinuation<NATSMessage?, Never>?
    }

    private let state = NIOLockedValueBox(State())
    private let maxMessages: Int
    private let maxBytes: Int

    init(maxMessages: Int, maxBytes: Int) {
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
    }

    /// Hands `message` to the waiting consumer or buffers it.
    /// - Returns: `false` when it was dropped: the buffer is full (a slow consumer) or the queue finished.
    @discardableResult
    func enqueue(_ message: NATSMessage) -> Bool {
        let (accepted, waiter) = state.withLockedValue { state -> (Bool, CheckedContinuation<NATSMessage?, Never>?) in
            if state.finished { return (false, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter)
            }
            let pending = state.buffer.count - state.head
            if pending >= maxMessages || state.bytes + message.pendingSize > maxBytes {
                state.dropped += 1
                return (false, nil)
            }
            state.buffer.append(message)
            state.bytes += message.pendingSize
            return (true, nil)
        }
        waiter?.resume(returning: message)
        return accepted
    }

    /// No more messages will come; the consumer still gets what is buffered, then the end.
    func finish() {
        let waiter = state.withLockedValue { state in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Messages dropped because the consumer fell behind.
    var dropped: Int { state.withLockedValue { $0.dropped } }

    /// The next message, waiting for one; `nil` once finished and empty, or when the task is cancelled.
    func next() async -> NATSMessage? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<NATSMessage?, Never>) in
                let ready: NATSMessage?? = state.withLockedValue { state in
                    if state.head < state.buffer.count { return .some(Self.pop(&state)) }
                    // Cancellation checked under the lock: onCancel either ran before (seen here) or will find the waiter.
                    if state.finished || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    private static func pop(_ state: inout State) -> NATSMessage {
        let message = state.buffer[state.head]
        state.head += 1
        state.bytes -= message.pendingSize
        // Compact once the consumed prefix dominates, so the array does not grow with the stream.
        if state.head > 1024 && state.head * 2 > state.buffer.count {
            state.buffer.removeFirst(state.head)
            state.head = 0
        }
        return message
    }
}
