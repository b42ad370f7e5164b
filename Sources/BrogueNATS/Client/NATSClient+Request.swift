import NIOConcurrencyHelpers
public import NIOCore

extension NATSClient {
    /// Publishes `payload` to `subject` and waits for the first answer, through one inbox subscription
    /// (`_INBOX.<random>.*`) shared by every request of this client.
    /// - Returns: the answer.
    /// - Throws: `NATSError.noResponders` when nobody subscribes to `subject`, `.timeout` after `timeout`,
    ///   or what `publish` throws.
    public func request(
        _ subject: String,
        payload: ByteBuffer = ByteBuffer(),
        headers: NATSHeaders? = nil,
        timeout: Duration = .seconds(5)
    ) async throws -> NATSMessage {
        let eventLoop = group.next()
        let answer = eventLoop.makePromise(of: NATSMessage.self)
        let (replyTo, token) = try state.withLockedValue { state in
            if state.isClosed { throw NATSError.clientClosed }
            var inbox = state.inbox ?? openInbox(&state)
            inbox.nextToken += 1
            let token = String(inbox.nextToken, radix: 36)
            inbox.waiters[token] = ClientState.Waiter(answer: answer, subject: subject)
            state.inbox = inbox
            return ("\(inbox.prefix).\(token)", token)
        }
        let timer = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            self.abandon(token: token, with: NATSError.timeout(operation: "request on '\(subject)'"))
        }
        defer { timer.cancel() }
        do {
            try publish(subject, payload: payload, headers: headers, replyTo: replyTo)
        } catch {
            abandon(token: token, with: error)
        }
        return try await withTaskCancellationHandler {
            try await answer.futureResult.get()
        } onCancel: {
            self.abandon(token: token, with: CancellationError())
        }
    }

    /// Fails and forgets the waiter of `token`, if it is still waiting.
    private func abandon(token: String, with error: any Error) {
        let waiter = state.withLockedValue { $0.inbox?.waiters.removeValue(forKey: token) }
        waiter?.answer.fail(error)
    }

    /// Subscribes the shared inbox on first use; it is resubscribed on reconnect like any subscription.
    private func openInbox(_ state: inout ClientState) -> ClientState.Inbox {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let prefix = "_INBOX." + String((0..<22).map { _ in letters.randomElement()! })
        let sid = state.nextSid
        state.nextSid += 1
        state.subscriptions[sid] = .init(subject: prefix + ".*", target: .inbox)
        var out = ByteBuffer()
        out.writeNATSSubscribe(subject: prefix + ".*", queue: nil, sid: sid)
        state.connection?.write(out)
        return ClientState.Inbox(prefix: prefix, sid: sid)
    }
}
