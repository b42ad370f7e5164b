import NIOConcurrencyHelpers
import NIOCore

extension NATSClient {
    /// Routes a message from the server to its subscription's queue or to the request waiting for it. On the event loop.
    func deliver(_ message: NATSMessage) {
        enum Route {
            case none
            case queue(SubscriptionQueue, last: Bool)
            case reply(ClientState.Waiter)
        }
        let route = state.withLockedValue { state -> Route in
            state.statistics.messagesIn += 1
            state.statistics.bytesIn += message.payload.readableBytes
            guard var subscription = state.subscriptions[message.sid] else { return .none }
            subscription.delivered += 1
            let last = subscription.maximum.map { subscription.delivered >= $0 } ?? false
            state.subscriptions[message.sid] = last ? nil : subscription
            switch subscription.target {
            case .queue(let queue):
                // Enqueued under the client's lock so the dropped count and the queue agree; the queue never takes this lock.
                if !queue.enqueue(message) { state.statistics.droppedMessages += 1 }
                return .queue(queue, last: last)
            case .inbox:
                guard let inbox = state.inbox, message.subject.hasPrefix(inbox.prefix + ".") else { return .none }
                let token = String(message.subject.dropFirst(inbox.prefix.count + 1))
                return state.inbox?.waiters.removeValue(forKey: token).map { .reply($0) } ?? .none
            }
        }
        switch route {
        case .none: break
        case .queue(let queue, let last): if last { queue.finish() }
        case .reply(let waiter):
            if message.status == 503 {
                waiter.answer.fail(NATSError.noResponders(subject: waiter.subject))
            } else {
                waiter.answer.succeed(message)
            }
        }
    }
}
