package import BrogueStore
import Logging
import NIOCore
import PostgresNIO

/// Statements that cannot run inside a transaction (`CREATE DATABASE`, `DROP DATABASE`), on a
/// connection of their own: for tools and tests that make throwaway databases.
package enum PostgresAdmin {
    /// Creates the database `name` on `location`'s server.
    package static func createDatabase(_ name: String, on location: PostgresLocation) throws(StoreError) {
        try execute("CREATE DATABASE \(try identifier(name))", on: location)
    }

    /// Drops the database `name`, ending the sessions still connected to it.
    package static func dropDatabase(_ name: String, on location: PostgresLocation) throws(StoreError) {
        try execute("DROP DATABASE IF EXISTS \(try identifier(name)) WITH (FORCE)", on: location)
    }

    /// Runs one statement outside any transaction, on a new connection closed after it.
    package static func execute(_ sql: String, on location: PostgresLocation) throws(StoreError) {
        let pool = try ConnectionPool(
            location: location,
            maxConnections: 1,
            waitTimeout: 5,
            connectTimeout: 5,
            logger: Logger(label: "brogue.store.postgres")
        )
        defer { pool.shutDown() }
        let (connection, _) = try pool.take()
        do {
            try connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "brogue.store.postgres")).blockingWait()
            pool.giveBack(connection)
        } catch {
            pool.discard(connection)
            throw PostgresErrors.storeError(error, location: location)
        }
    }

    /// Lower-case letters, digits and `_` only, so a name needs no quoting.
    private static func identifier(_ name: String) throws(StoreError) -> String {
        guard (1...63).contains(name.utf8.count), name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F })
        else {
            throw .invalidArgument("database name '\(name.prefix(63))': use 1-63 lower-case letters, digits and '_'")
        }
        return name
    }
}
