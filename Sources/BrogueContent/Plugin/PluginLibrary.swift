import BrogueCore
import Foundation

/// A plugin's native library, found on disk and hashed, for the host to load.
public struct PluginLibrary: Sendable, Hashable {
    /// The plugin's id.
    public var pluginID: String
    /// The file to open.
    public var path: String
    /// `library:` as the manifest writes it.
    public var written: String
    /// A stable hash of the file's bytes (the content hash covers it).
    public var hash: UInt64
    /// The ABI the manifest declares.
    public var abi: PluginABI
    /// The natives the manifest declares, in order.
    public var natives: [PluginNative]

    /// The largest library file hashed; anything bigger is refused.
    public static let maxBytes = 512 << 20

    /// Finds the library a manifest names.
    ///
    /// `library:` is a path inside the plugin folder. When that file does not exist and the value
    /// is a bare file name, the package the plugin folder sits in (the nearest folder above it
    /// with a `Package.swift`) is searched in `.build/debug` and `.build/release`, and the newer
    /// file wins: that is how a plugin in `Plugins/` finds a library `swift build` made. A file
    /// inside the folder that is a symbolic link to somewhere outside it is refused.
    /// - Returns: the library, or why it cannot be used.
    static func locate(_ manifest: PluginManifest) -> Result<PluginLibrary, Refusal> {
        guard let written = manifest.library, let abi = manifest.abi else { return .failure(Refusal("the manifest names no library")) }
        let folder = URL(fileURLWithPath: manifest.folder).standardizedFileURL
        let inside = folder.appendingPathComponent(written).standardizedFileURL
        var looked = [inside.path]
        var found: String?
        if FileManager.default.fileExists(atPath: inside.path) {
            let realFolder = folder.resolvingSymlinksInPath().path
            let real = inside.resolvingSymlinksInPath().path
            guard real.hasPrefix(realFolder + "/") else {
                return .failure(
                    Refusal(
                        "library '\(written)' is a link to \(real), outside the plugin folder",
                        hint: "put the library itself in the plugin folder, or name it by its bare file name to find a development build in .build"
                    )
                )
            }
            found = inside.path
        } else if !written.contains("/"), let package = packageRoot(above: folder) {
            let builds = ["debug", "release"].map { package.appendingPathComponent(".build/\($0)/\(written)").path }
            looked += builds
            let existing = builds.filter { FileManager.default.fileExists(atPath: $0) }
            found = existing.max { modified($0) < modified($1) }
        }
        guard let path = found else {
            return .failure(
                Refusal(
                    "library '\(written)' not found",
                    hint: "looked in \(looked.joined(separator: ", ")); build the plugin (docs/plugins.md), or fix 'library:' in its plugin.yaml"
                )
            )
        }
        switch hashFile(path) {
        case .success(let hash):
            return .success(PluginLibrary(pluginID: manifest.id, path: path, written: written, hash: hash, abi: abi, natives: manifest.natives))
        case .failure(let refusal):
            return .failure(refusal)
        }
    }

    /// The nearest folder at or above `folder` holding a `Package.swift`, at most 6 levels up.
    static func packageRoot(above folder: URL) -> URL? {
        var dir = folder
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
        return nil
    }

    private static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// A stable hash of a file's bytes: its length, then each 8 bytes as a little-endian word.
    static func hashFile(_ path: String) -> Result<UInt64, Refusal> {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else {
            return .failure(Refusal("library \(path) is not a regular file", hint: "point 'library:' at the built .so file"))
        }
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else {
            return .failure(Refusal("library \(path) is \(SourceReader.grouped(size)) bytes, over the \(SourceReader.bytes(maxBytes)) limit"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(Refusal("library \(path) could not be opened for reading", hint: "check its permissions"))
        }
        defer { try? handle.close() }
        var h = StableHasher()
        var total = 0
        var pending: [UInt8] = []
        while true {
            let read: Data?
            do { read = try handle.read(upToCount: 1 << 20) } catch {
                return .failure(Refusal("library \(path) could not be read: \(error.localizedDescription)"))
            }
            guard let chunk = read, !chunk.isEmpty else { break }
            total += chunk.count
            guard total <= maxBytes else {
                return .failure(Refusal("library \(path) grew past the \(SourceReader.bytes(maxBytes)) limit while it was read"))
            }
            pending.append(contentsOf: chunk)
            let whole = pending.count / 8 * 8
            pending.withUnsafeBytes { raw in
                for i in stride(from: 0, to: whole, by: 8) { h.combine(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) }
            }
            pending.removeFirst(whole)
        }
        var tail: UInt64 = 0
        for (i, b) in pending.enumerated() { tail |= UInt64(b) << (8 * UInt64(i)) }
        h.combine(tail)
        h.combine(total)
        return .success(h.value)
    }
}

/// Why a plugin is not loaded, in words for a person.
struct Refusal: Error {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
