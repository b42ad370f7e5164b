import ArgumentParser
import BrogueStore
import BrogueStorePostgres
import Foundation

/// A PostgreSQL store in place of the data folder's file, for the commands that read games.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "A PostgreSQL store to use instead of the data folder: postgres://user@host:5432/database?sslmode=prefer "
                + "(sslmode: disable, prefer, require, verify-full). The password comes from $PGPASSWORD unless the address has one.",
            valueName: "url"
        )
    )
    var url: String?

    func validate() throws {
        if let url, !url.hasPrefix("postgres://"), !url.hasPrefix("postgresql://") {
            throw ValidationError("--store takes a postgres:// address; for a folder use --data")
        }
    }

    /// The store `--store` names, else the data folder's; exits with the store's explanation.
    ///
    /// - Returns: the store and where it is, for messages.
    func open(_ data: DataOptions, readOnly: Bool = false) throws -> (store: any GameStore, place: String) {
        guard let url else {
            let store = try data.open(readOnly: readOnly)
            return (store, store.path)
        }
        if data.folder != nil {
            Console.error("brogue: give --store or --data, not both")
            throw ExitCode(1)
        }
        do {
            var location = try PostgresLocation(url: url)
            if !location.hasPassword, let password = ProcessInfo.processInfo.environment["PGPASSWORD"], !password.isEmpty {
                location = location.with(password: password)
            }
            return (try PostgresGameStore(location: location), location.description)
        } catch {
            Console.error("brogue: \(error)")
            throw ExitCode(1)
        }
    }

}
