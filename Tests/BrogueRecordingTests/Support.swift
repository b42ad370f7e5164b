import BrogueContent
import BrogueCore
import Foundation

/// The real core content, loaded once.
enum CoreContent {
    static let loaded: LoadedContent = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        do {
            return try ContentLoader().load(plugins: [root.appendingPathComponent("content/core").path])
        } catch {
            fatalError("content/core does not load: \(error)")
        }
    }()
    static var catalog: ContentCatalog { loaded.catalog }
    static var set: [ContentSetMember] { loaded.contentSet }
}

/// A temporary folder, removed when the value goes away.
final class TempFolder: Sendable {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("brogue-recording-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}
