import Foundation
import Testing

@testable import BrogueContent

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// The core plugin folder in the repository.
let corePlugin = repositoryRoot + "/content/core"

/// A scratch folder under the system's temporary directory, removed when the value goes away.
final class TempFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-content-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes text to a path relative to the folder, creating folders as needed.
    @discardableResult
    func write(_ relative: String, _ text: String) -> String {
        write(relative, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    func remove(_ relative: String) {
        try? FileManager.default.removeItem(atPath: path + "/" + relative)
    }

    /// A copy of the core plugin at `relative`, to change one file of and load.
    @discardableResult
    func copyCore(to relative: String = "core") -> String {
        let destination = path + "/" + relative
        try? FileManager.default.copyItem(atPath: corePlugin, toPath: destination)
        return destination
    }
}

/// Loads plugins and returns every diagnostic, or an empty list when loading succeeded.
func loadDiagnostics(_ folders: [String], limits: ContentLimits = .default) -> [Diagnostic] {
    do {
        let loaded = try ContentLoader(limits: limits).load(plugins: folders)
        return loaded.warnings
    } catch {
        return error.diagnostics
    }
}

/// Composes bytes the way a content file is composed, returning the diagnostics.
func composeDiagnostics(_ bytes: [UInt8], limits: ContentLimits = .default, file: String = "test.yaml") -> (YNode?, [Diagnostic]) {
    let sink = DiagnosticSink(file: file, cap: limits.maxDiagnosticsPerFile)
    let node = SourceReader(limits: limits).compose(bytes, expected: "a mapping", sink: sink)
    return (node, sink.finish())
}

extension [Diagnostic] {
    var errors: [Diagnostic] { filter { $0.severity == .error } }
}

/// The errors reported in `path`, as "line:column message".
func errorLines(_ diagnostics: [Diagnostic], in path: String) -> [String] {
    diagnostics.filter { $0.file == path && $0.severity == .error }.map { "\($0.line):\($0.column) \($0.message)" }
}
