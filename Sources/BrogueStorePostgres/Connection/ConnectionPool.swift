import BrogueStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// At most `maxConnections` connections to one server, shared by the threads of one store.
///
/// The store's protocols are synchronous, so the pool blocks: a caller waits on a condition
/// (bounded by `waitTimeout`) for a free connection, and waits on NIO futures, on NIO's own
/// event loop, for connecting and querying. No Swift task is created and blocked on, so a
/// caller running on the cooperative pool never waits for work that needs that pool.
final class ConnectionPool: @unchecked Sendable {
    /// NIO's threads for every PostgreSQL store of the process: one is plenty for a few
    /// connections, and none of them ever runs a caller's code, so `wait()` is safe.
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    let location: PostgresLocation
    let maxConnections: Int
    let waitTimeout: Double
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0
    private var isShutDown = false

    init(location: PostgresLocation, maxConnections: Int, waitTimeout: Double, connectTimeout: Double, logger: Logger) throws(StoreError) {
        self.location = location
        self.maxConnections = max(1, maxConnections)
        self.waitTimeout = waitTimeout
        self.logger = logger
        var configuration = PostgresConnection.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: location.password,
            database: location.database,
            tls: try PostgresTLS.configuration(for: location)
        )
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        self.configuration = configuration
    }

    /// A connection for the caller's use alone, and whether it was used before (then it may
    /// have died since; a fresh one was just proven alive).
    func take() throws(StoreError) -> (connection: PostgresConnection, reused: Bool) {
        let deadline = Date(timeIntervalSinceNow: waitTimeout)
        condition.lock()
        while true {
            if isShutDown {
                condition.unlock()
                throw .unreachable(server: location.server, detail: "the store was closed")
            }
            while let connection = idle.popLast() {
                if !connection.isClosed {
                    condition.unlock()
                    return (connection, true)
                }
                open -= 1
            }
            if open < maxConnections {
                open += 1
                nextID += 1
                let id = nextID
                condition.unlock()
                return (try connect(id: id), false)
            }
            guard condition.wait(until: deadline) || !idle.isEmpty || open < maxConnections else {
                condition.unlock()
                throw .poolExhausted(server: location.server, connections: maxConnections, waitedSeconds: waitTimeout)
            }
        }
    }

    /// Opens connections until all `maxConnections` exist, and leaves them idle: whoever calls
    /// first later (a player's action) does not wait for a connection to be made.
    func openAll() throws(StoreError) {
        var taken: [PostgresConnection] = []
        defer { for connection in taken { giveBack(connection) } }
        for _ in 0..<maxConnections { taken.append(try take().connection) }
    }

    /// How many connections exist, idle or in use.
    var openCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return open
    }

    /// Returns a healthy connection, idle between transactions.
    func giveBack(_ connection: PostgresConnection) {
        condition.lock()
        if isShutDown {
            condition.unlock()
            Self.close(connection)
            return
        }
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }

    /// Forgets a connection that failed or is in an unknown state, making room for a new one.
    func discard(_ connection: PostgresConnection) {
        Self.close(connection)
        condition.lock()
        open -= 1
        condition.signal()
        condition.unlock()
    }

    /// Closes the idle connections; those in use close when given back.
    func shutDown() {
        condition.lock()
        isShutDown = true
        let closing = idle
        open -= idle.count
        idle = []
        condition.broadcast()
        condition.unlock()
        for connection in closing { Self.close(connection) }
    }

    /// Closes without waiting (a store may go away on any thread), keeping the connection
    /// alive until its channel is closed, as postgres-nio asks.
    private static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func connect(id: Int) throws(StoreError) -> PostgresConnection {
        let started = ContinuousClock.now
        // A caller waits for this (a game's action among them): a slow one is worth a line in the log.
        defer {
            let took = ContinuousClock.now - started
            if took > .seconds(1) {
                logger.warning(
                    "opening a PostgreSQL connection was slow",
                    metadata: [
                        "server": "\(location.server)",
                        "ms": "\(took.components.seconds * 1000 + took.components.attoseconds / 1_000_000_000_000_000)",
                    ]
                )
            }
        }
        do {
            let loop = Self.eventLoops.next()
            return try PostgresConnection.connect(on: loop, configuration: configuration, id: id, logger: logger).blockingWait()
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw PostgresErrors.storeError(error, location: location)
        }
    }
}
