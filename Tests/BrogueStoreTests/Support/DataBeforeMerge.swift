import Foundation

/// `Fixtures/data-before-merge` (see its README): a data folder written by the node when it
/// kept accounts and game tokens in `node.sqlite`. Tests work on copies.
enum DataBeforeMerge {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/data-before-merge")

    /// Copies `brogue.sqlite` and `node.sqlite` into `target`.
    static func copy(to target: TempFolder) throws {
        for name in ["brogue.sqlite", "node.sqlite"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target.url.appendingPathComponent(name))
        }
    }

    /// The fixture's session tokens' SHA-256, as `node.sqlite` holds them.
    static let sessionHashes = [
        "3615d8b4b087922b3b8a222a26717cf60acfe6eed69e7fe9a507cc4587c7bd42",
        "85159fa511bccdc80b407dab0380a2273f294a73768c6f4b8179135697fd9b01",
    ]
    static let gameTokens: [Int64: String] = [
        1: "a192e4329e4eb0d1cc70b74b99df652d",
        2: "c129d5cd8e8ec0010e85eab3e29f0a96",
        3: "e35265c8a63a4badbdc0245c194d98fb",
    ]
}
