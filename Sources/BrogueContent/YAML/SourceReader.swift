import Foundation

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

    private func readBytes(path: String, sink: DiagnosticSink) -> [UInt8]? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
            sink.error(.start, "file not found or not readable")
            return nil
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            sink.error(.start, "not a regular file", hint: "content globs must match YAML files only")
            return nil
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limits.maxFileBytes else {
            sink.error(
                .start,
                "file is \(Self.grouped(size)) bytes, over the \(Self.bytes(limits.maxFileBytes)) limit for content files",
                hint: "split it up"
            )
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: resolved) else {
            sink.error(.start, "file could not be opened for reading")
            return nil
        }
        defer { try? handle.close() }
        // Read one byte past the limit in case the file grew since it was measured.
        guard let data = try? handle.read(upToCount: limits.maxFileBytes + 1) else { return [] }
        guard data.count <= limits.maxFileBytes else {
            sink.error(.start, "file is over the \(Self.bytes(limits.maxFileBytes)) limit for content files", hint: "split it up")
            return nil
        }
        return [UInt8](data)
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
