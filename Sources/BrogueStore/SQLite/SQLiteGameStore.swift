public import Foundation
import GRDB

/// A `GameStore` in one SQLite file: the embedded default, needing nothing but a folder.
///
/// Durability: WAL journal with `synchronous = NORMAL`. A committed transaction survives the
/// process being killed (even `kill -9`) at any moment; a power cut or OS crash may lose the
/// last transactions committed before it, never the file's consistency. `docs/store.md` has
/// the details and the schema.
///
/// ```swift
/// let store = try SQLiteGameStore(path: SQLiteGameStore.defaultPath())
/// for game in try store.unfinishedGames() { print(game.id, game.summary.depth) }
/// ```
///
/// One connection, serialised: safe to share between threads. Several processes may open the
/// same file; a writer waits up to `Options.busyTimeout` for another writer's lock.
public final class SQLiteGameStore: GameStore {
    /// Whether the store may write.
    public enum Access: Sendable, Hashable {
        /// Create the file if needed, upgrade its schema, play.
        case readWrite
        /// List, load and export only; works on read-only files and folders. Writes throw
        /// `StoreError.readOnly`.
        case readOnly
    }

    /// How the store opens its file.
    public struct Options: Sendable {
        public var access: Access
        /// How long a write waits for another connection's lock before `StoreError.locked`.
        public var busyTimeout: Double
        /// A cap on the file's size in bytes (SQLite's `max_page_count`): writes past it fail
        /// with `StoreError.diskFull`, as on a full disk. Nil: no cap.
        public var maximumBytes: Int?
        /// The clock for `startedAt`, `updatedAt` and `recordedAt` (the host's: the store is
        /// not rules).
        public var now: @Sendable () -> Date

        public init(
            access: Access = .readWrite,
            busyTimeout: Double = 5,
            maximumBytes: Int? = nil,
            now: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.access = access
            self.busyTimeout = busyTimeout
            self.maximumBytes = maximumBytes
            self.now = now
        }
    }

    /// The database file.
    public let path: String
    public let options: Options
    let queue: DatabaseQueue

    /// Opens (creating if needed, when writable) the store at `path`.
    ///
    /// Checks, in order, before writing anything: that the folder and file are writable (for
    /// `.readWrite`), that the file is a database, and that it records no migration this build
    /// doesn't know. Then switches the file to WAL and applies missing migrations.
    ///
    /// - Parameters:
    ///   - path: the database file; its folder is created when missing (`.readWrite`).
    ///   - options: access, busy timeout, size cap, clock.
    /// - Throws: `StoreError.corrupt`, `.newerSchema`, `.readOnly`, `.locked`, `.cannotOpen`.
    public init(path: String, options: Options = Options()) throws(StoreError) {
        self.path = path
        self.options = options
        try Self.checkAccess(path: path, access: options.access)

        var config = Configuration()
        config.label = "BrogueStore"
        config.readonly = options.access == .readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(options.busyTimeout)
        let writable = options.access == .readWrite
        let cap = options.maximumBytes
        config.prepareDatabase { db in
            if writable { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            if let cap {
                let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                try db.execute(sql: "PRAGMA max_page_count = \(max(1, cap / max(512, pageSize)))")
            }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            let failure = Self.storeError(error, path: path, busyTimeout: options.busyTimeout)
            guard case .cannotOpen = failure, options.access == .readOnly,
                let immutable = try? DatabaseQueue(path: Self.immutableURI(path), configuration: config)
            else { throw failure }
            queue = immutable
        }
        try prepareSchema()
    }

    /// A read-only WAL database needs its `-shm` file, which cannot be created in a read-only
    /// folder. SQLite's `immutable` flag reads the file without it (and without the `-wal`,
    /// whose uncheckpointed commits, if a crash left any, are then not seen). Needs SQLite
    /// built with URI file names, as Debian's is.
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        return absolute.absoluteString + "?immutable=1"
    }

    /// Refuses newer schemas before any write, then turns WAL on and migrates.
    private func prepareSchema() throws(StoreError) {
        // Two processes opening a new store at once would both see it unmigrated and both run
        // the migrations (`table ... already exists`, `no such table: grdb_migrations`): the
        // checks and the changes are made under a lock on a file beside the database, one
        // opener at a time. A read-only store changes nothing and takes no lock.
        let lock = options.access == .readWrite ? try SchemaLock(path: path + ".lock", timeout: options.busyTimeout) : nil
        defer { lock?.release() }
        let migrator = StoreSchema.migrator
        let (applied, complete) = try read { db in
            (try migrator.appliedIdentifiers(db), try migrator.hasCompletedMigrations(db))
        }
        let unknown = applied.subtracting(migrator.migrations).sorted()
        guard unknown.isEmpty else { throw .newerSchema(path: path, unknownMigrations: unknown) }
        guard options.access == .readWrite else {
            if !complete { throw .readOnly(path: path, detail: "its schema needs an upgrade, which needs write access") }
            return
        }
        do {
            try queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" else { return }
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw StoreError.database(path: path, detail: "SQLite refused WAL mode (journal_mode is \(mode ?? "unknown"))")
                }
            }
            if !complete { try migrator.migrate(queue) }
        } catch {
            throw storeError(error)
        }
    }

    /// Fails early, with a message about permissions rather than SQLite's, when a writable
    /// store cannot be written.
    private static func checkAccess(path: String, access: Access) throws(StoreError) {
        let files = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        switch access {
        case .readOnly:
            guard files.fileExists(atPath: path) else { throw .cannotOpen(path: path, detail: "no such file") }
        case .readWrite:
            if !files.fileExists(atPath: folder) {
                do {
                    try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw .cannotOpen(path: path, detail: "could not create the folder \(folder): \(error.localizedDescription)")
                }
            }
            guard files.isWritableFile(atPath: folder) else {
                throw .readOnly(path: path, detail: "its folder \(folder) is not writable")
            }
            if files.fileExists(atPath: path), !files.isWritableFile(atPath: path) {
                throw .readOnly(path: path, detail: "the file is not writable")
            }
        }
    }

    /// Where the store lives unless told otherwise; creates the folder.
    ///
    /// `$BROGUE_DATA_DIR/brogue.sqlite` if set, else `$XDG_DATA_HOME/brogue/brogue.sqlite`
    /// (when it is an absolute path, as the XDG spec asks), else
    /// `~/.local/share/brogue/brogue.sqlite`. Empty variables count as unset.
    ///
    /// - Parameter environment: the variables to read; the process's by default.
    /// - Returns: the database file's path.
    /// - Throws: `StoreError.cannotOpen` when the folder cannot be created.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> String {
        func value(_ name: String) -> String? {
            guard let v = environment[name], !v.isEmpty else { return nil }
            return v
        }
        let folder: URL
        if let dir = value("BROGUE_DATA_DIR") {
            folder = URL(fileURLWithPath: dir)
        } else if let xdg = value("XDG_DATA_HOME"), xdg.hasPrefix("/") {
            folder = URL(fileURLWithPath: xdg).appendingPathComponent("brogue")
        } else {
            let home = value("HOME").map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
            folder = home.appendingPathComponent(".local/share/brogue")
        }
        let path = folder.appendingPathComponent("brogue.sqlite").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotOpen(path: path, detail: "could not create the folder \(folder.path): \(error.localizedDescription)")
        }
        return path
    }
}
