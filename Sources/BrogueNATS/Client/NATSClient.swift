public import Foundation
import Logging
import NIOConcurrencyHelpers
public import NIOCore
import NIOPosix

/// A NATS client: publish, subscribe, request-reply, over one connection to one server of a list,
/// reconnecting to the next when it is lost.
///
/// ```swift
/// let client = try await NATSClient.connect(servers: ["nats://127.0.0.1:4222"])
/// let sub = try client.subscribe("greet.*")
/// try client.publish("greet.joe", payload: ByteBuffer(string: "hello"))
/// for await message in sub { print(message.string) }
/// ```
///
/// Every method may be called from any task. Messages reach subscriptions in the order the server sent them.
public final class NATSClient: Sendable {
    let options: NATSOptions
    let group: any EventLoopGroup
    let state: NIOLockedValueBox<ClientState>
    var logger: Logger { options.logger }

    /// Connection changes and server errors, newest kept when nobody reads them. Read it from one task.
    public let events: AsyncStream<NATSEvent>
    let eventSink: AsyncStream<NATSEvent>.Continuation

    init(servers: [NATSServerAddress], options: NATSOptions, group: any EventLoopGroup) {
        self.options = options
        self.group = group
        self.state = NIOLockedValueBox(ClientState(pool: ServerPool(servers)))
        (events, eventSink) = AsyncStream.makeStream(of: NATSEvent.self, bufferingPolicy: .bufferingNewest(256))
    }

    /// A client dropped without `close()` still closes its connection; its reconnect loop, if running, holds it until it ends.
    deinit {
        state.withLockedValue { $0.connection }?.channel.close(promise: nil)
        eventSink.finish()
    }

    /// Connects to the first server of `servers` that answers, trying each once (in a random order
    /// unless `options.randomizeServers` is false).
    /// - Parameters:
    ///   - servers: `nats://[user:password@]host:port`, `host:port` or `host`; servers the cluster announces are added.
    ///   - options: credentials, timeouts, reconnect and buffer limits.
    ///   - group: the event loops to run on; NIO's shared one by default.
    /// - Throws: `NATSError.authorizationViolation` when the credentials are refused, `NATSError.noServersAvailable` otherwise.
    public static func connect(
        servers: [String],
        options: NATSOptions = NATSOptions(),
        group: (any EventLoopGroup)? = nil
    ) async throws -> NATSClient {
        guard !servers.isEmpty else { throw NATSError.invalidServerAddress("(an empty server list)") }
        var addresses = try servers.map { try NATSServerAddress($0) }
        if options.randomizeServers { addresses.shuffle() }
        let client = NATSClient(
            servers: addresses,
            options: options,
            group: group ?? MultiThreadedEventLoopGroup.singleton
        )
        try await client.connectFirst()
        return client
    }

    /// Connects to the first of `servers` that answers; see `connect(servers:options:group:)` with strings.
    public static func connect(
        servers: [URL],
        options: NATSOptions = NATSOptions(),
        group: (any EventLoopGroup)? = nil
    ) async throws -> NATSClient {
        try await connect(servers: servers.map(\.absoluteString), options: options, group: group)
    }

    /// Counters since the client connected.
    public var statistics: NATSStatistics { state.withLockedValue { $0.statistics } }

    /// The server the client is connected to (`host:port`), `nil` while reconnecting or closed.
    public var connectedServer: String? { state.withLockedValue { $0.connection?.server.description } }

    /// Every server the client knows, given and learnt from the cluster (`host:port`).
    public var knownServers: [String] { state.withLockedValue { $0.pool.servers.map(\.description) } }

    /// Publishes `payload` on `subject`. While reconnecting it is buffered (up to `reconnectBufferSize`).
    /// - Parameters:
    ///   - headers: sent with HPUB when present.
    ///   - replyTo: where subscribers should answer.
    /// - Throws: `NATSError.invalidSubject`, `.invalidHeader`, `.payloadTooLarge`, `.reconnectBufferFull` or `.clientClosed`.
    public func publish(_ subject: String, payload: ByteBuffer = ByteBuffer(), headers: NATSHeaders? = nil, replyTo: String? = nil) throws {
        try NATSSubject.check(subject)
        if let replyTo { try NATSSubject.check(replyTo) }
        let headerBlock = try headers?.encoded()
        var out = ByteBuffer()
        out.writeNATSPublish(subject: subject, replyTo: replyTo, headers: headerBlock, payload: payload)
        let size = payload.readableBytes + (headerBlock?.readableBytes ?? 0)
        try state.withLockedValue { state in
            guard size <= state.maxPayload else { throw NATSError.payloadTooLarge(size: size, limit: state.maxPayload) }
            try state.send(out, bufferLimit: options.reconnectBufferSize)
            state.statistics.messagesOut += 1
            state.statistics.bytesOut += payload.readableBytes
        }
    }

    /// Subscribes to `subject` (wildcards `*` and `>` allowed).
    /// - Parameter queue: a queue group: each message goes to one member of the group.
    /// - Returns: the subscription, whose messages are an `AsyncSequence`.
    /// - Throws: `NATSError.invalidSubject` or `.clientClosed`.
    public func subscribe(_ subject: String, queue: String? = nil) throws -> NATSSubscription {
        try NATSSubject.check(subject)
        if let queue { try NATSSubject.check(queue) }
        let messages = SubscriptionQueue(maxMessages: options.pendingMessagesLimit, maxBytes: options.pendingBytesLimit)
        let sid = try state.withLockedValue { state in
            if state.isClosed { throw NATSError.clientClosed }
            let sid = state.nextSid
            state.nextSid += 1
            state.subscriptions[sid] = .init(subject: subject, queueGroup: queue, target: .queue(messages))
            var out = ByteBuffer()
            out.writeNATSSubscribe(subject: subject, queue: queue, sid: sid)
            // While reconnecting, the resubscription after the handshake sends it.
            state.connection?.write(out)
            return sid
        }
        return NATSSubscription(sid: sid, subject: subject, queueGroup: queue, queue: messages, client: self)
    }

    /// Ends `subscription` now, or after `maximum` messages in all (counting those already delivered).
    /// - Throws: `NATSError.clientClosed`.
    public func unsubscribe(_ subscription: NATSSubscription, after maximum: Int? = nil) throws {
        let finished = try state.withLockedValue { state -> Bool in
            if state.isClosed { throw NATSError.clientClosed }
            guard var entry = state.subscriptions[subscription.sid] else { return true }
            var out = ByteBuffer()
            if let maximum, entry.delivered < maximum {
                entry.maximum = maximum
                state.subscriptions[subscription.sid] = entry
                out.writeNATSUnsubscribe(sid: subscription.sid, max: maximum)
                state.connection?.write(out)
                return false
            }
            state.subscriptions[subscription.sid] = nil
            out.writeNATSUnsubscribe(sid: subscription.sid, max: nil)
            state.connection?.write(out)
            return true
        }
        if finished { subscription.queue.finish() }
    }

    /// Waits until the server has read everything published so far (a PING/PONG round trip).
    /// - Throws: `NATSError.connectionClosed` while reconnecting, `.timeout`, or `.clientClosed`.
    public func flush(timeout: Duration = .seconds(10)) async throws {
        let connection = try state.withLockedValue { state in
            if state.isClosed { throw NATSError.clientClosed }
            return state.connection
        }
        guard let connection else { throw NATSError.connectionClosed }
        let done = connection.channel.eventLoop.makePromise(of: Void.self)
        connection.ping().cascade(to: done)
        let timer = done.futureResult.eventLoop.scheduleTask(in: TimeAmount(timeout)) { done.fail(NATSError.timeout(operation: "flush")) }
        defer { timer.cancel() }
        try await done.futureResult.get()
    }
}
