import Foundation

/// A scratch folder under the system's temporary directory, removed when the value goes away.
final class TempFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        ReadOnly.restore(url)
        if let items = try? FileManager.default.subpathsOfDirectory(atPath: url.path) {
            for item in items { ReadOnly.restore(url.appendingPathComponent(item)) }
        }
        try? FileManager.default.removeItem(at: url)
    }

    var path: String { url.path }

    /// A path inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}
