import Foundation

/// Makes files and folders unwritable, even for root (tests here run as root, which ignores
/// permission bits): `chmod` for ordinary users, the immutable attribute (`chattr +i`) for root.
enum ReadOnly {
    static var isRoot: Bool { geteuid() == 0 }

    /// Whether this machine can make a file unwritable for the current user.
    static let isSupported: Bool = {
        guard isRoot else { return true }
        let folder = TempFolder()
        let probe = folder.file("probe")
        guard FileManager.default.createFile(atPath: probe, contents: Data("x".utf8)) else { return false }
        defer { restore(URL(fileURLWithPath: probe)) }
        return make(URL(fileURLWithPath: probe)) && !FileManager.default.isWritableFile(atPath: probe)
    }()

    /// - Returns: false when the change could not be made.
    @discardableResult
    static func make(_ url: URL) -> Bool {
        if isRoot { return run("/usr/bin/chattr", ["+i", url.path]) }
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        return chmod(url.path, isFolder.boolValue ? 0o555 : 0o444) == 0
    }

    static func restore(_ url: URL) {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        if isRoot {
            if let attributes = try? lsattr(url), attributes.contains("i") { _ = run("/usr/bin/chattr", ["-i", url.path]) }
        } else {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            _ = chmod(url.path, isFolder.boolValue ? 0o755 : 0o644)
        }
    }

    private static func lsattr(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/lsattr")
        p.arguments = ["-d", url.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        guard FileManager.default.isExecutableFile(atPath: tool) else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
