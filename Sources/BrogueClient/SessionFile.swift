import Foundation

/// The session tokens `brogue connect --user` keeps, one per node address and account, in
/// `node-sessions.json` in the data folder (readable by its owner only), so the next connect
/// logs in without the password.
public struct SessionFile: Sendable {
    public let path: String

    /// - Parameter folder: the data folder (`--data`, `BROGUE_DATA_DIR`...).
    public init(folder: String) { path = (folder as NSString).appendingPathComponent("node-sessions.json") }

    private static func key(url: String, user: String) -> String { "\(url)|\(user.lowercased())" }

    private func all() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    /// The token kept for `user` on the node at `url`.
    public func token(url: String, user: String) -> String? { all()[Self.key(url: url, user: user)] }

    /// Keeps (or, with nil, forgets) the token for `user` on the node at `url`.
    /// - Throws: when the folder or file cannot be written.
    public func set(_ token: String?, url: String, user: String) throws {
        var tokens = all()
        tokens[Self.key(url: url, user: user)] = token
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(tokens)
        // Created private before the token is written into it.
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try data.write(to: URL(fileURLWithPath: path))
    }
}
