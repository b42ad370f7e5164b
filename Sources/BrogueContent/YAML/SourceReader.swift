import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads one content file from disk and composes it, within the limits.
///
/// The order matters for hostile files: the size is checked before reading, the bytes are
/// pre-scanned before the parser sees them, and the composer counts nodes as it builds.
struct SourceReader {
    let limits: ContentLimits

    /// The file's top node, or nil when the file could not be read (problems went to `sink`).
    /// - Parameter expected: what the file should hold, for the empty-file message ("a monster mapping").
    func read(path: String, expected: String, sink: DiagnosticSink) -> YNode? {
        guard let bytes = readBytes(path: path, sink: sink) else { return nil }
        return compose(bytes, expected: expected, sink: sink)
    }

    /// Composes bytes already in memory; used by `read` and by tests.
    func compose(_ raw: [UInt8], expected: String, sink: DiagnosticSink) -> YNode? {
        var bytes = raw
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard PreScan.check(bytes, maxDepth: limits.maxDepth, sink: sink) else { return nil }
        switch YAMLComposer(limits: limits).compose(bytes, sink: sink) {
        case .document(let node):
            if node.isNull {
                sink.error(.start, "file holds no content", hint: "write \(expected)")
                return nil
            }
            return node
        case .empty:
            sink.error(.start, "file is empty", hint: "write \(expected)")
            return nil
        case .failed:
            return nil
        }
    }

    /// One `open` (following a link, as a plugin may link a shared file) and the checks on what it
    /// opened: the size is known before a byte is read, and the file checked is the file read.
    /// `O_NONBLOCK` keeps a FIFO named like a content file from hanging the load.
    private func readBytes(path: String, sink: DiagnosticSink) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            sink.error(.start, "file not found or not readable")
            return nil
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            sink.error(.start, "file not found or not readable")
            return nil
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            sink.error(.start, "not a regular file", hint: "content globs must match YAML files only")
            return nil
        }
        let size = Int(info.st_size)
        guard size <= limits.maxFileBytes else {
            sink.error(
                .start,
                "file is \(Self.grouped(size)) bytes, over the \(Self.bytes(limits.maxFileBytes)) limit for content files",
                hint: "split it up"
            )
            return nil
        }
        guard let bytes = Self.readAll(fd, expected: size, limit: limits.maxFileBytes) else {
            sink.error(.start, "file could not be read: \(String(cString: strerror(errno)))")
            return nil
        }
        guard bytes.count <= limits.maxFileBytes else {
            sink.error(.start, "file is over the \(Self.bytes(limits.maxFileBytes)) limit for content files", hint: "split it up")
            return nil
        }
        return bytes
    }

    /// Every byte to the end of the file, or the first `limit + 1` if it grew past the limit since it
    /// was measured; nil on a read error (`errno` says which).
    private static func readAll(_ fd: Int32, expected: Int, limit: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: min(expected, limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// A limit as people write it: "1 MiB", "16 KiB", "300 bytes".
    static func bytes(_ n: Int) -> String {
        if n >= 1 << 20, n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10, n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(grouped(n)) bytes"
    }

    /// `4294967296` as `4,294,967,296`.
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return String(digits)
    }
}
