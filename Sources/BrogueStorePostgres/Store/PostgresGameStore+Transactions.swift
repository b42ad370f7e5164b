import BrogueStore
import PostgresNIO

extension PostgresGameStore {
    enum Access: Equatable {
        /// `BEGIN`: read committed; writes lock the rows they check (`FOR UPDATE`).
        case write
        /// One snapshot for every statement, nothing written.
        case read
        /// A single reading statement, atomic by itself: no `BEGIN`/`COMMIT` round trips.
        case statement

        var begin: PostgresQuery? {
            switch self {
            case .write: return "BEGIN"
            case .read: return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            case .statement: return nil
            }
        }
    }

    /// Runs `body` in one transaction on a pooled connection: committed when it returns,
    /// rolled back when it throws. A pooled connection found dead before anything was done on
    /// it (the server restarted, or ended the session) is replaced once, and the call retried.
    func transaction<T>(_ access: Access = .write, _ body: (Transaction) throws -> T) throws(StoreError) -> T {
        if let report = options.onTransaction {
            let started = ContinuousClock.now
            defer { report(access == .write ? "write" : "read", ContinuousClock.now - started) }
            return try run(access, body)
        }
        return try run(access, body)
    }

    private func run<T>(_ access: Access, _ body: (Transaction) throws -> T) throws(StoreError) -> T {
        var retried = false
        while true {
            let (connection, reused) = try pool.take()
            let transaction = Transaction(connection: connection, logger: options.logger, timeout: options.queryTimeout)
            do {
                if let begin = access.begin { try transaction.execute(begin) }
                let value = try body(transaction)
                if access.begin != nil { try transaction.execute("COMMIT") }
                pool.giveBack(connection)
                return value
            } catch {
                let connectionFailed = PostgresErrors.isConnectionFailure(error)
                if connectionFailed {
                    pool.discard(connection)
                    // Retrying is safe when nothing can have happened: the failure came at
                    // `BEGIN`, or in a single read.
                    if reused, !retried, transaction.statements == 1, !(error is StatementTimedOut) {
                        retried = true
                        continue
                    }
                } else if access.begin == nil || (try? transaction.execute("ROLLBACK")) != nil {
                    pool.giveBack(connection)
                } else {
                    pool.discard(connection)
                }
                throw PostgresErrors.storeError(error, location: location)
            }
        }
    }
}
