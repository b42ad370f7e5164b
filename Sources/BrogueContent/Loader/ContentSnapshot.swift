import Foundation

/// The YAML files and libraries of a set of plugins, by size and modification time, so a
/// development session can notice edits by polling (no file-system events, nothing to set up).
public struct ContentSnapshot: Sendable, Equatable {
    struct Stamp: Sendable, Equatable {
        var size: Int
        var modified: Double
    }

    /// Absolute path -> stamp, for every YAML file under the plugin folders.
    var yaml: [String: Stamp] = [:]
    /// Library path -> stamp.
    var libraries: [String: Stamp] = [:]

    /// What changed between two snapshots, file by file.
    public struct Changes: Sendable, Equatable {
        /// "changed <file>", "added <file>", "removed <file>" for YAML files.
        public var yaml: [String]
        /// Libraries whose file changed since they were loaded.
        public var libraries: [String]

        public var isEmpty: Bool { yaml.isEmpty && libraries.isEmpty }
    }

    /// Reads the stamps of every `.yaml`/`.yml` file under the plugins' folders (hidden ones
    /// skipped, at most `maxFiles` per folder) and of their libraries.
    public static func take(_ plugins: [LoadedPlugin], maxFiles: Int = ContentLimits.default.maxFiles) -> ContentSnapshot {
        var snapshot = ContentSnapshot()
        for plugin in plugins {
            let folder = plugin.manifest.folder
            for relative in Glob.listFiles(in: folder, budget: maxFiles * 2) ?? [] where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                let path = LoadSession.join(folder, relative)
                if let stamp = stamp(path) { snapshot.yaml[path] = stamp }
            }
            if let library = plugin.library?.path, let stamp = stamp(library) { snapshot.libraries[library] = stamp }
        }
        return snapshot
    }

    /// What is different now from `old`, in path order.
    public func changes(since old: ContentSnapshot) -> Changes {
        func order(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        var yamlLines: [String] = []
        for path in Set(yaml.keys).union(old.yaml.keys).sorted(by: order) {
            switch (old.yaml[path], yaml[path]) {
            case (nil, .some): yamlLines.append("added \(path)")
            case (.some, nil): yamlLines.append("removed \(path)")
            case (let a?, let b?) where a != b: yamlLines.append("changed \(path)")
            default: break
            }
        }
        let libraryLines = Set(libraries.keys).union(old.libraries.keys).sorted(by: order).filter { old.libraries[$0] != libraries[$0] }
        return Changes(yaml: yamlLines, libraries: libraryLines)
    }

    private static func stamp(_ path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return Stamp(size: size, modified: modified)
    }
}
