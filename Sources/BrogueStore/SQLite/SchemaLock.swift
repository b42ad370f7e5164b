import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file beside the database, held while a store prepares its schema,
/// so that processes opening one new store at once migrate it one after the other.
struct SchemaLock {
    private let fd: Int32

    /// Waits up to `timeout` seconds for the lock.
    /// - Throws: `StoreError.locked` when another opener holds it longer, `.cannotOpen` when the
    ///   lock file cannot be made.
    init(path: String, timeout: Double) throws(StoreError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, detail: "cannot create its lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(fd)
                throw .locked(path: path, timeoutSeconds: timeout)
            }
            usleep(5_000)
        }
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
