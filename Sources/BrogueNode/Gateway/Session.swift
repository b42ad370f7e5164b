import BrogueProtocol
import Logging
import NIOConcurrencyHelpers
import NIOCore
import Prometheus

/// One WebSocket connection from its upgrade to its close: opened (the address's cap, the
/// registry), its messages handled one at a time in order, and closed, with a Swift task only
/// while one of these is under way. Between messages it is a few objects and a watched deadline.
///
/// Every task it starts goes through `Inbox`, which lets one run at a time, so the cleanup after
/// the last message (`close`) runs once, after any message being handled when the channel closed.
final class Session: Sendable {
    let connection: Connection
    let handle: ConnectionHandle
    let reader: Reader
    let inbox: Inbox
    private let life = NIOLockedValueBox(Life())

    /// What `close` must undo, as `open` did it.
    private struct Life {
        /// Counted against its address's cap (`AddressLimiter.enter`).
        var admitted = false
        var registered = false
        /// Over its address's cap: its first message is answered `too_many_connections`.
        var refused = false
        var deadline: DeadlineWatch.Token?
    }

    init(connection: Connection, channel: any Channel) {
        self.connection = connection
        handle = ConnectionHandle(channel: channel, limit: connection.config.outboundQueueLimit, metrics: connection.metrics)
        reader = Reader(connection: connection, handle: handle)
        inbox = Inbox(channel: channel)
    }

    /// Starts the first task: it opens the connection, then handles what came meanwhile.
    func start() { spawn { await $0.open() } }

    /// A whole message arrived (on the event loop).
    func received(_ message: Inbox.Message) { if inbox.put(message) { spawn { await $0.serve() } } }

    /// The client closed or went away: what it sent before is still handled.
    func inputEnded() { if inbox.endInput() { spawn { await $0.serve() } } }

    /// A close frame went out: nothing more is handled.
    func stop() { if inbox.stop() { spawn { await $0.serve() } } }

    /// A task that lives until `work` ends, counted in `brogue_connection_tasks`.
    private func spawn(_ work: @escaping @Sendable (Session) async -> Void) {
        let tasks = connection.metrics.connectionTasks
        tasks.increment()
        Task {
            await work(self)
            tasks.decrement()
        }
    }

    private func open() async {
        let c = connection
        guard c.addresses.enter(c.address) else {
            let token = c.watchRefusal(handle)
            life.withLockedValue {
                $0.refused = true
                $0.deadline = token
            }
            return await serve()
        }
        life.withLockedValue { $0.admitted = true }
        c.logger.debug("connection opened", metadata: ["address": "\(c.address)"])
        guard await c.registry.register(handle) else {
            handle.end(ServerEnvelope(.bye(.shutdown, "the node is shutting down")), code: c.config.drainCloseCode)
            _ = inbox.stop()
            return await serve()
        }
        let token = c.watchIdle(reader.activity, handle: handle)
        life.withLockedValue {
            $0.registered = true
            $0.deadline = token
        }
        await serve()
    }

    /// Handles what waits, in order, then ends: the task holds `Inbox`'s turn until `next` gives it back.
    private func serve() async {
        while true {
            switch inbox.next() {
            case .wait:
                return
            case .close:
                return await close()
            case .handle(let message):
                if life.withLockedValue({ $0.refused }) {
                    connection.refuse(handle)
                    _ = inbox.stop()
                } else if await !reader.receive(message) {
                    _ = inbox.stop()
                }
            }
        }
    }

    /// The connection is over: every count `open` made is taken back, once.
    private func close() async {
        let life = life.withLockedValue { $0 }
        if let token = life.deadline { connection.deadlines.forget(token) }
        await reader.stopWatching()
        // A close frame, if the connection ended without one (the client stopped sending).
        handle.endQuietly()
        if life.registered { await connection.registry.unregister(handle, game: reader.host?.id) }
        if life.admitted { connection.addresses.leave(connection.address) }
        handle.releaseQueued()
    }
}
