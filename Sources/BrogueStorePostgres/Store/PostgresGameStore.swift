public import BrogueStore
public import Foundation
public import Logging

/// The store's protocols on a PostgreSQL server: what the instances of a cluster share.
///
/// Semantics are `SQLiteGameStore`'s (the same checks, errors and ordering; every method is
/// one transaction), plus leases whose epoch fences the writes of an instance that lost a
/// game. The schema is a list of named, forward-only migrations recorded in
/// `brogue_migrations`; two processes starting at once take turns (an advisory lock).
///
/// ```swift
/// let store = try PostgresGameStore(url: "postgres://brogue:secret@db:5432/brogue?sslmode=require")
/// for game in try store.unfinishedGames() { print(game.id, game.summary.depth) }
/// ```
///
/// Safe to share between threads: each call takes a connection of a bounded pool for its
/// transaction. Calls block (on NIO's event loop, never on a Swift task), so callers in Swift
/// concurrency hold their thread for one round of queries.
public final class PostgresGameStore: GameStore, AccountStore, GameTokenStore, GameLeaseStore {
    /// How the store connects.
    public struct Options: Sendable {
        /// The most connections the store opens at once.
        public var maxConnections: Int
        /// How long a call waits for a free connection before `StoreError.poolExhausted`.
        public var waitTimeout: Double
        /// How long connecting may take before `StoreError.unreachable`.
        public var connectTimeout: Double
        /// How long one statement may run before its connection is closed and the call fails
        /// with `StoreError.unreachable`.
        public var queryTimeout: Double
        /// Whether the store opens all `maxConnections` when it starts instead of when calls
        /// first need them: a node does, so that no player's action waits for a connection to
        /// be made (a new container's name may take seconds to resolve on a fresh network).
        public var openAllAtStart: Bool
        /// The clock for `startedAt`, `updatedAt` and `recordedAt`.
        public var now: @Sendable () -> Date
        /// Where postgres-nio logs; the password is never logged.
        public var logger: Logger
        /// Told how long each store call took, waiting for a connection included, as `read` or
        /// `write` (the node's `brogue_store_query_latency_seconds`); called on the caller's thread.
        public var onTransaction: (@Sendable (_ access: String, _ elapsed: Duration) -> Void)?

        public init(
            maxConnections: Int = 4,
            waitTimeout: Double = 5,
            connectTimeout: Double = 5,
            queryTimeout: Double = 30,
            openAllAtStart: Bool = false,
            now: @escaping @Sendable () -> Date = { Date() },
            logger: Logger = Logger(label: "brogue.store.postgres"),
            onTransaction: (@Sendable (_ access: String, _ elapsed: Duration) -> Void)? = nil
        ) {
            self.maxConnections = maxConnections
            self.waitTimeout = waitTimeout
            self.connectTimeout = connectTimeout
            self.queryTimeout = queryTimeout
            self.openAllAtStart = openAllAtStart
            self.now = now
            self.logger = logger
            self.onTransaction = onTransaction
        }
    }

    public let location: PostgresLocation
    public let options: Options
    let pool: ConnectionPool

    /// Connects to the server and brings its schema up to date.
    ///
    /// - Throws: `StoreError.unreachable` (naming host and port), `.cannotOpen` (no such
    ///   database, authentication failed), `.newerSchema`, `.invalidArgument` for a bad sslmode.
    public init(location: PostgresLocation, options: Options = Options()) throws(StoreError) {
        self.location = location
        self.options = options
        pool = try ConnectionPool(
            location: location,
            maxConnections: options.maxConnections,
            waitTimeout: options.waitTimeout,
            connectTimeout: options.connectTimeout,
            logger: options.logger
        )
        try PostgresSchema.migrate(self)
        if options.openAllAtStart { try pool.openAll() }
    }

    /// Reads `url` (`postgres://user:password@host:port/database?sslmode=...`) and connects.
    public convenience init(url: String, options: Options = Options()) throws(StoreError) {
        try self.init(location: PostgresLocation(url: url), options: options)
    }

    deinit { pool.shutDown() }

    /// Closes the store's connections; calls after this throw `StoreError.unreachable`.
    public func close() { pool.shutDown() }
}
