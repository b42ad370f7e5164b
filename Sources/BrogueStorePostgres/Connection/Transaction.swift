import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A statement got no answer within the store's `queryTimeout`, so its connection was closed.
struct StatementTimedOut: Error {
    let seconds: Double
}

/// One connection inside one transaction: statements run one at a time, each waited for.
final class Transaction {
    let connection: PostgresConnection
    let logger: Logger
    /// How long one statement may take before the connection is closed under it: a server
    /// that stops answering (a partition, a stalled disk) then fails the call instead of
    /// blocking its caller for good.
    let timeout: TimeAmount
    /// Statements started so far, `BEGIN` included.
    private(set) var statements = 0

    init(connection: PostgresConnection, logger: Logger, timeout: Double) {
        self.connection = connection
        self.logger = logger
        self.timeout = .milliseconds(Int64(timeout * 1000))
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        try run(query).rows
    }

    /// Runs a statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try run(query).metadata.rows ?? 0
    }

    /// The answer, or `StatementTimedOut` at the deadline. The deadline fails the wait itself,
    /// not only the connection: postgres-nio drops a query written to a channel that has just
    /// closed (the server ended the session) and never answers it, so closing the connection
    /// would leave the caller blocked for good.
    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        statements += 1
        let connection = self.connection
        let answer = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let seconds = Double(timeout.nanoseconds) / 1e9
        let watchdog = connection.eventLoop.scheduleTask(in: timeout) {
            // Whichever comes first completes the promise; the other is ignored.
            answer.fail(StatementTimedOut(seconds: seconds))
            let _: EventLoopFuture<Void> = connection.close()
        }
        defer { watchdog.cancel() }
        connection.query(query, logger: logger).cascade(to: answer)
        return try answer.futureResult.blockingWait()
    }
}
