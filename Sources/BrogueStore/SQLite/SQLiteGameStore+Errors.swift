import Foundation
import GRDB

extension SQLiteGameStore {
    /// Runs a read transaction, turning every failure into a `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw storeError(error)
        }
    }

    /// Runs an immediate write transaction (all or nothing), turning every failure into a
    /// `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        guard options.access == .readWrite else { throw .readOnly(path: path, detail: "the store was opened read-only") }
        do {
            return try queue.write(body)
        } catch {
            throw storeError(error)
        }
    }

    func storeError(_ error: any Error) -> StoreError {
        Self.storeError(error, path: path, busyTimeout: options.busyTimeout)
    }

    /// SQLite's result codes, in the store's words.
    static func storeError(_ error: any Error, path: String, busyTimeout: Double) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .database(path: path, detail: "\(error)") }
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: "SQLite: \(message)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, timeoutSeconds: busyTimeout)
        case .SQLITE_READONLY:
            return .readOnly(path: path, detail: "SQLite: \(message)")
        case .SQLITE_FULL:
            return .diskFull(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM:
            return .cannotOpen(path: path, detail: "SQLite: \(message)")
        default:
            return .database(path: path, detail: "SQLite error \(error.extendedResultCode.rawValue): \(message)")
        }
    }
}
