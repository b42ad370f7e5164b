import Foundation

/// A scratch folder under the system's temporary directory, removed when the value goes away.
final class TempFolder {
    let url: URL
    /// Run first when the folder goes, for what a test made outside it (a database).
    private var cleanups: [() -> Void] = []

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        for cleanup in cleanups.reversed() { cleanup() }
        ReadOnly.restore(url)
        if let items = try? FileManager.default.subpathsOfDirectory(atPath: url.path) {
            for item in items { ReadOnly.restore(url.appendingPathComponent(item)) }
        }
        try? FileManager.default.removeItem(at: url)
    }

    var path: String { url.path }

    /// Runs `cleanup` when the folder is removed.
    func onRemove(_ cleanup: @escaping () -> Void) { cleanups.append(cleanup) }

    /// A path inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}
