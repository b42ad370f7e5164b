import BrogueStore
import PostgresNIO

extension PostgresGameStore {
    enum Access {
        /// `BEGIN`: read committed; writes lock the rows they check (`FOR UPDATE`).
        case write
        /// One snapshot for every statement, nothing written.
        case read

        var begin: PostgresQuery {
            switch self {
            case .write: return "BEGIN"
            case .read: return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            }
        }
    }

    /// Runs `body` in one transaction on a pooled connection: committed when it returns,
    /// rolled back when it throws. A pooled connection found dead at `BEGIN` (the server
    /// restarted, or ended it) is replaced once, as nothing was done on it yet.
    func transaction<T>(_ access: Access = .write, _ body: (Transaction) throws -> T) throws(StoreError) -> T {
        var retried = false
        while true {
            let (connection, reused) = try pool.take()
            let transaction = Transaction(connection: connection, logger: options.logger)
            do {
                try transaction.execute(access.begin)
            } catch {
                pool.discard(connection)
                if reused, !retried, PostgresErrors.isConnectionFailure(error) {
                    retried = true
                    continue
                }
                throw PostgresErrors.storeError(error, location: location)
            }
            do {
                let value = try body(transaction)
                try transaction.execute("COMMIT")
                pool.giveBack(connection)
                return value
            } catch {
                if !PostgresErrors.isConnectionFailure(error), (try? transaction.execute("ROLLBACK")) != nil {
                    pool.giveBack(connection)
                } else {
                    pool.discard(connection)
                }
                throw PostgresErrors.storeError(error, location: location)
            }
        }
    }
}
